package io.shopsense.local.cloud;

import io.shopsense.local.template.Specs.BucketSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * With an external S3 (LocalStack) the local cloud does not see writes, so it lists the stack's buckets at a fixed
 * interval and reports each new or changed object (by key and ETag) as {@code ObjectCreated:Put}. Objects already
 * present when polling starts are taken as known.
 */
final class S3ChangePoller implements AutoCloseable {
    private final S3Client s3;
    private final List<BucketSpec> buckets;
    private final ObjectCreatedListener listener;
    private final Map<String, String> known = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "s3-poller");
        thread.setDaemon(true);
        return thread;
    });

    S3ChangePoller(S3Client s3, List<BucketSpec> buckets, ObjectCreatedListener listener, Duration interval) {
        this.s3 = s3;
        this.buckets = buckets;
        this.listener = listener;
        poll(false);
        timer.scheduleWithFixedDelay(() -> poll(true), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll(boolean report) {
        try {
            for (BucketSpec bucket : buckets) {
                for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket.name())).contents()) {
                    String id = bucket.name() + "/" + object.key();
                    String eTag = object.eTag() == null ? "" : object.eTag().replace("\"", "");
                    if (!eTag.equals(known.put(id, eTag)) && report) {
                        listener.objectCreated("ObjectCreated:Put", bucket.name(), object.key(), object.size(), eTag);
                    }
                }
            }
        } catch (RuntimeException e) {
            System.err.println("shopsense: polling S3 failed, will retry: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        s3.close();
    }
}
