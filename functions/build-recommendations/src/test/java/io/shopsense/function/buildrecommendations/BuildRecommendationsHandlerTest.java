package io.shopsense.function.buildrecommendations;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.shopsense.model.Recommendation;
import io.shopsense.model.UserRecommendations;
import io.shopsense.pipeline.RecommendationRefresh;
import io.shopsense.pipeline.RecommendationRefresh.Outcome;
import io.shopsense.pipeline.SparkHandOff;
import io.shopsense.store.SparkJobLauncher;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.ObjectStore.ObjectInfo;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.InMemoryRecommendationStore;
import io.shopsense.store.Json;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler on the real scheduled event from events/, over a directory standing in for the bucket (holding a
 * small clean fixture: 12 customers, mugs, candles, vases and a postage line) and the tables in memory.
 */
class BuildRecommendationsHandlerTest {
    private static final Path EVENT = Path.of("../../events/scheduled-nightly.json");
    private static final Path FIXTURE = Path.of("src/test/resources/bucket");
    private static final RecommendationRefresh.Settings SETTINGS = new RecommendationRefresh.Settings(28,
            EvaluationMode.REPEATS_ALLOWED, InteractionWeights.defaults(), 5, 3);

    @TempDir
    Path bucket;
    private DirectoryObjectStore store;
    private InMemoryRecommendationStore tables;
    private BuildRecommendationsHandler handler;
    private final Context context = new InvocationContext("test", 1024, 60);

    @BeforeEach
    void setUp() throws Exception {
        copy(FIXTURE, bucket);
        store = new DirectoryObjectStore(bucket);
        tables = new InMemoryRecommendationStore();
        handler = handler(store, tables);
    }

    @Test
    void handleRequest_fillsBothTablesWithReasons_plusTheColdStartList_andWritesModelAndReport() throws Exception {
        ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toString());

        Outcome outcome = handler.handleRequest(event, context);

