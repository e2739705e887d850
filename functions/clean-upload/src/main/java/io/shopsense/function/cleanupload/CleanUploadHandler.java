package io.shopsense.function.cleanupload;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.pipeline.UploadCleaner.Outcome;
import io.shopsense.pipeline.UploadCleaner.Upload;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * clean-upload: S3 {@code ObjectCreated} on {@code raw/}. Decodes the event, cleans each object, returns what
 * happened. Bad data never throws (it becomes rejects or a failed manifest); storage failures do, so Lambda retries.
 */
public final class CleanUploadHandler implements RequestHandler<S3Event, CleanUploadHandler.Result> {

    /** One line per object of the event: its source id, key, what happened and the row counts. */
    public record Result(List<ObjectResult> objects) {
    }

    public record ObjectResult(String sourceId, String key, String status, long rowsIn, long rowsClean,
                               long rowsRejected) {
        static ObjectResult of(Outcome outcome) {
            var report = outcome.report();
            return new ObjectResult(outcome.sourceId(), outcome.key(), outcome.status(),
                    report == null ? 0 : report.rowsIn(), report == null ? 0 : report.rowsClean(),
                    report == null ? 0 : report.rowsRejected());
        }
    }

    private final Telemetry telemetry = Telemetry.forFunction("clean-upload");
    private final UploadCleaner cleaner;

    public CleanUploadHandler() {
        this(Wiring.fromEnv().uploadCleaner());
    }

    CleanUploadHandler(UploadCleaner cleaner) {
        this.cleaner = cleaner;
    }

    @Override
    public Result handleRequest(S3Event event, Context context) {
        return telemetry.run(context, Trigger.s3(event), outcome -> {
            List<ObjectResult> results = new ArrayList<>();
            for (S3EventNotificationRecord record : event.getRecords()) {
                Upload upload = new Upload(record.getS3().getBucket().getName(),
                        record.getS3().getObject().getUrlDecodedKey(), record.getS3().getObject().geteTag(),
                        record.getEventTime() == null ? null
                                : java.time.Instant.ofEpochMilli(record.getEventTime().getMillis()),
                        record.getS3().getObject().getSizeAsLong() == null ? -1
                                : record.getS3().getObject().getSizeAsLong());
                Outcome cleaned = cleaner.clean(upload);
                results.add(ObjectResult.of(cleaned));
                report(cleaned, outcome);
            }
            return new Result(results);
        });
    }

    /** Counts and reasons for the outcome record; a file that could not be cleaned is a warning (its manifest says why). */
    private static void report(Outcome cleaned, io.shopsense.telemetry.Outcome outcome) {
        outcome.decision(cleaned.detail() != null ? cleaned.detail() : cleaned.status())
                .fact("sourceId", cleaned.sourceId());
        if (Outcome.HANDED_OFF.equals(cleaned.status())) {
            outcome.count(Metric.SPARK_HANDOFFS, 1); // load-spark-results publishes its manifest when the run ends
        }
        var report = cleaned.report();
        if (report == null) {
            return;
        }
        outcome.count(Metric.ROWS_IN, report.rowsIn()).count(Metric.ROWS_CLEAN, report.rowsClean())
                .count(Metric.ROWS_REJECTED, report.rowsRejected()).fact("format", report.format());
        report.rejectsByReason().forEach(outcome::rejected);
        if (Outcome.FAILED.equals(cleaned.status())) {
            outcome.warn("upload_failed", cleaned.key() + " could not be cleaned: " + report.errorCode());
        }
    }
}
