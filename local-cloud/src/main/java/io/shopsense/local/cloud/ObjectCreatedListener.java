package io.shopsense.local.cloud;

/** Told of every object the local S3 server created, as S3 would tell its event notification targets. */
@FunctionalInterface
public interface ObjectCreatedListener {
    /**
     * @param eventName S3's name without the {@code s3:} prefix: {@code ObjectCreated:Put}, {@code :Copy},
     *                  {@code :CompleteMultipartUpload}
     */
    void objectCreated(String eventName, String bucket, String key, long size, String eTag);
}
