package io.shopsense.function.updateprofiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.pipeline.SparkHandOff;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The nightly profile rebuild: refits BG/NBD, Gamma-Gamma, RFM and engagement over every stored customer and rescores
 * them all. The date is the shop's latest activity, or {@code detail.asOf} when the event gives one (a manual rerun).
 * A shop past the Spark thresholds is handed off instead ({@link SparkHandOff}): nothing is rescored here.
 */
public final class RebuildProfilesHandler implements RequestHandler<ScheduledEvent, RebuildProfilesHandler.Rebuilt> {

    /** What the rebuild did. */
    public record Rebuilt(int customers, int updated, int unchanged, String asOf) {
    }

    private final Telemetry telemetry = Telemetry.forFunction("rebuild-profiles");
    private final ProfileUpdater updater;
    private final SparkHandOff handOff;

    public RebuildProfilesHandler() {
        this(Wiring.fromEnv());
    }

    private RebuildProfilesHandler(Wiring wiring) {
        this(wiring.profileUpdater(), wiring.sparkHandOff());
    }

    RebuildProfilesHandler(ProfileUpdater updater, SparkHandOff handOff) {
        this.updater = updater;
        this.handOff = handOff;
    }

    @Override
    public Rebuilt handleRequest(ScheduledEvent event, Context context) {
        return telemetry.run(context, Trigger.schedule(event), outcome -> {
            // past the thresholds the rebuild runs on Spark; the loader writes its profiles when the run ends
            Optional<SparkHandOff.HandedOff> handed = handOff.consider(SparkHandOff.Job.PROFILES,
                    requestedDate(event), List.of());
            if (handed.isPresent()) {
                SparkHandOff.RunRecord run = handed.get().run();
                outcome.count(Metric.SPARK_HANDOFFS, 1).fact("jobRunId", run.jobRunId()).fact("rows", run.rows())
                        .fact("bytes", run.bytes()).fact("asOf", run.asOf().toString())
                        .decision(handed.get().decision());
                return new Rebuilt(0, 0, 0, run.asOf().toString());
            }
            ProfileUpdater.Result result = updater.rebuild(requestedDate(event));
            outcome.count(Metric.PROFILES_UPDATED, result.updated()).fact("customers", result.customers())
                    .fact("asOf", String.valueOf(result.asOf()))
                    .decision(result.customers() == 0 ? "skipped: no customers yet" : "rescored");
            return new Rebuilt(result.customers(), result.updated(), result.unchanged(), String.valueOf(result.asOf()));
        });
    }

    private static LocalDate requestedDate(ScheduledEvent event) {
        Object asOf = event.getDetail() == null ? null : event.getDetail().get("asOf");
        if (asOf == null) {
            return null;
        }
        try {
            return LocalDate.parse(asOf.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("detail.asOf must be a date (YYYY-MM-DD), was " + asOf);
        }
    }
}
