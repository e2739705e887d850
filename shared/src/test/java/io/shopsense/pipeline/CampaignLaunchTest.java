package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.campaign.HoldoutAssignment;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import io.shopsense.model.Profile;
import io.shopsense.model.Recommendation;
import io.shopsense.model.Segment;
import io.shopsense.model.UserRecommendations;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.InMemoryRecommendationStore;
import io.shopsense.store.ProfileStore.StoredProfile;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launching a campaign on a built audience, measuring it nightly, and forgetting an erased member. */
class CampaignLaunchTest {
    private static final LocalDate AS_OF = LocalDate.of(2011, 9, 30);
    private static final String GONE = EmailAddresses.pseudonym("gone@shop.test");
    private static final String DEFINITION = "{\"audience\":\"segment-lost\",\"action\":\"email\","
            + "\"start\":\"2011-10-01\",\"end\":\"2011-10-10\",\"holdout\":0.2,\"offer\":\"AUTUMN10\",\"items\":2}";

    @TempDir
    Path dir;
    private DirectoryObjectStore bucket;
    private InMemoryRecommendationStore recommendations;
    private final Set<String> erased = new HashSet<>();

    @BeforeEach
    void setUp() throws Exception {
        bucket = new DirectoryObjectStore(dir);
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        for (int i = 0; i < 150; i++) {
            String id = i == 3 ? GONE : i % 2 == 0 ? EmailAddresses.pseudonym("c" + i + "@shop.test") : "id-" + i;
            profiles.put(new StoredProfile(id, 1, null, profile(id, 1000 - i)), 0);
        }
        new AudienceBuild(bucket, profiles, () -> id -> false).build();
        recommendations = new InMemoryRecommendationStore();
        recommendations.putCatalog(List.of(new Item("85123A", "WHITE HANGING HEART, T-LIGHT HOLDER", "HOME", 2.55,
                true, true), new Item("22423", "REGENCY CAKESTAND 3 TIER", "KITCHEN", 12.75, true, true)));
        recommendations.putAll(List.of(new UserRecommendations(RecommendationStore.COLD_START_USER, "popular",
                List.of(new Recommendation("85123A", 1, "popular this month"),
                        new Recommendation("22423", 0.5, "trending")))), new RecommendationStore.BuildStamp("v1",
                Instant.parse("2011-09-30T00:00:00Z")));
    }

    @Test
    void launch_freezesADisjointSplit_exportsTheTreatmentWithItsItems_andAReplayChangesNothing() throws Exception {
        bucket.put("clean/campaigns/autumn.json", DEFINITION.getBytes(StandardCharsets.UTF_8), "application/json");

        CampaignLaunch.Outcome outcome = launch().launch("clean/campaigns/autumn.json");

        assertThat(outcome.status()).isEqualTo("launched");
        assertThat(outcome.treatment() + outcome.holdout()).isEqualTo(150);
        CampaignRecord record = CampaignLaunch.record(bucket, "autumn").orElseThrow();
        HoldoutAssignment.Split split = CampaignLaunch.split(bucket, record);
        assertThat(split).isEqualTo(HoldoutAssignment.split("autumn", union(split), 0.2));
        assertThat(new HashSet<>(split.treatment())).doesNotContainAnyElementsOf(split.holdout());
        List<String> lines = Files.readAllLines(dir.resolve("exports/campaigns/autumn/treatment.csv"));
        assertThat(lines.get(0)).isEqualTo("customer_id,email_sha256,item_1_id,item_1_name,item_1_reason,item_2_id,"
                + "item_2_name,item_2_reason,offer");
        assertThat(lines).hasSize(1 + split.treatment().size());
        String first = split.treatment().get(0);
        assertThat(lines.get(1)).isEqualTo(first + "," + EmailAddresses.addressHash(first).orElse("")
                + ",85123A,\"WHITE HANGING HEART, T-LIGHT HOLDER\",popular this month,22423,REGENCY CAKESTAND 3 TIER,"
                + "trending,AUTUMN10");
        assertThat(String.join("\n", lines)).doesNotContain("@");

        Map<String, String> once = published();
        assertThat(launch().launch("clean/campaigns/autumn.json").status()).isEqualTo("already-launched");
        assertThat(published()).isEqualTo(once);
    }

    @Test
    void aChangedDefinitionOfALaunchedCampaign_isRefused_andTheSplitStays() throws Exception {
        bucket.put("clean/campaigns/autumn.json", DEFINITION.getBytes(StandardCharsets.UTF_8), "application/json");
        launch().launch("clean/campaigns/autumn.json");
        Map<String, String> once = published();

        bucket.put("clean/campaigns/autumn.json", DEFINITION.replace("0.2", "0.5").getBytes(StandardCharsets.UTF_8),
                "application/json");
        CampaignLaunch.Outcome outcome = launch().launch("clean/campaigns/autumn.json");

        assertThat(outcome.status()).isEqualTo("refused");
        once.remove("clean/campaigns/autumn.json");
        Map<String, String> after = published();
        after.remove("clean/campaigns/autumn.json");
        assertThat(after).isEqualTo(once);
    }

