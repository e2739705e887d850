package io.shopsense.function.updateprofiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.pipeline.ReviewRows;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * update-profiles: S3 {@code ObjectCreated} on {@code clean/events/} and {@code clean/reviews/}. Folds each new clean
 * object into the customers' profiles; a re-delivered object folds nothing (each aggregate remembers the sources it
 * folded, and each customer's latest rating per item).
 */
public final class UpdateProfilesHandler implements RequestHandler<S3Event, List<UpdateProfilesHandler.Folded>> {

    /** One clean object: its key and what the fold changed. */
    public record Folded(String key, int customers, int updated, int unchanged, String asOf) {
    }

    private final Telemetry telemetry = Telemetry.forFunction("update-profiles");
    private final ProfileUpdater updater;

    public UpdateProfilesHandler() {
        this(Wiring.fromEnv().profileUpdater());
    }

    UpdateProfilesHandler(ProfileUpdater updater) {
        this.updater = updater;
    }

    @Override
    public List<Folded> handleRequest(S3Event event, Context context) {
        return telemetry.run(context, Trigger.s3(event), outcome -> {
            List<Folded> results = new ArrayList<>();
            for (S3EventNotificationRecord record : event.getRecords()) {
                String key = record.getS3().getObject().getUrlDecodedKey();
                ProfileUpdater.Result result = key.startsWith(ReviewRows.PREFIX)   // reviews: issue #17
                        ? updater.foldReviewObject(key) : updater.foldCleanObject(key);
                results.add(new Folded(key, result.customers(), result.updated(), result.unchanged(),
                        String.valueOf(result.asOf())));
                outcome.count(Metric.PROFILES_UPDATED, result.updated()).fact("customers", result.customers())
                        .fact("asOf", String.valueOf(result.asOf()))
                        .decision(result.updated() > 0 ? "folded" : "skipped: already folded");
            }
            return results;
        });
    }
}
