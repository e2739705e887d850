package io.shopsense.ads;

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
        Set<String> extra = new LinkedHashSet<>(constraints.channels());
        extra.addAll(constraints.channelMin().keySet());
        extra.addAll(constraints.channelMax().keySet());
        CellPosteriors posteriors = CellPosteriors.fit(history, extra, date, settings);
        return plan(campaignId, posteriors, constraints, date, seed);
    }

    /** The plan from already fitted posteriors (used by the simulator and by tests). */
    public AdPlan plan(String campaignId, CellPosteriors posteriors, PlanConstraints constraints, LocalDate date,
                       long seed) {
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
            double[] x = allocator.allocate(rate, scale, capacity, channels, constraints);
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
    private AdPlan describe(String campaignId, LocalDate date, long seed, CellPosteriors posteriors,
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
            int ch = k / CellPosteriors.HOURS;
            double conversions = posteriors.meanConversionsPerSpend(k) * effective[k];
            expectedConversions += conversions;
            expectedRevenue += conversions * posteriors.valuePerConversion(ch);
            allocations.add(new AdAllocation(posteriors.channels().get(ch), k % CellPosteriors.HOURS, spend[k],
                    Math.min(posteriors.capacity(k), constraints.maxFor(posteriors.channels().get(ch))),
                    conversions, posteriors.meanConversionRate(k), 1 / posteriors.clickYield(k).mean()));
        }
        double[][] outcomes = predictiveDraws(posteriors, effective, settings.evaluationDraws(), rng);
        double[] conversionDraws = outcomes[0];
        double[] revenueDraws = outcomes[1];
        Arrays.sort(conversionDraws);
        Arrays.sort(revenueDraws);
        double unallocated = Math.max(0, constraints.totalBudget() - allocated);
        if (unallocated <= 1e-9 * Math.max(1, constraints.totalBudget())) {
            unallocated = 0;
        }
        return new AdPlan(campaignId, date, seed, constraints.totalBudget(), allocations, expectedConversions,
                quantile(conversionDraws, 0.025), quantile(conversionDraws, 0.975), expectedRevenue,
                quantile(revenueDraws, 0.025), quantile(revenueDraws, 0.975), unallocated,
                notes(posteriors, constraints, spend, unallocated));
    }

    /**
     * {@code draws} samples of the day's total conversions ({@code [0]}) and revenue ({@code [1]}) from the posterior
     * predictive distribution of spending {@code effective} (saturated spend per cell), unsorted. Each sample draws
     * every cell's clicks per money λ and conversion rate p from their posteriors, then the day's outcome noise of the
     * same model the posteriors were fitted under: clicks ~ Poisson(λ·effective), conversions ~ Binomial(clicks, p),
     * independently per cell. A binomial thinning of a Poisson count is Poisson, so a cell's conversions are
     * Poisson(λ·p·effective) and a channel's (a sum of independent cells) Poisson(Σ λ·p·effective); that is drawn
     * once per channel. Revenue is the channel's conversions times its estimated value per conversion (the value's
     * own spread is not sampled). Without the outcome noise the 2.5–97.5% range would cover parameter uncertainty
     * only, far narrower than a single day's spread.
     */
    static double[][] predictiveDraws(CellPosteriors posteriors, double[] effective, int draws,
                                      SplittableRandom rng) {
        int cells = effective.length;
        int channels = posteriors.channels().size();
        double[] conversionDraws = new double[draws];
        double[] revenueDraws = new double[draws];
        double[] rate = new double[cells];
        for (int m = 0; m < draws; m++) {
            posteriors.sampleConversionsPerSpend(rng, rate);
            for (int ch = 0; ch < channels; ch++) {
                double mean = 0;
                for (int h = 0; h < CellPosteriors.HOURS; h++) {
                    int k = ch * CellPosteriors.HOURS + h;
                    mean += rate[k] * effective[k];
                }
                long conversions = RandomVariates.poisson(mean, rng);
                conversionDraws[m] += conversions;
                revenueDraws[m] += conversions * posteriors.valuePerConversion(ch);
            }
        }
        return new double[][] {conversionDraws, revenueDraws};
    }

    private static List<String> notes(CellPosteriors posteriors, PlanConstraints constraints, double[] spend,
                                      double unallocated) {
        List<String> notes = new ArrayList<>();
        List<String> channels = posteriors.channels();
        for (int ch = 0; ch < channels.size(); ch++) {
            double sum = 0;
            for (int h = 0; h < CellPosteriors.HOURS; h++) {
                sum += spend[ch * CellPosteriors.HOURS + h];
            }
            double min = constraints.minFor(channels.get(ch));
            if (sum < min - 1e-6 * Math.max(1, min)) {
                notes.add(String.format(Locale.ROOT, "%s minimum %.2f not met (%.2f placed): its hours are full",
                        channels.get(ch), min, sum));
            }
        }
        if (unallocated > 0) {
            notes.add(String.format(Locale.ROOT,
                    "%.2f of the budget left unallocated: every open cell reached its capacity or a limit",
                    unallocated));
        }
        return notes;
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
