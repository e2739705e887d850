package io.shopsense.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id of one delivery of one object version: derived from bucket, key and ETag, so a re-delivered S3 event maps to
 * the same id (and the same output keys), while a new upload to the same key gets a new one.
 */
public final class SourceIds {
    private SourceIds() {
    }

    public static String of(String bucket, String key, String eTag) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((bucket + "\n" + key + "\n" + eTag.replace("\"", ""))
                    .getBytes(StandardCharsets.UTF_8));
            return "s" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
