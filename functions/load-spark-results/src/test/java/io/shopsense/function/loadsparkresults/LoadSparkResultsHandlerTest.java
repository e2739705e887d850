package io.shopsense.function.loadsparkresults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Profile;
import io.shopsense.model.Item;
import io.shopsense.model.RatingSummary;
import io.shopsense.model.Recommendation;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import io.shopsense.pipeline.Erasures;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.pipeline.RecommendationTables;
import io.shopsense.pipeline.ResultLines;
import io.shopsense.pipeline.SparkHandOff;
import io.shopsense.pipeline.SparkResultLoader;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.InMemoryRecommendationStore;
import io.shopsense.store.Json;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.ProfileStore.StoredProfile;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler on the real "EMR Serverless Job Run State Change" events from events/, over a bucket on disk holding
 * a handed-off run's record and outputs, and the tables in memory.
 */
class LoadSparkResultsHandlerTest {
    private static final Path SUCCESS = Path.of("../../events/eventbridge-emr-serverless-job-run-success.json");
    private static final Path FAILED = Path.of("../../events/eventbridge-emr-serverless-job-run-failed.json");
    /** The run both events name. */
    private static final String RUN = "00f1cbn5g4bb0c01";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2011-01-10T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private InMemoryProfileStore profiles;
    private InMemoryRecommendationStore tables;
    private LoadSparkResultsHandler handler;
    private final InvocationContext context = new InvocationContext("load-spark-results", 1024, 900);

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(bucketDir);
        profiles = new InMemoryProfileStore();
        tables = new InMemoryRecommendationStore();
        handler = new LoadSparkResultsHandler(new SparkResultLoader(bucket, updater(bucket, profiles), tables));
    }

    @Test
    void aSucceededRecsRun_writesWhatBuildRecommendationsWould_throughTheSameCode() throws Exception {
        String prefix = record("recs", LocalDate.parse("2011-01-09"));
        List<Item> catalogue = List.of(new Item("85123A", "WHITE HANGING HEART", "Lights", 2.55, true, true),
                new Item("22423", "REGENCY CAKESTAND", "Kitchen", 12.75, true, true));
        RecommendationTables built = new RecommendationTables(catalogue, List.of(
                new UserRecommendations("17850", "ease", List.of(new Recommendation("22423", 0.82, "bought with "
                        + "WHITE HANGING HEART · rated 4.7 by 38 customers"), new Recommendation("85123A", 0.4,
                        "you bought this before"))),
                new UserRecommendations(RecommendationStore.COLD_START_USER, "cold-start",
                        List.of(new Recommendation("85123A", 1.0, "trending")))),
                List.of(new SimilarItems("85123A", List.of(new Recommendation("22423", 0.31, "bought with WHITE "
                        + "HANGING HEART")), new RatingSummary(38, 4.7, 4.5))));
        for (Map.Entry<String, List<String>> file : built.lines().entrySet()) {   // what the job writes
            bucket.put(prefix + file.getKey(), (String.join("\n", file.getValue()) + "\n")
                    .getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
        }
        InMemoryRecommendationStore lambda = new InMemoryRecommendationStore();
        built.writeTo(lambda, new RecommendationStore.BuildStamp("recs-0123456789abcdef0123456789abcdef",
                Instant.parse("2011-01-10T03:00:05Z")));

        SparkResultLoader.Loaded loaded = handler.handleRequest(event(SUCCESS), context);

        assertThat(loaded).isEqualTo(new SparkResultLoader.Loaded("recs", RUN, 1, 1, "2011-01-09"));
        // scores, reasons, the cold-start list, names and categories, similar items with their rating, Items rows
        for (String user : List.of("17850", RecommendationStore.COLD_START_USER)) {
            assertThat(tables.get(user)).isEqualTo(lambda.get(user)).isPresent();
        }
        assertThat(tables.get("17850").orElseThrow().items().get(0)).isEqualTo(new Recommendation("22423", 0.82,
                "bought with WHITE HANGING HEART · rated 4.7 by 38 customers", "REGENCY CAKESTAND", 12.75, "Kitchen"));
        assertThat(tables.similar("85123A")).isEqualTo(lambda.similar("85123A")).isPresent();
        assertThat(tables.similar("85123A").orElseThrow().rating()).isEqualTo(new RatingSummary(38, 4.7, 4.5));
        assertThat(tables.getItem("22423")).contains(catalogue.get(1));
    }

    @Test
    void aSucceededProfilesRun_leavesTheTableAsTheLambdaRebuildWould() throws Exception {
        // the Lambda path on a twin bucket and table: fold, then rebuild
        DirectoryObjectStore lambdaBucket = new DirectoryObjectStore(bucketDir.resolve("twin"));
        InMemoryProfileStore lambdaTable = new InMemoryProfileStore();
        ProfileUpdater lambda = updater(lambdaBucket, lambdaTable);
        lambda.fold(events());
        LocalDate asOf = lambda.rebuild(null).asOf();
        // this table has the same folds, and the job's outputs are those profiles and models
        updater(bucket, profiles).fold(events());
        String prefix = record("profiles", asOf);
        List<String> lines = new ArrayList<>();
        lambdaTable.scan(stored -> lines.add(ResultLines.profileLine(stored.profile())));
        bucket.put(prefix + "profiles.jsonl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
        try (var models = lambdaBucket.open("models/profiles/latest.json")) {
            bucket.put(prefix + "models.json", models.readAllBytes(), "application/json");
        }

        SparkResultLoader.Loaded loaded = handler.handleRequest(event(SUCCESS), context);

        assertThat(loaded.job()).isEqualTo("profiles");
        assertThat(loaded.rows()).isEqualTo(3);
        assertThat(scoredProfiles(profiles)).isEqualTo(scoredProfiles(lambdaTable));
        assertThat(read(bucket, "reports/profiles/summary.json")).isEqualTo(read(lambdaBucket, "reports/profiles/summary.json"));
        assertThat(read(bucket, "models/profiles/latest.json")).isEqualTo(read(lambdaBucket, "models/profiles/latest.json"));
        // the same event again (EventBridge delivers at least once) writes nothing new
        assertThat(handler.handleRequest(event(SUCCESS), context).updated()).isZero();
    }

    @Test
    void aFailedRun_failsTheInvocation_namingTheRunAndTheServicesReason_andWritesNothing() throws Exception {
        String prefix = record("recs", LocalDate.parse("2011-01-09"));
        bucket.put(prefix + RecommendationTables.LISTS_FILE, "{\"userId\":\"1\",\"items\":[]}\n".getBytes(),
                "application/x-ndjson");
        ScheduledEvent failed = event(FAILED);

        assertThatThrownBy(() -> handler.handleRequest(failed, context))
                .isInstanceOf(SparkResultLoader.JobRunFailed.class)
                .hasMessageContaining(RUN).hasMessageContaining("(recs)").hasMessageContaining("ended FAILED")
                .hasMessageContaining("ExitCode: 1");
        assertThat(tables.bulkWrites()).isZero();
    }

    @Test
    void aSucceededRunWithoutItsRecord_failsSoThatItIsRetried() throws Exception {
        assertThatThrownBy(() -> handler.handleRequest(event(SUCCESS), context))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no record of Spark job run " + RUN);
    }

    /** The record the handing-off function writes, and the prefix its outputs are under. */
    private String record(String job, LocalDate asOf) {
        String prefix = "spark/" + job + "/" + job + "-0123456789abcdef0123456789abcdef/";
        SparkHandOff.RunRecord run = new SparkHandOff.RunRecord(job, RUN, job + "-0123456789abcdef0123456789abcdef",
                prefix, asOf, 1_000_000, 50_000_000, Instant.parse("2011-01-10T03:00:05Z"));
        bucket.put(SparkHandOff.runKey(RUN), Json.write(run).getBytes(StandardCharsets.UTF_8), "application/json");
        return prefix;
    }

    private static ProfileUpdater updater(DirectoryObjectStore bucket, InMemoryProfileStore table) {
        return new ProfileUpdater(bucket, table, ProfileConfig.defaults(), CLOCK, new Erasures(bucket,
                ShopSecret.of("a test secret of at least 32 bytes!".getBytes(StandardCharsets.UTF_8))));
    }

    private static List<Event> events() {
        List<Event> events = new ArrayList<>();
        String[] users = {"17850", "13047", "12583"};
        for (int row = 0; row < 30; row++) {
            String user = users[row % 3];
            events.add(new Event("%016x".formatted(row), user, "item-" + (row % 7), EventType.PURCHASE, 1 + row % 4,
                    1.25 + row % 5, "GBP", Instant.parse("2010-12-01T08:26:00Z").plusSeconds(86_400L * (row * 7 % 40)),
                    "inv-" + row, null, null, "upload-1", row));
        }
        return events;
    }

    private static Map<String, Profile> scoredProfiles(InMemoryProfileStore table) {
        Map<String, Profile> byUser = new TreeMap<>();
        table.scan((StoredProfile stored) -> byUser.put(stored.userId(), stored.profile()));
        return byUser;
    }

    private static String read(DirectoryObjectStore store, String key) throws Exception {
        try (var in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ScheduledEvent event(Path file) {
        return EventLoader.loadScheduledEvent(file.toString());
    }
}