        assertThat(outcome.status()).isEqualTo("built");
        assertThat(outcome.modelKey()).isEqualTo("models/recommendations/2026-11-29.json");
        assertThat(outcome.reportKey()).isEqualTo("reports/recommendations/2026-11-29.json");
        assertThat(tables.recommendationRows()).hasSize(12 + 1).containsKey(RecommendationStore.COLD_START_USER);
        for (var row : tables.recommendationRows().values()) {
            assertThat(row.value().items()).hasSize(5)
                    .allSatisfy(r -> assertThat(r.reason()).isNotBlank())
                    .extracting(Recommendation::itemId).doesNotContain("POST", "V2");   // fee, out of stock
            assertThat(row.stamp().modelVersion()).isEqualTo(outcome.modelVersion());
            assertThat(row.stamp().builtAt()).isEqualTo(Instant.parse("2026-11-29T03:00:00Z"));
        }
        assertThat(tables.get(RecommendationStore.COLD_START_USER).orElseThrow().algorithm()).isEqualTo("cold-start");
        assertThat(tables.similar("M1").orElseThrow().similar()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.reason()).matches("(bought with|similar to) red mug"));
        assertThat(tables.itemRows()).containsKeys("M1", "POST");
        // names, not codes: every stored item carries the catalogue's title and price, read from the Items rows
        for (var row : tables.recommendationRows().values()) {
            assertThat(row.value().items()).allSatisfy(r -> {
                assertThat(r.name()).isNotBlank().isEqualTo(tables.itemRows().get(r.itemId()).title());
                assertThat(r.price()).isEqualTo(tables.itemRows().get(r.itemId()).price());
            });
        }
        assertThat(tables.similar("M1").orElseThrow().similar())
                .allSatisfy(r -> assertThat(r.name()).isEqualTo(tables.itemRows().get(r.itemId()).title()));
        String model = read(outcome.modelKey());
        assertThat(model).contains("\"algorithm\" : \"" + outcome.algorithm() + "\"", "\"parameters\"",
                "\"evaluation\"", "\"ndcgAt10\"", "\"selection\"", "\"modelVersion\" : \"" + outcome.modelVersion()
                        + "\"");
        assertThat(read(outcome.reportKey())).contains("\"validationFrom\"", "\"search\"", "\"repeats\"",
                "\"discovery\"", "\"recallAt20\"", "\"chosen\"", "\"blendSearch\"");
    }

    @Test
    void handleRequest_replayedOnUnchangedData_changesNothing() throws Exception {
        ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toString());
        Outcome first = handler.handleRequest(event, context);
        List<ObjectInfo> objects = store.list("");
        var rows = List.copyOf(tables.recommendationRows().values());
        int writes = tables.bulkWrites();

        Outcome replay = handler.handleRequest(event, context);

        assertThat(replay.status()).isEqualTo("unchanged");
        assertThat(replay.modelVersion()).isEqualTo(first.modelVersion());
        assertThat(replay.algorithm()).isEqualTo(first.algorithm());
        assertThat(store.list("")).isEqualTo(objects);
        assertThat(tables.bulkWrites()).isEqualTo(writes);
        assertThat(List.copyOf(tables.recommendationRows().values())).isEqualTo(rows);
    }

    @Test
    void twoBuildsOnIdenticalData_writeIdenticalRows() throws Exception {
        // given a second bucket with the same data and empty tables
        Path otherBucket = Files.createDirectories(bucket.resolveSibling(bucket.getFileName() + "-copy"));
        copy(FIXTURE, otherBucket);
        InMemoryRecommendationStore otherTables = new InMemoryRecommendationStore();
        ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toString());

        // when both build from scratch
        Outcome one = handler.handleRequest(event, context);
        Outcome two = handler(new DirectoryObjectStore(otherBucket), otherTables).handleRequest(event, context);

        // then
        assertThat(two.modelVersion()).isEqualTo(one.modelVersion());
        assertThat(otherTables.recommendationRows()).isEqualTo(tables.recommendationRows());
        assertThat(otherTables.similarRows()).isEqualTo(tables.similarRows());
        assertThat(otherTables.itemRows()).isEqualTo(tables.itemRows());
    }

    @Test
    void handleRequest_newDataAfterABuild_rebuildsWithANewVersion() throws Exception {
        ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toString());
        Outcome first = handler.handleRequest(event, context);
        String line = "{\"eventId\":\"late1\",\"userId\":\"u99\",\"itemId\":\"M3\",\"type\":\"purchase\",\"quantity\":1,"
                + "\"unitPrice\":7.0,\"currency\":\"GBP\",\"ts\":\"2026-11-28T10:00:00Z\",\"orderId\":\"o-late\","
                + "\"channel\":\"web\",\"sessionId\":null,\"sourceId\":\"late\",\"sourceRow\":1}\n";
        store.put("clean/events/dt=2026-11-28/late.jsonl", line.getBytes(), "application/x-ndjson");

        Outcome second = handler.handleRequest(event, context);

        assertThat(second.status()).isEqualTo("built");
        assertThat(second.modelVersion()).isNotEqualTo(first.modelVersion());
        assertThat(tables.get("u99")).map(UserRecommendations::items).get().asList().isNotEmpty();
    }

    @Test
    void handleRequest_withNoCleanEventsYet_writesNothing() throws Exception {
        DirectoryObjectStore empty = new DirectoryObjectStore(Files.createDirectories(bucket.resolve("empty")));
        InMemoryRecommendationStore none = new InMemoryRecommendationStore();

        Outcome outcome = handler(empty, none).handleRequest(EventLoader.loadScheduledEvent(EVENT.toString()), context);

        assertThat(outcome.status()).isEqualTo("no-data");
        assertThat(none.bulkWrites()).isZero();
        assertThat(empty.list("")).isEmpty();
    }

    @Test
    void handleRequest_pastTheRowsThreshold_startsOneSparkRunPerInput_andBuildsNothingItself() throws Exception {
        // the totals clean-upload kept for the fixture's upload: 9 clean event rows, the latest on 2026-11-28
        InMemoryIngestionLedger ledger = new InMemoryIngestionLedger();
        ledger.count("fixture", 9, Instant.parse("2026-11-28T17:00:00Z"));
        List<SparkJobLauncher.JobRun> started = new java.util.ArrayList<>();
        SparkJobLauncher launcher = run -> {
            started.add(run);
            return "00run" + started.size();
        };
        SparkHandOff handOff = new SparkHandOff(store, ledger::totals, launcher, new SparkHandOff.Settings("00app",
                "shop-data", "jobs/shopsense-jobs-emr.jar", 5, Long.MAX_VALUE), CLOCK);
        BuildRecommendationsHandler handing = new BuildRecommendationsHandler(refresh(store, tables), handOff, CLOCK);
        ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toString());

        Outcome first = handing.handleRequest(event, context);
        Outcome again = handing.handleRequest(event, context);   // the schedule delivered twice

        assertThat(first.status()).isEqualTo("handed-off");
        assertThat(tables.bulkWrites()).isZero();
        assertThat(store.list("models/")).isEmpty();
        assertThat(started).hasSize(2);
        assertThat(started.get(1).clientToken()).isEqualTo(started.get(0).clientToken());
        assertThat(again.modelVersion()).isEqualTo(first.modelVersion());
        SparkJobLauncher.JobRun run = started.get(0);
        String prefix = "s3://shop-data/spark/recs/" + run.clientToken() + "/";
        assertThat(run.entryPoint()).isEqualTo("s3://shop-data/jobs/shopsense-jobs-emr.jar");
        // the job builds what this function would store (RecommendationTables) with this function's settings
        assertThat(run.entryPointArguments()).containsExactly("recs", "--events", "s3://shop-data",
                "--split-date", "2026-11-29", "--tables-out", prefix, "--nightly", Json.write(SETTINGS));
        assertThat(Json.read(run.entryPointArguments().get(run.entryPointArguments().size() - 1),
                RecommendationRefresh.Settings.class)).isEqualTo(SETTINGS);
        assertThat(run.sparkSubmitParameters()).contains("--class io.shopsense.jobs.SparkJobs");
        assertThat(read(SparkHandOff.runKey("00run1"))).contains("\"job\":\"recs\"")
                .contains("\"outputPrefix\":\"spark/recs/" + run.clientToken() + "/\"");
    }

    @Test
    void handleRequest_belowTheThresholds_buildsItself() throws Exception {
        InMemoryIngestionLedger ledger = new InMemoryIngestionLedger();
        ledger.count("fixture", 9, Instant.parse("2026-11-28T17:00:00Z"));
        SparkHandOff handOff = new SparkHandOff(store, ledger::totals, run -> {
            throw new AssertionError("no hand-off below the thresholds");
        }, new SparkHandOff.Settings("00app", "shop-data", "jobs/x.jar", 9, 1_000_000), CLOCK);

        Outcome outcome = new BuildRecommendationsHandler(refresh(store, tables), handOff, CLOCK)
                .handleRequest(EventLoader.loadScheduledEvent(EVENT.toString()), context);

        assertThat(outcome.status()).isEqualTo("built");
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    private static RecommendationRefresh refresh(DirectoryObjectStore store, RecommendationStore tables) {
        return new RecommendationRefresh(store, tables, SETTINGS,
                new io.shopsense.pipeline.Erasures(store, io.shopsense.security.ShopSecret.of(new byte[32])));
    }

    private static BuildRecommendationsHandler handler(DirectoryObjectStore store, RecommendationStore tables) {
        return new BuildRecommendationsHandler(refresh(store, tables), SparkHandOff.never(store, CLOCK), CLOCK);
    }

    private String read(String key) throws Exception {
        try (var in = store.open(key)) {
            return new String(in.readAllBytes());
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }
}
