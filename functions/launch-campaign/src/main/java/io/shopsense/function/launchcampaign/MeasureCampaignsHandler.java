package io.shopsense.function.launchcampaign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.shopsense.pipeline.CampaignMeasurement;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * measure-campaigns: the nightly schedule. The event's time is the run's logical time, so a retried delivery measures
 * the same whole days and writes the same reports. It lives beside the launch handler (same code, one jar) but is its
 * own function in the template, with its own trigger and a policy that may read events but write no export.
 */
public final class MeasureCampaignsHandler implements RequestHandler<ScheduledEvent, CampaignMeasurement.Listing> {
    private final Telemetry telemetry = Telemetry.forFunction("measure-campaigns");
    private final CampaignMeasurement measurement;
    private final Clock clock;

    public MeasureCampaignsHandler() {
        this(Wiring.fromEnv().campaignMeasurement(), Clock.systemUTC());
    }

    MeasureCampaignsHandler(CampaignMeasurement measurement, Clock clock) {
        this.measurement = measurement;
        this.clock = clock;
    }

    @Override
    public CampaignMeasurement.Listing handleRequest(ScheduledEvent event, Context context) {
        // An on-demand invocation may carry no time: then "now" is the run's time.
        Instant runAt = event != null && event.getTime() != null
                ? Instant.ofEpochMilli(event.getTime().getMillis()) : clock.instant();
        return telemetry.run(context, Trigger.schedule(event), outcome -> {
            CampaignMeasurement.Listing listing = measurement.measureAll(LocalDate.ofInstant(runAt, ZoneOffset.UTC));
            outcome.decision("measured").fact("measuredOn", listing.measuredOn())
                    .fact("campaigns", listing.campaigns().size());
            return listing;
        });
    }
}
