package io.shopsense.function.loadsparkresults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.shopsense.pipeline.SparkResultLoader;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
import java.util.Map;

/**
 * load-spark-results: the EventBridge rule on "EMR Serverless Job Run State Change" (SUCCESS, FAILED, CANCELLED of
 * the stack's application) invokes it when a handed-off job run ends. A successful run's outputs are written into the
 * tables ({@link SparkResultLoader}); a failed or cancelled run throws, so it is retried and dead-lettered like any
 * failed invocation, and the data-health panel counts it.
 */
public final class LoadSparkResultsHandler implements RequestHandler<ScheduledEvent, SparkResultLoader.Loaded> {
    private final Telemetry telemetry = Telemetry.forFunction("load-spark-results");
    private final SparkResultLoader loader;

    public LoadSparkResultsHandler() {
        this(Wiring.fromEnv().sparkResultLoader());
    }

    LoadSparkResultsHandler(SparkResultLoader loader) {
        this.loader = loader;
    }

    @Override
    public SparkResultLoader.Loaded handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> detail = event.getDetail() == null ? Map.of() : event.getDetail();
        String jobRunId = text(detail, "jobRunId");
        return telemetry.run(context, Trigger.event(event), outcome -> {
            if (jobRunId == null) {
                throw new IllegalArgumentException("the event names no detail.jobRunId");
            }
            outcome.source(jobRunId).fact("state", text(detail, "state"));
            SparkResultLoader.Loaded loaded = loader.load(jobRunId, text(detail, "state"),
                    text(detail, "stateDetails"));
            outcome.fact("job", loaded.job()).fact("asOf", loaded.asOf())
                    .count(metric(loaded.job()), loaded.updated())
                    .decision("loaded " + loaded.rows() + " " + loaded.job() + " rows of job run " + jobRunId);
            return loaded;
        });
    }

    /** What a load counts: profiles updated, lists built, or a handed-off upload's clean rows. */
    private static Metric metric(String job) {
        return switch (job) {
            case "profiles" -> Metric.PROFILES_UPDATED;
            case "clean" -> Metric.ROWS_CLEAN;
            default -> Metric.RECOMMENDATIONS_BUILT;
        };
    }

    private static String text(Map<String, Object> detail, String name) {
        Object value = detail.get(name);
        return value == null ? null : value.toString();
    }
}
