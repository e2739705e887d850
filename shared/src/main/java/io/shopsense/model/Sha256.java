package io.shopsense.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a text as lower-case hex: the ids and pseudonyms the system derives from content. */
public final class Sha256 {
    private static final int DIGEST_BYTES = 32;

    private Sha256() {
    }

    /** The whole digest of {@code text}'s UTF-8 bytes, 64 hex digits. */
    public static String hex(String text) {
        return hex(text, DIGEST_BYTES);
    }

    /** The first {@code bytes} bytes of the digest, {@code 2 × bytes} hex digits. */
    public static String hex(String text, int bytes) {
        return hex(text.getBytes(StandardCharsets.UTF_8), bytes);
    }

    /** The first {@code bytes} bytes of the digest of {@code data}, {@code 2 × bytes} hex digits. */
    public static String hex(byte[] data, int bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
