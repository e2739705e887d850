package io.shopsense.function.cleanupload;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.pipeline.UploadCleaner.Outcome;
import io.shopsense.pipeline.UploadCleaner.Upload;
import io.shopsense.pipeline.Wiring;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final UploadCleaner cleaner;

    public CleanUploadHandler() {
        this(Wiring.fromEnv().uploadCleaner());
    }

    CleanUploadHandler(UploadCleaner cleaner) {
        this.cleaner = cleaner;
    }

    @Override
    public Result handleRequest(S3Event event, Context context) {
        List<ObjectResult> results = new ArrayList<>();
        for (S3EventNotificationRecord record : event.getRecords()) {
            Upload upload = new Upload(record.getS3().getBucket().getName(),
                    record.getS3().getObject().getUrlDecodedKey(), record.getS3().getObject().geteTag(),
                    record.getEventTime() == null ? null : java.time.Instant.ofEpochMilli(record.getEventTime().getMillis()));
            try {
                results.add(ObjectResult.of(cleaner.clean(upload)));
            } catch (IOException e) {
                throw new UncheckedIOException("cleaning s3://" + upload.bucket() + "/" + upload.key() + " failed", e);
            }
        }
        return new Result(results);
    }
}
