package io.shopsense.function.buildrecommendations;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.shopsense.pipeline.RecommendationRefresh;
import io.shopsense.pipeline.SparkHandOff;
import io.shopsense.pipeline.RecommendationRefresh.Outcome;
import io.shopsense.pipeline.Wiring;
import io.shopsense.store.Json;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * build-recommendations: the nightly schedule (or an on-demand invocation with the same event). The event's time is
 * the run's logical time, so a retried delivery rebuilds exactly what the first attempt would have written. Storage
 * failures throw, so Lambda retries. A shop past the Spark thresholds is handed off instead ({@link SparkHandOff},
 * status {@code handed-off}): the loader writes the lists when the job run ends.
 */
public final class BuildRecommendationsHandler implements RequestHandler<ScheduledEvent, Outcome> {
    private final Telemetry telemetry = Telemetry.forFunction("build-recommendations");
    private final RecommendationRefresh refresh;
    private final SparkHandOff handOff;
    private final Clock clock;

    public BuildRecommendationsHandler() {
        this(Wiring.fromEnv());
    }

    private BuildRecommendationsHandler(Wiring wiring) {
        this(RecommendationRefresh.fromWiring(wiring), wiring.sparkHandOff(), wiring.clock());
    }

    BuildRecommendationsHandler(RecommendationRefresh refresh, SparkHandOff handOff, Clock clock) {
        this.refresh = refresh;
        this.handOff = handOff;
        this.clock = clock;
    }

    @Override
    public Outcome handleRequest(ScheduledEvent event, Context context) {
        // An on-demand invocation may carry no time: then "now" is the run's time.
        Instant runAt = event != null && event.getTime() != null
                ? Instant.ofEpochMilli(event.getTime().getMillis()) : clock.instant();
        return telemetry.run(context, Trigger.schedule(event), outcome -> {
            // past the thresholds training runs on Spark; the loader writes its lists when the run ends
            Optional<SparkHandOff.HandedOff> handed = handOff.consider(SparkHandOff.Job.RECS, null,
                    sparkArguments(refresh.settings()));
            if (handed.isPresent()) {
                SparkHandOff.RunRecord run = handed.get().run();
                outcome.count(Metric.SPARK_HANDOFFS, 1).fact("jobRunId", run.jobRunId()).fact("rows", run.rows())
                        .fact("bytes", run.bytes()).fact("runAt", runAt.toString())
                        .decision(handed.get().decision());
                return new Outcome("handed-off", run.clientToken(), null, 0, 0, null, null, null);
            }
            Outcome built = refresh.refresh(runAt);
            outcome.decision(built.status()).fact("runAt", runAt.toString()).fact("algorithm", built.algorithm())
                    .fact("modelVersion", built.modelVersion()).fact("items", built.items());
            if ("built".equals(built.status())) {
                outcome.count(Metric.RECOMMENDATIONS_BUILT, built.users());
            }
            if (built.chosen() != null) {
                outcome.value(Metric.VALIDATION_NDCG, built.chosen().ndcgAt10());
            }
            return built;
        });
    }

    /** The nightly build's settings (holdout, mode, weights and sales days, lengths, ratings) for the Spark job. */
    static List<String> sparkArguments(RecommendationRefresh.Settings settings) {
        return List.of("--nightly", Json.write(settings));
    }
}
