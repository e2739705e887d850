package io.shopsense.function.optimizeads;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.shopsense.pipeline.AdPlanning;
import io.shopsense.pipeline.Wiring;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final AdPlanning planning;

    public OptimizeAdsHandler() {
        this(planning(Wiring.fromEnv()));
    }

    OptimizeAdsHandler(AdPlanning planning) {
        this.planning = planning;
    }

    // The default budget is this function's own setting, so it is read here rather than in the shared Wiring.
    private static AdPlanning planning(Wiring wiring) {
        return AdPlanning.fromWiring(wiring, Double.parseDouble(wiring.env().require("AD_DAILY_BUDGET")));
    }

    @Override
    public AdPlanning.Result handleRequest(ScheduledEvent event, Context context) {
        LocalDate date = planDate(event);
        try {
            return planning.plan(date);
        } catch (IOException e) {
            throw new UncheckedIOException("planning ads for " + date + " failed", e);
        }
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
