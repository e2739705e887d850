package io.shopsense.store;

import io.shopsense.model.Sha256;

/**
 * The id of one delivery of one object version: derived from bucket, key and ETag, so a re-delivered S3 event maps to
 * the same id (and the same output keys), while a new upload to the same key gets a new one.
 */
public final class SourceIds {
    private SourceIds() {
    }

    public static String of(String bucket, String key, String eTag) {
        return "s" + Sha256.hex(bucket + "\n" + key + "\n" + eTag.replace("\"", ""), 12);
    }
}
