package io.shopsense.local.cloud;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * S3Proxy sends no bucket notifications, so the local cloud wraps its store and reports each created object after
 * the write succeeded: PutObject, CopyObject and CompleteMultipartUpload, as real S3 does. Failed or refused writes
 * throw before reporting, so they report nothing.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {
    /** CreateMultipartUpload writes a zero-byte stub through putBlob; it is not an object a client created. */
    private static final String MULTIPART_STUB = ".s3proxy-mpu-stub-";

    private final ObjectCreatedListener listener;

    NotifyingBlobStore(BlobStore delegate, ObjectCreatedListener listener) {
        super(delegate);
        this.listener = listener;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        if (!request.key().contains(MULTIPART_STUB)) {
            report("ObjectCreated:Put", request.bucket(), request.key());
        }
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        report("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        report("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    private void report(String eventName, String bucket, String key) {
        HeadObjectResponse head = delegate().blobMetadata(HeadObjectRequest.builder().bucket(bucket).key(key).build());
        String eTag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
        listener.objectCreated(eventName, bucket, key, head.contentLength() == null ? 0 : head.contentLength(), eTag);
    }
}
