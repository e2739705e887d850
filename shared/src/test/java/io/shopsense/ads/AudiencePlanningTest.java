package io.shopsense.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.AdAllocation;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.AdPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planning per audience × channel × hour (issue 15 item 3). */
class AudiencePlanningTest {
    private static final LocalDate DAY = LocalDate.of(2024, 6, 3);
    private static final PlannerSettings FAST = PlannerSettings.defaults().withThompsonDraws(8);

    /** 14 days of one channel, every hour, per audience: 10 money buys 20 clicks, converting at the given rate. */
    private static List<AdPerformance> history(Map<String, Double> cvrByAudience, double spend) {
        List<AdPerformance> rows = new ArrayList<>();
        for (int d = 14; d >= 1; d--) {
            for (int h = 0; h < 24; h++) {
                for (Map.Entry<String, Double> a : new java.util.TreeMap<>(cvrByAudience).entrySet()) {
                    long clicks = Math.round(2 * spend);
                    long conversions = Math.round(clicks * a.getValue());
                    rows.add(new AdPerformance(DAY.minusDays(d), h, "search", "c", clicks * 40, clicks, conversions,
                            spend, conversions * 30.0, a.getKey()));
                }
            }
        }
        return rows;
    }

    private static Map<String, Double> budgetByAudience(AdPlan plan) {
        Map<String, Double> sums = new java.util.TreeMap<>();
        for (AdAllocation a : plan.allocations()) {
            sums.merge(a.audience(), a.budget(), Double::sum);
        }
        return sums;
    }

    @Test
    void ratioPriorStrength_pinsRatiosWhenDeviationsAreNoiseOnly_andFreesThemWhenTheyAreReal() {
        // no excess over Poisson noise: the level adds nothing
        assertThat(GammaPosterior.ratioPriorStrength(new double[] {100, 100}, new double[] {100, 100}))
                .isEqualTo(GammaPosterior.MAX_PSEUDO_EVENTS);
        // Σ[(O − E)² − O] = (10,000 − 200) + (2,500 − 50) = 12,250 against Σ E² = 20,000
        assertThat(GammaPosterior.ratioPriorStrength(new double[] {200, 50}, new double[] {100, 100}))
                .isCloseTo(20_000.0 / 12_250.0, within(1e-12));
    }

    @Test
    void fit_audiencesThatConvertAlike_stayAtTheirChannelHour_andOnesThatDiffer_followTheirOwnRates() {
        List<AdPerformance> alike = history(Map.of("a", 0.2, "b", 0.2), 10);
        List<AdPerformance> differ = history(Map.of("a", 0.3, "b", 0.1), 10);

        AudienceCellPosteriors same = AudienceCellPosteriors.fit(alike, List.of(), DAY, FAST);
        AudienceCellPosteriors apart = AudienceCellPosteriors.fit(differ, List.of(), DAY, FAST);

        int aNoon = 12;
        int bNoon = 24 + 12;
        assertThat(same.meanConversionRate(aNoon)).isEqualTo(same.meanConversionRate(bNoon));
        assertThat(same.poolingStrengths()[0][0]).isEqualTo(GammaPosterior.MAX_PSEUDO_EVENTS);
        assertThat(apart.meanConversionRate(aNoon)).isCloseTo(0.3, within(0.02));
        assertThat(apart.meanConversionRate(bNoon)).isCloseTo(0.1, within(0.02));
    }

    @Test
    void plan_targetedHistory_givesTheBetterConvertingAudienceMore_andNamesTheAudienceOfEveryCell() {
        List<AdPerformance> rows = history(Map.of("buyers", 0.2, "browsers", 0.02), 10);

        AdPlan plan = new BudgetPlanner(FAST).plan("c", rows, PlanConstraints.budget(240), DAY, 1);

        assertThat(plan.allocations()).allSatisfy(a -> assertThat(a.audience()).isIn("buyers", "browsers"));
        Map<String, Double> budgets = budgetByAudience(plan);
        assertThat(budgets.getOrDefault("buyers", 0.0)).isGreaterThan(2 * budgets.getOrDefault("browsers", 0.0));
        assertThat(plan.allocatedBudget()).isCloseTo(240, within(1e-6));
    }

    @Test
    void plan_valueObjective_followsTheAudiencesMeanClv() {
        List<AdPerformance> rows = history(Map.of("buyers", 0.2, "browsers", 0.1), 10);
        PlanConstraints value = new PlanConstraints(240, Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(),
                PlanObjective.VALUE);
        BudgetPlanner planner = new BudgetPlanner(FAST);

        Map<String, Double> byConversions = budgetByAudience(
                planner.plan("c", rows, PlanConstraints.budget(240), Map.of(), DAY, 1));
        Map<String, Double> byValue = budgetByAudience(
                planner.plan("c", rows, value, Map.of("buyers", 10.0, "browsers", 200.0), DAY, 1));

        assertThat(byConversions.get("buyers")).isGreaterThan(byConversions.getOrDefault("browsers", 0.0));
        assertThat(byValue.get("browsers")).isGreaterThan(byValue.getOrDefault("buyers", 0.0));
    }

    @Test
    void plan_audienceBounds_areMet_andAnUnmetMinimumIsExplained() {
        List<AdPerformance> rows = history(Map.of("buyers", 0.2, "browsers", 0.02), 10);
        PlanConstraints bounded = new PlanConstraints(240, Map.of(), Map.of(), Map.of(), List.of(),
                Map.of("browsers", 60.0), Map.of("buyers", 100.0), PlanObjective.CONVERSIONS);

        AdPlan plan = new BudgetPlanner(FAST).plan("c", rows, bounded, DAY, 1);

        Map<String, Double> budgets = budgetByAudience(plan);
        assertThat(budgets.get("buyers")).isLessThanOrEqualTo(100 + 1e-9);
        assertThat(budgets.get("browsers")).isGreaterThanOrEqualTo(60 - 1e-9);
    }

    @Test
    void constraints_audienceMinimumsAboveTheBudget_areRefusedWithTheReason() {
        assertThatThrownBy(() -> new PlanConstraints(100, Map.of(), Map.of(), Map.of(), List.of(),
                Map.of("a", 80.0, "b", 30.0), Map.of(), PlanObjective.CONVERSIONS))
                .hasMessageContaining("audience minimums (110.0) exceed the budget 100.0");
        assertThatThrownBy(() -> PlanObjective.parse("clicks")).hasMessageContaining("conversions, revenue or value");
    }

    @Test
    void allocate_withAudiences_keepsEachAudienceWithinItsMaximum() {
        // two audiences × one channel × 24 hours, audience 0 far better everywhere
        double[] rate = new double[48];
        double[] scale = new double[48];
        double[] capacity = new double[48];
        for (int k = 0; k < 48; k++) {
            rate[k] = k < 24 ? 1.0 : 0.1;
            scale[k] = Double.POSITIVE_INFINITY;
            capacity[k] = Double.POSITIVE_INFINITY;
        }
        PlanConstraints c = new PlanConstraints(100, Map.of(), Map.of(), Map.of(), List.of(), Map.of(),
                Map.of("a", 30.0), PlanObjective.CONVERSIONS);

        double[] spend = new BudgetAllocator(100).allocate(rate, scale, capacity, List.of("search"), List.of("a", "b"),
                c);

        double a = 0;
        double b = 0;
        for (int k = 0; k < 48; k++) {
            if (k < 24) {
                a += spend[k];
            } else {
                b += spend[k];
            }
        }
        assertThat(a).isCloseTo(30, within(1e-9));
        assertThat(b).isCloseTo(70, within(1e-9));
    }
}
