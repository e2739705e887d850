package io.shopsense.function.launchcampaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import io.shopsense.pipeline.AudienceBuild;
import io.shopsense.pipeline.CampaignLaunch;
import io.shopsense.pipeline.CampaignMeasurement;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.InMemoryRecommendationStore;
import io.shopsense.store.ProfileStore.StoredProfile;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both handlers on their real events (the definition's S3 put, the nightly schedule), over a directory standing in
 * for the bucket: 120 customers in the built-in Lost audience, half known by e-mail.
 */
class LaunchCampaignHandlerTest {
    private static final Path LAUNCH_EVENT = Path.of("../../events/s3-put-clean-campaign.json");
    private static final Path NIGHTLY_EVENT = Path.of("../../events/scheduled-nightly.json");
    private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private final InvocationContext context = new InvocationContext("test", 1024, 60);

    @BeforeEach
    void setUp() throws Exception {
        bucket = new DirectoryObjectStore(bucketDir);
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        for (int i = 0; i < 120; i++) {
            String id = i % 2 == 0 ? EmailAddresses.pseudonym("c" + i + "@shop.test") : "shop-" + i;
            profiles.put(new StoredProfile(id, 1, null, profile(id, 500 - i)), 0);
        }
        new AudienceBuild(bucket, profiles, () -> id -> false).build();
        bucket.put("clean/campaigns/autumn-winback.json", ("{\"audience\":\"segment-lost\",\"action\":\"list\","
                + "\"start\":\"2026-11-01\",\"end\":\"2026-11-30\"}").getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    @Test
    void theDefinitionsPut_launchesOnce_andTheNightlyRunMeasuresThroughTheDayBefore() throws Exception {
        S3Event put = EventLoader.loadS3Event(LAUNCH_EVENT.toString());
        LaunchCampaignHandler launch = new LaunchCampaignHandler(
                new CampaignLaunch(bucket, new InMemoryRecommendationStore(), () -> id -> false));

        List<CampaignLaunch.Outcome> first = launch.handleRequest(put, context);
        List<CampaignLaunch.Outcome> replay = launch.handleRequest(put, context);

        assertThat(first).singleElement().satisfies(o -> {
            assertThat(o.campaignId()).isEqualTo("autumn-winback");
            assertThat(o.status()).isEqualTo("launched");
            assertThat(o.treatment() + o.holdout()).isEqualTo(120);
        });
        assertThat(replay).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo("already-launched"));
        assertThat(Files.readAllLines(bucketDir.resolve("exports/campaigns/autumn-winback/treatment.csv")))
                .first().isEqualTo("customer_id,email_sha256");

        ScheduledEvent nightly = EventLoader.loadScheduledEvent(NIGHTLY_EVENT.toString());
        MeasureCampaignsHandler measure = new MeasureCampaignsHandler(new CampaignMeasurement(bucket,
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC)),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

        CampaignMeasurement.Listing listing = measure.handleRequest(nightly, context);

        // the event's time (2026-11-29T03:00Z), not the clock, decides the days measured
        assertThat(listing.measuredOn()).isEqualTo("2026-11-29");
        assertThat(listing.campaigns()).singleElement().satisfies(v -> {
            assertThat(v.state()).isEqualTo("running");
            assertThat(v.measuredThrough()).isEqualTo("2026-11-28");
            assertThat(v.members()).isEqualTo(120);
            assertThat(v.verdict()).startsWith("no effect detected yet");
        });
        assertThat(bucketDir.resolve("reports/campaigns/autumn-winback.json")).exists();
    }

    private static Profile profile(String id, double clv) {
        return new Profile(id, AS_OF, 3, 2, clv, AS_OF.minusDays(60), AS_OF.minusDays(3), 2, 2, clv, 0, clv / 2, 57.0,
                12, null, Map.of(), null, Segment.LOST, 0.8, 0.1, 0.3, 1.2, 0.4, clv / 2, clv, List.of(), List.of(),
                0);
    }
}
