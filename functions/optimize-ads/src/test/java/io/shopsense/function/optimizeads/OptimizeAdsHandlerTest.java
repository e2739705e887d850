package io.shopsense.function.optimizeads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.ads.BudgetPlanner;
import io.shopsense.clean.CleanLimits;
import io.shopsense.model.AdAllocation;
import io.shopsense.model.AdPlan;
import io.shopsense.pipeline.AdPlanning;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.InMemoryAdPlanStore;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.ObjectStore.ObjectInfo;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler on the real scheduled event from events/, over a directory standing in for the bucket (the synthetic
 * samples/ad-results.csv cleaned by clean-upload's own code) and an in-memory AdPlans table.
 */
class OptimizeAdsHandlerTest {
    private static final Path EVENT = Path.of("../../events/scheduled-daily.json");
    private static final Path SAMPLE = Path.of("../../samples/ad-results.csv");
    private static final LocalDate PLAN_DATE = LocalDate.of(2024, 7, 1);
    private static final String REPORT = "reports/ads/2024-07-01/spring-sale.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path bucket;
    @TempDir
    Path work;
    private DirectoryObjectStore store;
    private InMemoryAdPlanStore plans;
    private OptimizeAdsHandler handler;
    private final Context context = new InvocationContext("test", 1024, 60);

    @BeforeEach
    void setUp() throws Exception {
        store = new DirectoryObjectStore(bucket);
        store.put("raw/ads/ad-results.csv", Files.readAllBytes(SAMPLE), "text/csv");
        Clock clock = Clock.fixed(Instant.parse("2024-06-30T04:00:00Z"), ZoneOffset.UTC);
        UploadCleaner cleaner = new UploadCleaner(store, new InMemoryIngestionLedger(), new UploadCleaner.Settings(
                ZoneId.of("UTC"), CleanLimits.DEFAULT, Duration.ofDays(35), 100_000, "GBP", work), clock);
        UploadCleaner.Outcome cleaned = cleaner.clean(new UploadCleaner.Upload("bucket", "raw/ads/ad-results.csv",
                "etag-1", clock.instant()));
        assertThat(cleaned.report().rowsClean()).isEqualTo(2688);
        plans = new InMemoryAdPlanStore();
        handler = new OptimizeAdsHandler(new AdPlanning(store, plans, new BudgetPlanner(), 500));
    }

    @Test
    void handleRequest_plansTheDayAfterTheEvent_intoAnAdPlanAndAReport() throws Exception {
        ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toString());

        AdPlanning.Result result = handler.handleRequest(event, context);

        assertThat(result.date()).isEqualTo("2024-07-01");
        assertThat(result.campaigns()).singleElement().satisfies(c -> {
            assertThat(c.campaignId()).isEqualTo("spring-sale");
            assertThat(c.historyRows()).isEqualTo(2688);
            assertThat(c.reportKey()).isEqualTo(REPORT);
        });
        AdPlan plan = plans.get("spring-sale", PLAN_DATE).orElseThrow();
        assertThat(plan.budget()).isEqualTo(500.0);
        assertThat(plan.allocatedBudget()).isCloseTo(500.0, within(1e-6));
        assertThat(plan.allocations()).allSatisfy(a -> assertThat(a.budget()).isLessThanOrEqualTo(a.capacity() + 1e-9));
        JsonNode report = JSON.readTree(store.open(REPORT));
        assertThat(report.path("campaignId").asText()).isEqualTo("spring-sale");
        assertThat(report.at("/expected/conversions/low95").asDouble())
                .isLessThanOrEqualTo(report.at("/expected/conversions/mean").asDouble());
        assertThat(report.path("allocations")).hasSize(plan.allocations().size());
        assertThat(report.at("/history/from").asText()).isEqualTo("2024-06-03");
        assertThat(report.at("/changes/since").isNull()).isTrue();
    }

    @Test
    void handleRequest_replayedEvent_writesTheSamePlanAndTheSameReportBytes() throws Exception {
        ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toString());
        handler.handleRequest(event, context);
        AdPlan first = plans.get("spring-sale", PLAN_DATE).orElseThrow();
        byte[] firstReport = store.open(REPORT).readAllBytes();
        var keys = store.list("reports/").stream().map(ObjectInfo::key).toList();

        handler.handleRequest(event, context);

        assertThat(plans.get("spring-sale", PLAN_DATE)).contains(first);
        assertThat(store.open(REPORT).readAllBytes()).isEqualTo(firstReport);
        assertThat(store.list("reports/").stream().map(ObjectInfo::key).toList()).isEqualTo(keys);
    }

    @Test
    void handleRequest_nextDay_reportsWhatChangedSinceThePreviousPlan() throws Exception {
        handler.handleRequest(EventLoader.loadScheduledEvent(EVENT.toString()), context);
        ScheduledEvent rerun = EventLoader.loadScheduledEvent(EVENT.toString());
        rerun.setDetail(Map.of("date", "2024-07-03"));

        AdPlanning.Result result = handler.handleRequest(rerun, context);

        assertThat(result.date()).isEqualTo("2024-07-03");
        JsonNode report = JSON.readTree(store.open("reports/ads/2024-07-03/spring-sale.json"));
        assertThat(report.at("/changes/since").asText()).isEqualTo("2024-07-01");
        // a Wednesday after a Monday: the weekday posteriors differ, so some cells move, each with a reason
        assertThat(report.at("/changes/cells")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("reason").asText()).contains(c.path("channel").asText()));
    }

    @Test
    void handleRequest_respectsTheShopsConstraintsFile() throws Exception {
        store.put("raw/ads/constraints.json", """
                {"dailyBudget": 800, "channelMax": {"traffic-4": 50}, "channelMin": {"traffic-3": 100}}
                """.getBytes(StandardCharsets.UTF_8), "application/json");

        handler.handleRequest(EventLoader.loadScheduledEvent(EVENT.toString()), context);

        AdPlan plan = plans.get("spring-sale", PLAN_DATE).orElseThrow();
        assertThat(plan.budget()).isEqualTo(800.0);
        assertThat(channelTotal(plan, "traffic-4")).isLessThanOrEqualTo(50 + 1e-6);
        assertThat(channelTotal(plan, "traffic-3")).isGreaterThanOrEqualTo(100 - 1e-6);
    }

    @Test
    void handleRequest_unreadableConstraints_plansTheDefaultBudget_andSaysWhyInTheReport() throws Exception {
        store.put("raw/ads/constraints.json", "{\"dailyBudget\": \"lots\"".getBytes(StandardCharsets.UTF_8),
                "application/json");

        AdPlanning.Result result = handler.handleRequest(EventLoader.loadScheduledEvent(EVENT.toString()), context);

        assertThat(result.notes()).singleElement().asString().contains("raw/ads/constraints.json ignored");
        assertThat(plans.get("spring-sale", PLAN_DATE).orElseThrow().budget()).isEqualTo(500.0);
    }

    @Test
    void handleRequest_badDetailDate_isRejectedWithItsValue() throws Exception {
        ScheduledEvent event = EventLoader.loadScheduledEvent(EVENT.toString());
        event.setDetail(Map.of("date", "tomorrow"));

        assertThatThrownBy(() -> handler.handleRequest(event, context))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tomorrow");
    }

    private static double channelTotal(AdPlan plan, String channel) {
        return plan.allocations().stream().filter(a -> a.channel().equals(channel))
                .mapToDouble(AdAllocation::budget).sum();
    }
}
