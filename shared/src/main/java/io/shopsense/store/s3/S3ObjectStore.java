package io.shopsense.store.s3;

import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@link ObjectStore} over one S3 bucket. Files above {@link #PART_SIZE} go up by multipart upload. */
public final class S3ObjectStore implements ObjectStore {
    /** S3's minimum part size is 5 MiB; 8 MiB keeps the part count low for the files shops upload. */
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;

    public S3ObjectStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException missing) {
            throw new java.io.FileNotFoundException("s3://" + bucket + "/" + key);
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
    }

    @Override
    public void putFile(String key, Path file, String contentType) throws IOException {
        long size = Files.size(file);
        if (size <= PART_SIZE) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<CompletedPart> parts = new ArrayList<>();
            long offset = 0;
            for (int number = 1; offset < size; number++) {
                ByteBuffer part = ByteBuffer.allocate((int) Math.min(PART_SIZE, size - offset));
                while (part.hasRemaining()) {
                    channel.read(part, offset + part.position());
                }
                int partNumber = number;
                String eTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromByteBuffer(part.flip())).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
                offset += part.limit();
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException failure) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            throw failure;
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        List<ObjectInfo> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().forEach(o -> objects.add(
                new ObjectInfo(o.key(), o.size(), unquote(o.eTag()),
                        o.lastModified() == null ? 0 : o.lastModified().toEpochMilli())));
        return objects;
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    private static String unquote(String eTag) {
        return eTag == null ? "" : eTag.replace("\"", "");
    }
}