    @Test
    void anInvalidDefinition_isRecordedWithTheFieldAtFault() throws Exception {
        bucket.put("clean/campaigns/bad.json", DEFINITION.replace("segment-lost", "nobody").getBytes(
                StandardCharsets.UTF_8), "application/json");

        CampaignLaunch.Outcome outcome = launch().launch("clean/campaigns/bad.json");

        assertThat(outcome.status()).isEqualTo("rejected");
        assertThat(outcome.field()).isEqualTo("audience");
        assertThat(CampaignLaunch.record(bucket, "bad").orElseThrow().message()).contains("no audience named nobody");
        assertThat(dir.resolve("exports/campaigns/bad")).doesNotExist();
    }

    @Test
    void erasedCustomers_areLeftOutAtLaunch_andSweptFromTheAssignmentAndExportsAfter() throws Exception {
        erased.add("id-5");
        bucket.put("clean/campaigns/autumn.json", DEFINITION.getBytes(StandardCharsets.UTF_8), "application/json");
        launch().launch("clean/campaigns/autumn.json");
        assertThat(campaignLines()).doesNotContain("id-5").anyMatch(line -> line.contains(GONE.substring(2)));

        long removed = launch().forget(Set.of(GONE)::contains);

        assertThat(removed).isEqualTo(2); // GONE falls in the treatment: its assignment line and its export line
        assertThat(campaignLines()).isNotEmpty().noneMatch(line -> line.contains(GONE.substring(2)));
        assertThat(launch().forget(Set.of(GONE)::contains)).isZero();
    }

    @Test
    void nightlyMeasurement_writesTheReportAndTheListing_andAReplayWritesTheSameBytes() throws Exception {
        bucket.put("clean/campaigns/autumn.json", DEFINITION.getBytes(StandardCharsets.UTF_8), "application/json");
        launch().launch("clean/campaigns/autumn.json");
        HoldoutAssignment.Split split = CampaignLaunch.split(bucket, CampaignLaunch.record(bucket, "autumn")
                .orElseThrow());
        List<String> events = new ArrayList<>();
        for (int i = 0; i < split.treatment().size(); i += 2) {   // half the treatment buys on 3 October
            events.add(CanonicalJson.eventLine(purchase(split.treatment().get(i), "2011-10-03T12:00:00Z", i)));
        }
        bucket.put("clean/events/dt=2011-10-03/src.jsonl.gz", gzip(String.join("\n", events) + "\n"),
                "application/gzip");
        CampaignMeasurement measurement = new CampaignMeasurement(bucket,
                Clock.fixed(Instant.parse("2011-10-06T03:00:00Z"), ZoneOffset.UTC));

        CampaignMeasurement.Listing listing = measurement.measureAll();

        CampaignMeasurement.Verdict verdict = listing.campaigns().get(0);
        assertThat(verdict.state()).isEqualTo("running");
        assertThat(verdict.measuredThrough()).isEqualTo("2011-10-05");
        assertThat(verdict.significant()).isTrue();   // 50% against nobody in the holdout
        assertThat(verdict.verdict()).startsWith("+50");
        String report = new String(CampaignMeasurement.report(bucket, "autumn").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(report).contains("\"intervalMethod\":\"mixture-sprt-always-valid\"");
        Map<String, String> once = published();
        measurement.measureAll();
        assertThat(published()).isEqualTo(once);
    }

    /** Every line of the campaign's assignment and export files, first fields only for the id lists. */
    private List<String> campaignLines() throws Exception {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> file : published().entrySet()) {
            if (file.getKey().startsWith("campaigns/") || file.getKey().startsWith("exports/campaigns/")) {
                for (String line : file.getValue().split("\n")) {
                    lines.add(file.getKey().endsWith(".csv") ? line.split(",")[0] : line);
                }
            }
        }
        return lines;
    }

    private CampaignLaunch launch() {
        return new CampaignLaunch(bucket, recommendations, () -> erased::contains);
    }

    private static List<String> union(HoldoutAssignment.Split split) {
        List<String> all = new ArrayList<>(split.treatment());
        all.addAll(split.holdout());
        return all;
    }

    private Map<String, String> published() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".gz")).toList()) {
                files.put(dir.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static Event purchase(String user, String ts, int n) {
        return new Event("e" + n, user, "85123A", EventType.PURCHASE, 1, 2.55, "GBP", Instant.parse(ts), "o" + n,
                null, null, "src", n + 1);
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static Profile profile(String id, double clv) {
        return new Profile(id, AS_OF, 3, 2, clv, AS_OF.minusDays(60), AS_OF.minusDays(3), 2, 2, clv, 0, clv / 2, 57.0,
                12, null, Map.of(), null, Segment.LOST, 0.8, 0.1, 0.3, 1.2, 0.4, clv / 2, clv, List.of(), List.of(),
                0);
    }
}
