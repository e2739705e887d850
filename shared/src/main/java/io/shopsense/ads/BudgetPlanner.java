package io.shopsense.ads;

import io.shopsense.math.Quantiles;
import io.shopsense.math.RandomVariates;
import io.shopsense.model.AdAllocation;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.AdPlan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plans one campaign's budget for one day over channel × hour: the entry point of {@code optimize-ads} and
 * {@code shopsense ads plan}. Fits {@link CellPosteriors} from the history, then allocates by Thompson sampling:
 * each of {@code thompsonDraws} draws samples every cell's conversions per money from its posterior and allocates the
 * budget greedily for that draw ({@link BudgetAllocator}); the plan is the average of the draws' allocations (with one
 * draw it is plain Thompson sampling; averaging keeps the exploration of posterior uncertainty but a steadier plan).
 * Every draw's allocation meets every constraint and the constraints are linear, so their average does too.
 * The plan's 95% intervals are posterior predictive: parameter uncertainty and the day's outcome noise
 * ({@link #predictiveDraws}).
 * Same history, constraints, date and seed give the same plan.
 *
 * <p>A history whose rows name audiences is planned over audience × channel × hour ({@link AudienceCellPosteriors}):
 * every cell is one channel's hour targeted at one audience. A history without any is planned over channel × hour,
 * exactly as before audiences existed. The constraints' {@link PlanObjective} weighs each cell's conversions by its
 * revenue per conversion or its audience's mean CLV before allocating.
 */
public final class BudgetPlanner {
    private final PlannerSettings settings;
    private final BudgetAllocator allocator;

    public BudgetPlanner() {
        this(PlannerSettings.defaults());
    }

    public BudgetPlanner(PlannerSettings settings) {
        this.settings = settings;
        this.allocator = new BudgetAllocator(settings.allocationSteps());
    }

    /** Tomorrow's plan for {@code campaignId} from its ad results, under the constraints, reproducible by seed. */
    public AdPlan plan(String campaignId, List<AdPerformance> history, PlanConstraints constraints, LocalDate date,
                       long seed) {
        return plan(campaignId, history, constraints, Map.of(), date, seed);
    }

    /**
     * The same, with each audience's mean 12-month CLV for the {@link PlanObjective#VALUE} objective (an audience
     * missing there is valued at the mean of those present).
     */
    public AdPlan plan(String campaignId, List<AdPerformance> history, PlanConstraints constraints,
                       Map<String, Double> audienceClv, LocalDate date, long seed) {
        Set<String> extra = new LinkedHashSet<>(constraints.channels());
        extra.addAll(constraints.channelMin().keySet());
        extra.addAll(constraints.channelMax().keySet());
        ResponseModel posteriors = AudienceCellPosteriors.targets(history)
                ? AudienceCellPosteriors.fit(history, extra, date, settings)
                : CellPosteriors.fit(history, extra, date, settings);
        return plan(campaignId, posteriors, constraints, objectiveWeights(posteriors, constraints, audienceClv), date,
                seed);
    }

    /** The plan from already fitted posteriors (used by the simulator and by tests), maximising conversions. */
    public AdPlan plan(String campaignId, ResponseModel posteriors, PlanConstraints constraints, LocalDate date,
                       long seed) {
        return plan(campaignId, posteriors, constraints, null, date, seed);
    }

    /**
     * What one conversion of each cell is worth under the constraints' objective, or null when every conversion
     * counts the same (conversions; value without audiences, where one CLV multiplies every cell alike).
     */
    static double[] objectiveWeights(ResponseModel posteriors, PlanConstraints constraints,
                                     Map<String, Double> audienceClv) {
        PlanObjective objective = constraints.objective();
        if (objective == PlanObjective.CONVERSIONS
                || (objective == PlanObjective.VALUE && posteriors.audiences().isEmpty())) {
            return null;
        }
        double fallback = audienceClv.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
        double[] weight = new double[posteriors.cells()];
        for (int k = 0; k < weight.length; k++) {
            int group = k / CellPosteriors.HOURS;
            weight[k] = objective == PlanObjective.REVENUE ? posteriors.valuePerConversion(group)
                    : audienceClv.getOrDefault(posteriors.audienceOf(group), fallback);
        }
        return weight;
    }

    private AdPlan plan(String campaignId, ResponseModel posteriors, PlanConstraints constraints, double[] weights,
                        LocalDate date, long seed) {
        int cells = posteriors.cells();
        List<String> channels = posteriors.channels();
        double[] scale = new double[cells];
        double[] capacity = new double[cells];
        for (int k = 0; k < cells; k++) {
            scale[k] = posteriors.saturation(k);
            capacity[k] = posteriors.capacity(k);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] rate = new double[cells];
        double[] total = new double[cells];
        for (int t = 0; t < settings.thompsonDraws(); t++) {
            posteriors.sampleConversionsPerSpend(rng, rate);
            if (weights != null) {
                for (int k = 0; k < cells; k++) {
                    rate[k] *= weights[k];
                }
            }
            double[] x = allocator.allocate(rate, scale, capacity, channels, posteriors.audiences(), constraints);
            for (int k = 0; k < cells; k++) {
                total[k] += x[k];
            }
        }
        double[] spend = new double[cells];
        for (int k = 0; k < cells; k++) {
            spend[k] = total[k] / settings.thompsonDraws();
        }
        return describe(campaignId, date, seed, posteriors, constraints, spend, rng);
    }

    /** Expected outcomes of a spend vector with 95% posterior predictive intervals, as an {@link AdPlan}. */
    private AdPlan describe(String campaignId, LocalDate date, long seed, ResponseModel posteriors,
                            PlanConstraints constraints, double[] spend, SplittableRandom rng) {
        int cells = spend.length;
        double[] effective = new double[cells];
        List<AdAllocation> allocations = new ArrayList<>();
        double expectedConversions = 0;
        double expectedRevenue = 0;
        double allocated = 0;
        for (int k = 0; k < cells; k++) {
            effective[k] = SaturationCurve.effectiveSpend(spend[k], posteriors.saturation(k));
            allocated += spend[k];
            if (spend[k] <= 0) {
                continue;
            }
            int group = k / CellPosteriors.HOURS;
            String channel = posteriors.channelOf(group);
            String audience = posteriors.audienceOf(group);
            double conversions = posteriors.meanConversionsPerSpend(k) * effective[k];
            expectedConversions += conversions;
            expectedRevenue += conversions * posteriors.valuePerConversion(group);
            double limit = constraints.maxFor(channel);
            if (audience != null) {
                limit = Math.min(limit, constraints.maxForAudience(audience));
            }
            allocations.add(new AdAllocation(channel, k % CellPosteriors.HOURS, spend[k],
                    Math.min(posteriors.capacity(k), limit), conversions, posteriors.meanConversionRate(k),
                    posteriors.meanCostPerClick(k), audience));
        }
        double[][] outcomes = predictiveDraws(posteriors, spend, settings.evaluationDraws(), rng);
        double[] conversionDraws = outcomes[0];
        double[] revenueDraws = outcomes[1];
        Arrays.sort(conversionDraws);
        Arrays.sort(revenueDraws);
        double unallocated = Math.max(0, constraints.totalBudget() - allocated);
        if (unallocated <= 1e-9 * Math.max(1, constraints.totalBudget())) {
            unallocated = 0;
        }
        return new AdPlan(campaignId, date, seed, constraints.totalBudget(), allocations, expectedConversions,
                Quantiles.ofSorted(conversionDraws, 0.025), Quantiles.ofSorted(conversionDraws, 0.975), expectedRevenue,
                Quantiles.ofSorted(revenueDraws, 0.025), Quantiles.ofSorted(revenueDraws, 0.975), unallocated,
                notes(posteriors, constraints, spend, unallocated));
    }

    /**
     * {@code draws} samples of the day's total conversions ({@code [0]}) and revenue ({@code [1]}) from the posterior
     * predictive distribution of spending {@code spend} per cell, unsorted. Each sample draws every cell's expected
     * conversions from the posterior ({@link ResponseModel#sampleExpectedConversions}: clicks per money, conversion
     * rate, the weekday factor and the saturation scales, so nothing the plan's mean rests on is held fixed), then the
     * day's outcome noise of the same model the posteriors were fitted under: clicks ~ Poisson, conversions ~
     * Binomial(clicks, p), independently per cell. A binomial thinning of a Poisson count is Poisson, so a group's
     * conversions (a sum of independent cells) are Poisson(Σ expected); that is drawn once per group. Revenue is the
     * group's conversions times its estimated value per conversion (the value's own spread is not sampled: it does not
     * move the conversions). Without the outcome noise the 2.5–97.5% range would cover parameter uncertainty only, far
     * narrower than a single day's spread; without the scales, it held the first plans' days too seldom.
     */
    static double[][] predictiveDraws(ResponseModel posteriors, double[] spend, int draws, SplittableRandom rng) {
        int cells = spend.length;
        int groups = cells / CellPosteriors.HOURS; // channels, or audience × channel
        double[] conversionDraws = new double[draws];
        double[] revenueDraws = new double[draws];
        double[] expected = new double[cells];
        for (int m = 0; m < draws; m++) {
            posteriors.sampleExpectedConversions(rng, spend, expected);
            for (int g = 0; g < groups; g++) {
                double mean = 0;
                for (int h = 0; h < CellPosteriors.HOURS; h++) {
                    mean += expected[g * CellPosteriors.HOURS + h];
                }
                long conversions = RandomVariates.poisson(mean, rng);
                conversionDraws[m] += conversions;
                revenueDraws[m] += conversions * posteriors.valuePerConversion(g);
            }
        }
        return new double[][] {conversionDraws, revenueDraws};
    }

    private static List<String> notes(ResponseModel posteriors, PlanConstraints constraints, double[] spend,
                                      double unallocated) {
        List<String> notes = new ArrayList<>();
        List<String> channels = posteriors.channels();
        int groups = spend.length / CellPosteriors.HOURS;
        for (int ch = 0; ch < channels.size(); ch++) {
            double sum = 0;
            for (int g = ch; g < groups; g += channels.size()) {
                for (int h = 0; h < CellPosteriors.HOURS; h++) {
                    sum += spend[g * CellPosteriors.HOURS + h];
                }
            }
            double min = constraints.minFor(channels.get(ch));
            if (sum < min - 1e-6 * Math.max(1, min)) {
                notes.add(String.format(Locale.ROOT, "%s minimum %.2f not met (%.2f placed): its hours are full",
                        channels.get(ch), min, sum));
            }
        }
        List<String> audiences = posteriors.audiences();
        for (int au = 0; au < audiences.size(); au++) {
            double sum = 0;
            for (int k = au * channels.size() * CellPosteriors.HOURS;
                 k < (au + 1) * channels.size() * CellPosteriors.HOURS; k++) {
                sum += spend[k];
            }
            double min = constraints.minForAudience(audiences.get(au));
            if (sum < min - 1e-6 * Math.max(1, min)) {
                notes.add(String.format(Locale.ROOT, "audience %s minimum %.2f not met (%.2f placed): its cells are"
                        + " full", audiences.get(au), min, sum));
            }
        }
        if (unallocated > 0) {
            notes.add(String.format(Locale.ROOT,
                    "%.2f of the budget left unallocated: every open cell reached its capacity or a limit",
                    unallocated));
        }
        return notes;
    }
}
