package io.shopsense.ads;

import io.shopsense.math.Quantiles;
import io.shopsense.model.AdAllocation;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.AdPlan;
import io.shopsense.model.PlanChange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BudgetPlannerTest {
    private static final LocalDate DAY = LocalDate.of(2024, 6, 3);
    private static final PlannerSettings FAST = PlannerSettings.defaults().withThompsonDraws(8);

    static List<ChannelPrior> priors() throws IOException {
        try (Reader in = new InputStreamReader(
                BudgetPlannerTest.class.getResourceAsStream("/ads/online-shoppers-conversion.csv"),
                StandardCharsets.UTF_8)) {
            return ChannelPrior.readAggregates(in).stream().filter(p -> p.sessions() >= 300).toList();
        }
    }

    @Test
    void plan_respectsEveryBoundAndSumsToTheBudget_overManySeeds() throws IOException {
        List<ChannelPrior> priors = priors().subList(0, 4);
        for (long seed = 1; seed <= 25; seed++) {
            // given a random market, history and constraint set
            SplittableRandom rng = new SplittableRandom(seed);
            double budget = 100 + 2000 * rng.nextDouble();
            AdMarketSimulator market = AdMarketSimulator.fromPriors(priors, budget, seed);
            List<AdPerformance> history = market.warmUp(DAY, 7, budget, "c", seed);
            List<String> channels = market.channels();
            Map<String, Double> min = new HashMap<>();
            Map<String, Double> max = new HashMap<>();
            min.put(channels.get(0), budget * 0.1 * rng.nextDouble());
            max.put(channels.get(1), budget * 0.2 * rng.nextDouble());
            max.put(channels.get(2), budget * (0.3 + rng.nextDouble()));
            Map<Integer, Double> hourCaps = Map.of(rng.nextInt(20), budget * 0.01, 20, budget * 0.05);
            boolean tight = seed % 5 == 0; // every fifth plan also gets caps that cannot hold the budget
            if (tight) {
                max.put(channels.get(3), 0.0);
                max.put(channels.get(2), budget * 0.1);
                max.put(channels.get(0), Math.max(min.get(channels.get(0)), budget * 0.1));
            }
            PlanConstraints constraints = new PlanConstraints(budget, min, max, hourCaps, List.of());

            // when
            AdPlan plan = new BudgetPlanner(FAST).plan("c", history, constraints, DAY, seed);

            // then
            double tolerance = 1e-6 * budget;
            assertThat(plan.allocatedBudget() + plan.unallocated()).isCloseTo(budget, within(tolerance));
            if (!tight) {
                assertThat(plan.unallocated()).isZero();
                assertThat(plan.allocatedBudget()).isCloseTo(budget, within(tolerance));
            }
            Map<String, Double> byChannel = new HashMap<>();
            Map<Integer, Double> byHour = new HashMap<>();
            for (AdAllocation a : plan.allocations()) {
                assertThat(a.budget()).isPositive().isLessThanOrEqualTo(a.capacity() + tolerance);
                byChannel.merge(a.channel(), a.budget(), Double::sum);
                byHour.merge(a.hour(), a.budget(), Double::sum);
            }
            for (String channel : channels) {
                double spent = byChannel.getOrDefault(channel, 0.0);
                assertThat(spent).isLessThanOrEqualTo(constraints.maxFor(channel) + tolerance);
                assertThat(spent).isGreaterThanOrEqualTo(constraints.minFor(channel) - tolerance);
            }
            hourCaps.forEach((hour, cap) ->
                    assertThat(byHour.getOrDefault(hour, 0.0)).isLessThanOrEqualTo(cap + tolerance));
            assertThat(plan.conversionsLow()).isLessThanOrEqualTo(plan.expectedConversions());
            assertThat(plan.conversionsHigh()).isGreaterThanOrEqualTo(plan.expectedConversions());
        }
    }

    @Test
    void plan_reportsUnallocatedBudgetWhenCapacitiesCannotHoldIt() throws IOException {
        AdMarketSimulator market = AdMarketSimulator.fromPriors(priors().subList(0, 2), 100, 3);
        List<AdPerformance> history = market.warmUp(DAY, 7, 100, "c", 3);
        PlanConstraints constraints = new PlanConstraints(100, Map.of(),
                Map.of(market.channels().get(0), 10.0, market.channels().get(1), 15.0), Map.of(), List.of());

        AdPlan plan = new BudgetPlanner(FAST).plan("c", history, constraints, DAY, 1);

        assertThat(plan.allocatedBudget()).isCloseTo(25, within(1e-6));
        assertThat(plan.unallocated()).isCloseTo(75, within(1e-6));
        assertThat(plan.notes()).anyMatch(n -> n.contains("unallocated"));
    }

    @Test
    void plan_sameDataAndSeedGiveTheSamePlan() throws IOException {
        AdMarketSimulator market = AdMarketSimulator.fromPriors(priors(), 1000, 11);
        List<AdPerformance> history = market.warmUp(DAY, 10, 1000, "c", 11);
        PlanConstraints constraints = PlanConstraints.budget(1000);

        AdPlan first = new BudgetPlanner(FAST).plan("c", history, constraints, DAY, 42);
        AdPlan second = new BudgetPlanner(FAST).plan("c", List.copyOf(history), constraints, DAY, 42);
        AdPlan otherSeed = new BudgetPlanner(FAST).plan("c", history, constraints, DAY, 43);

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed.allocations()).isNotEqualTo(first.allocations());
    }

    @Test
    void plan_withEmptyHistoryStillSpendsTheBudget() {
        PlanConstraints constraints = new PlanConstraints(500, Map.of("search", 100.0), Map.of(), Map.of(),
                List.of("social"));

        AdPlan plan = new BudgetPlanner(FAST).plan("c", List.of(), constraints, DAY, 5);

        assertThat(plan.allocatedBudget()).isCloseTo(500, within(1e-6));
        assertThat(plan.allocations()).extracting(AdAllocation::channel).contains("search", "social");
    }

    @Test
    void simulation_plannerBeatsAnEvenSplit() throws IOException {
        // given the UCI traffic types with enough sessions as channels, a week of jittered history
        AdMarketSimulator market = AdMarketSimulator.fromPriors(priors(), 1000, 2024);

        SimulationReport report = market.run(new BudgetPlanner(FAST), PlanConstraints.budget(1000), DAY, 14, 7,
                2024);

        assertThat(report.plannerConversions()).isGreaterThan(report.evenConversions());
        assertThat(report.plannerRegret()).isLessThan(report.evenSplitRegret() / 2);
        assertThat(report.plannerConversions()).isLessThanOrEqualTo(report.oracleConversions() + 1e-9);
    }

    @Test
    void diff_explainsAMoveByTheFigureThatChanged() {
        AdPlan yesterday = new AdPlan("c", DAY, 1, 100, List.of(
                new AdAllocation("search", 20, 50, 80, 5, 0.10, 1.0),
                new AdAllocation("social", 20, 50, 80, 4, 0.08, 1.0)), 9, 8, 10, 90, 80, 100, 0, List.of());
        AdPlan today = new AdPlan("c", DAY.plusDays(1), 1, 100, List.of(
                new AdAllocation("search", 20, 56, 80, 6, 0.12, 1.0),
                new AdAllocation("social", 20, 44, 80, 4, 0.08, 1.0)), 10, 9, 11, 99, 90, 110, 0, List.of());

        List<PlanChange> changes = PlanDiff.between(yesterday, today, 0.05);

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).reason()).startsWith("search hour 20 +12%: higher posterior CVR");
        assertThat(changes.get(1).reason()).startsWith("social hour 20 -12%: budget moved out");
    }

    @Test
    void predictiveInterval_addsTheDaysPoissonSpreadToTheParameterSpread() {
        // given 400 days of one cell that bought 200 clicks and 20 conversions for 10 money (the same spend every
        // day, so the saturation scale is the fallback's and carries no spread): p = 0.1, clicks per money known to a
        // fraction of a percent
        List<AdPerformance> history = new java.util.ArrayList<>();
        for (int d = 1; d <= 400; d++) {
            history.add(new AdPerformance(DAY.minusDays(d), 12, "search", "c", 10_000, 200, 20, 10, 1000));
        }
        CellPosteriors posteriors = CellPosteriors.fit(history, List.of(), DAY, FAST);
        int cell = posteriors.channels().indexOf("search") * CellPosteriors.HOURS + 12;
        double[] spend = new double[posteriors.cells()];
        spend[cell] = 10; // 200 clicks and 20 conversions expected, as every day of the history
        assertThat(posteriors.meanConversionRate(cell)).isCloseTo(0.1, within(0.005));
        int draws = 20_000;

        // when
        double[] predictive = BudgetPlanner.predictiveDraws(posteriors, spend, draws, new SplittableRandom(7))[0];
        double[] parameterOnly = new double[draws];
        double[] expected = new double[posteriors.cells()];
        SplittableRandom rng = new SplittableRandom(7);
        for (int m = 0; m < draws; m++) {
            posteriors.sampleExpectedConversions(rng, spend, expected);
            parameterOnly[m] = expected[cell];
        }
        java.util.Arrays.sort(predictive);
        java.util.Arrays.sort(parameterOnly);

        // then conversions are Poisson(20): its 2.5% and 97.5% quantiles are 12 and 29 (P(X ≤ 11) = 0.021,
        // P(X ≤ 12) = 0.039; P(X ≤ 28) = 0.966, P(X ≤ 29) = 0.978)
        assertThat(Quantiles.ofSorted(parameterOnly, 0.5)).isCloseTo(20, within(0.5));
        double low = Quantiles.ofSorted(predictive, 0.025);
        double high = Quantiles.ofSorted(predictive, 0.975);
        assertThat(low).isCloseTo(12, within(1.0));
        assertThat(high).isCloseTo(29, within(1.0));
        double parameterWidth = Quantiles.ofSorted(parameterOnly, 0.975)
                - Quantiles.ofSorted(parameterOnly, 0.025);
        assertThat(parameterWidth).isLessThan(2);
        assertThat(high - low).isGreaterThan(5 * parameterWidth);
    }
}
