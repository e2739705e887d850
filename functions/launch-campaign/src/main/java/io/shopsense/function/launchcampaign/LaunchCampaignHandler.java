package io.shopsense.function.launchcampaign;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.shopsense.pipeline.CampaignLaunch;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * launch-campaign: S3 {@code ObjectCreated} on {@code clean/campaigns/{id}.json}, where clean-upload publishes each
 * definition uploaded to {@code raw/campaigns/} (by the shop or {@code POST /campaigns}). Each definition is launched
 * once: a re-delivered event finds the campaign launched and changes nothing.
 */
public final class LaunchCampaignHandler implements RequestHandler<S3Event, List<CampaignLaunch.Outcome>> {
    private final Telemetry telemetry = Telemetry.forFunction("launch-campaign");
    private final CampaignLaunch launch;

    public LaunchCampaignHandler() {
        this(Wiring.fromEnv().campaignLaunch());
    }

    LaunchCampaignHandler(CampaignLaunch launch) {
        this.launch = launch;
    }

    @Override
    public List<CampaignLaunch.Outcome> handleRequest(S3Event event, Context context) {
        return telemetry.run(context, Trigger.s3(event), outcome -> {
            List<CampaignLaunch.Outcome> outcomes = new ArrayList<>();
            for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
                CampaignLaunch.Outcome launched = launch.launch(record.getS3().getObject().getUrlDecodedKey());
                outcomes.add(launched);
                outcome.decision(launched.status()).fact("campaign", launched.campaignId())
                        .fact("treatment", launched.treatment()).fact("holdout", launched.holdout());
                if (launched.field() != null) {
                    outcome.warn("campaign_" + launched.status(), launched.message());
                }
            }
            return outcomes;
        });
    }
}
