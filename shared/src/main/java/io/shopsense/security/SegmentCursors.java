package io.shopsense.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signs the paging position a store hands out for a segment, and checks it when it comes back. A cursor is
 * {@code base64url(position) "." base64url(HMAC(segment "\n" position))} under the cursor sub-key, so a cursor is
 * valid only for the segment it was given out for: a forged position (NaN, 1e999, an empty key), a tampered one or
 * one moved to another segment is refused before any store sees it.
 */
public final class SegmentCursors {
    /** Far above any position the store gives out (a customer id, a segment and a number). */
    static final int MAX_CHARS = 1024;

    private final Supplier<ShopSecret> secret;

    public SegmentCursors(ShopSecret secret) {
        this(() -> secret);
    }

    /** Cursors whose secret is fetched on first use (the API's other routes never need it). */
    public SegmentCursors(Supplier<ShopSecret> secret) {
        this.secret = secret;
    }

    /** The cursor for {@code position} in {@code segment}; null stays null (no next page). */
    public String sign(String segment, String position) {
        if (position == null) {
            return null;
        }
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(position.getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(secret.get().mac(ShopSecret.Purpose.SEGMENT_CURSOR, signed(segment, position)));
    }

    /** The position a cursor carries, if this API signed it for {@code segment}; empty for anything else. */
    public Optional<String> open(String segment, String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CHARS) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            byte[] positionBytes = base64.decode(cursor.substring(0, dot));
            byte[] tag = base64.decode(cursor.substring(dot + 1));
            String position = new String(positionBytes, StandardCharsets.UTF_8);
            if (!java.util.Arrays.equals(position.getBytes(StandardCharsets.UTF_8), positionBytes)) {
                return Optional.empty(); // not UTF-8: nothing this API signed
            }
            return secret.get().verify(ShopSecret.Purpose.SEGMENT_CURSOR, signed(segment, position), tag)
                    ? Optional.of(position) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static String signed(String segment, String position) {
        return segment + "\n" + position;
    }
}
