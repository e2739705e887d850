package io.shopsense.telemetry;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

/** What started an invocation ({@code s3}, {@code schedule}, {@code event}, {@code http}) and what it named (key, rule, route). */
public record Trigger(String kind, String source) {

    /** An S3 notification: its first object's key, and how many more the event carried. */
    public static Trigger s3(S3Event event) {
        if (event == null || event.getRecords() == null || event.getRecords().isEmpty()) {
            return new Trigger("s3", null);
        }
        String key = event.getRecords().get(0).getS3().getObject().getUrlDecodedKey();
        int more = event.getRecords().size() - 1;
        return new Trigger("s3", more == 0 ? key : key + " (+" + more + " more)");
    }

    /** A schedule (EventBridge) or an on-demand invocation with the same event: the rule that fired it. */
    public static Trigger schedule(ScheduledEvent event) {
        String rule = event == null || event.getResources() == null || event.getResources().isEmpty() ? null
                : event.getResources().get(0);
        return new Trigger("schedule", rule);
    }

    /** An EventBridge event from a service (an EMR Serverless job run's end): its detail type. */
    public static Trigger event(ScheduledEvent event) {
        return new Trigger("event", event == null ? null : event.getDetailType());
    }

    /** An HTTP API request: its route ({@code GET /users/{id}/recommendations}). */
    public static Trigger http(String route) {
        return new Trigger("http", route);
    }
}
