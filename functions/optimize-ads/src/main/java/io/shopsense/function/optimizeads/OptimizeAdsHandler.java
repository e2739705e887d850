package io.shopsense.function.optimizeads;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.shopsense.pipeline.AdPlanning;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * optimize-ads: a daily schedule. Plans every campaign's ad budget for the day after the event's time (UTC), or for
 * the day the event's {@code detail.date} names (a manual re-run), and returns what it planned. Storage failures
 * throw, so Lambda retries; a retry writes the same plan.
 */
public final class OptimizeAdsHandler implements RequestHandler<ScheduledEvent, AdPlanning.Result> {
    private final Telemetry telemetry = Telemetry.forFunction("optimize-ads");
    private final AdPlanning planning;

    public OptimizeAdsHandler() {
        this(planning(Wiring.fromEnv()));
    }

    OptimizeAdsHandler(AdPlanning planning) {
        this.planning = planning;
    }

    private static AdPlanning planning(Wiring wiring) {
        return AdPlanning.fromWiring(wiring, wiring.adDailyBudget());
    }

    @Override
    public AdPlanning.Result handleRequest(ScheduledEvent event, Context context) {
        return telemetry.run(context, Trigger.schedule(event), outcome -> {
            LocalDate date = planDate(event);
            AdPlanning.Result planned = planning.plan(date);
            double conversions = planned.campaigns().stream().mapToDouble(AdPlanning.CampaignResult::expectedConversions)
                    .sum();
            outcome.decision(planned.campaigns().isEmpty() ? "skipped: no campaigns" : "planned")
                    .value(Metric.PLAN_EXPECTED_CONVERSIONS, conversions).fact("date", planned.date())
                    .fact("campaigns", planned.campaigns().size()).fact("historyRows", planned.historyRows());
            planned.notes().forEach(note -> outcome.warn("plan_note", note));
            return planned;
        });
    }

    /** {@code detail.date} if given, else the UTC day after the event's time. */
    static LocalDate planDate(ScheduledEvent event) {
        Object named = event.getDetail() == null ? null : event.getDetail().get("date");
        if (named != null) {
            try {
                return LocalDate.parse(named.toString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("detail.date must be YYYY-MM-DD, was " + named, e);
            }
        }
        if (event.getTime() == null) {
            throw new IllegalArgumentException("scheduled event has no time");
        }
        Instant time = Instant.ofEpochMilli(event.getTime().getMillis());
        return LocalDate.ofInstant(time, ZoneOffset.UTC).plusDays(1);
    }
}
