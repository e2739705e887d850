package io.shopsense.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shop's one secret (Secrets Manager on AWS, a key file locally) and the keyed hashes derived from it. Each use
 * gets its own sub-key (HMAC of the purpose's label under the secret), so an erasure record and a segment cursor can
 * never be swapped for one another, and a leaked sub-key reveals nothing about the others.
 */
public final class ShopSecret {
    /** At least 32 bytes: HMAC-SHA256's own strength, and what the template's generated secret gives. */
    public static final int MIN_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    /** What a keyed hash is for; the label is part of the derivation, so never change one. */
    public enum Purpose {
        ERASURE_RECORD("shopsense/erasure-record/v1"),
        SEGMENT_CURSOR("shopsense/segment-cursor/v1");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }
    }

    private final Map<Purpose, SecretKeySpec> subKeys = new EnumMap<>(Purpose.class);

    private ShopSecret(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the shop secret must have at least " + MIN_BYTES + " bytes, not "
                    + secret.length);
        }
        SecretKeySpec master = new SecretKeySpec(secret, HMAC);
        for (Purpose purpose : Purpose.values()) {
            subKeys.put(purpose, new SecretKeySpec(mac(master, purpose.label.getBytes(StandardCharsets.UTF_8)), HMAC));
        }
    }

    /** A secret from its raw bytes (a key file). */
    public static ShopSecret of(byte[] secret) {
        return new ShopSecret(secret.clone());
    }

    /** A secret from its text form (Secrets Manager's SecretString): its UTF-8 bytes, surrounding blanks ignored. */
    public static ShopSecret ofText(String secret) {
        return new ShopSecret(secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code text}'s UTF-8 bytes under the purpose's sub-key. */
    public byte[] mac(Purpose purpose, String text) {
        return mac(subKeys.get(purpose), text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #mac} as 64 lower-case hex digits. */
    public String hex(Purpose purpose, String text) {
        return HexFormat.of().formatHex(mac(purpose, text));
    }

    /** Whether {@code tag} is the purpose's HMAC of {@code text}, compared in constant time. */
    public boolean verify(Purpose purpose, String text, byte[] tag) {
        return MessageDigest.isEqual(mac(purpose, text), tag);
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC); // not thread-safe, and cheap to get: one per call
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ShopSecret[redacted]";
    }
}
