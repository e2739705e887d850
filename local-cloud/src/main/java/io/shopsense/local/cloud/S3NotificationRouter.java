package io.shopsense.local.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.Specs.S3Trigger;
import io.shopsense.local.template.StackTemplate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Turns each created object into the S3 event notification that real S3 would send (the same JSON shape, the key
 * URL-encoded) and invokes, asynchronously, every function whose template {@code S3} event matches its bucket, event
 * name, prefix and suffix.
 */
public final class S3NotificationRouter implements ObjectCreatedListener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<FunctionHost> host;
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);

    /** The host is looked up lazily: S3 starts before the functions it will notify are hosted. */
    public S3NotificationRouter(Supplier<FunctionHost> host) {
        this.host = host;
    }

    @Override
    public void objectCreated(String eventName, String bucket, String key, long size, String eTag) {
        FunctionHost functions = host.get();
        if (functions == null) {
            return;
        }
        for (FunctionSpec function : functions.functions()) {
            for (S3Trigger trigger : function.s3Triggers()) {
                if (trigger.matches(bucket, "s3:" + eventName, key)) {
                    functions.invokeAsync(function.logicalId(),
                            eventJson(eventName, bucket, key, size, eTag, trigger.eventName()));
                }
            }
        }
    }

    /** The S3 event notification JSON (event version 2.1) for one object. */
    String eventJson(String eventName, String bucket, String key, long size, String eTag, String configurationId) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", StackTemplate.LOCAL_REGION)
                .put("eventTime", Instant.now().toString())
                .put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "AWS:LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put("x-amz-request-id", UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT))
                .put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", configurationId);
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity").put("principalId", "LOCAL");
        s3.putObject("object")
                .put("key", encodeKey(key))
                .put("size", size)
                .put("eTag", eTag)
                .put("sequencer", Long.toHexString(sequencer.incrementAndGet()).toUpperCase(Locale.ROOT));
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    /** S3 form-encodes keys in notifications (space as {@code +}) but leaves {@code /} as it is. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
