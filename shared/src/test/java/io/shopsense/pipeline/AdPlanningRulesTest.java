package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.ads.PlanConstraints;
import io.shopsense.model.AdAllocation;
import io.shopsense.model.AdPerformance;
import io.shopsense.store.AdPlanJson;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small rules around planning: constraints file, history window, seeds, report keys, stored allocations. */
class AdPlanningRulesTest {
    private static final LocalDate DAY = LocalDate.of(2024, 7, 1);

    @Test
    void constraints_campaignEntryReplacesTopLevelFields_andBudgetFallsBackToTheDefault() {
        AdConstraints file = AdConstraints.parse("""
                {"channelMax": {"search": 100}, "hourCaps": {"3": 5},
                 "campaigns": {"spring": {"dailyBudget": 400, "channelMax": {"display": 50}}}}
                """.getBytes(StandardCharsets.UTF_8));

        PlanConstraints spring = file.forCampaign("spring", 1000);
        PlanConstraints other = file.forCampaign("other", 1000);

        assertThat(spring.totalBudget()).isEqualTo(400);
        assertThat(spring.channelMax()).isEqualTo(Map.of("display", 50.0));
        assertThat(spring.hourCaps()).isEqualTo(Map.of(3, 5.0));
        assertThat(other.totalBudget()).isEqualTo(1000);
        assertThat(other.channelMax()).isEqualTo(Map.of("search", 100.0));
        assertThat(file.withBudget("spring", 250).totalBudget()).isEqualTo(250);
    }

    @Test
    void constraints_badDocuments_fail_withAOneLineReason() {
        assertThatThrownBy(() -> AdConstraints.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("constraints must be a JSON object");
        assertThatThrownBy(() -> AdConstraints.parse("{\"budget\": 5}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown field 'budget'");
        AdConstraints tooMuch = AdConstraints.parse("{\"channelMin\": {\"a\": 900}}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> tooMuch.forCampaign("c", 100)).hasMessageContaining("exceed the budget");
    }

    @Test
    void byCampaign_keepsTheWindowBeforeTheDate_andALaterRowReplacesTheSameCell() {
        List<AdPerformance> rows = List.of(
                row(DAY.minusDays(AdPlanning.LOOKBACK_DAYS + 1), 5, "old", 1),
                row(DAY.minusDays(1), 5, "c", 10),
                row(DAY, 5, "c", 99),
                row(DAY.minusDays(1), 5, "c", 20),
                row(DAY.minusDays(2), 5, null, 7));

        var byCampaign = AdPlanning.byCampaign(rows, DAY);

        assertThat(byCampaign.keySet()).containsExactly("c", AdPlanning.DEFAULT_CAMPAIGN);
        assertThat(byCampaign.get("c")).singleElement().satisfies(r -> assertThat(r.clicks()).isEqualTo(20));
        assertThat(byCampaign.get("default").get(0).campaignId()).isEqualTo("default");
    }

    @Test
    void seed_dependsOnCampaignAndDateOnly() {
        assertThat(AdPlanning.seed("c", DAY)).isEqualTo(AdPlanning.seed("c", LocalDate.parse("2024-07-01")))
                .isNotEqualTo(AdPlanning.seed("c", DAY.plusDays(1)))
                .isNotEqualTo(AdPlanning.seed("d", DAY));
    }

    @Test
    void adReportKey_encodesWhatIsNotKeySafe() {
        assertThat(Layout.adReportKey(DAY, "spring-sale.v2")).isEqualTo("reports/ads/2024-07-01/spring-sale.v2.json");
        assertThat(Layout.adReportKey(DAY, "a/b c")).isEqualTo("reports/ads/2024-07-01/a%2Fb%20c.json");
        assertThat(Layout.adReportKey(DAY, "..")).isEqualTo("reports/ads/2024-07-01/%2E%2E.json");
    }

    @Test
    void allocationsDocument_readsBackEqual_includingAnUnboundedCapacity() {
        List<AdAllocation> allocations = List.of(new AdAllocation("search", 20, 12.345678901, 40.0, 1.5, 0.031, 0.82),
                new AdAllocation("email", 3, 0.1, Double.POSITIVE_INFINITY, 0.01, 0.2, 0.05));

        String text = AdPlanJson.allocationsText(allocations);

        assertThat(AdPlanJson.readAllocations(text)).isEqualTo(allocations);
        assertThat(AdPlanJson.allocationsText(AdPlanJson.readAllocations(text))).isEqualTo(text);
    }

    private static AdPerformance row(LocalDate date, int hour, String campaign, long clicks) {
        return new AdPerformance(date, hour, "search", campaign, 100, clicks, 1, 10, 50);
    }
}
