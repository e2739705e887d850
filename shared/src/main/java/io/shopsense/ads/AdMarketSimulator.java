package io.shopsense.ads;

import io.shopsense.math.RandomVariates;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.AdPlan;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic ad market for trying the planner over many days. Each channel is a traffic source of the UCI Online
 * Shoppers data with its true conversion rate on weekdays and at weekends ({@link ChannelPrior}); on top of that:
 * an hour-of-day traffic curve (quiet nights, a midday and an evening peak), a channel-specific hour shape of the
 * conversion rate, a channel price (clicks per money) and a saturating response {@code clicks = λ·S(1 − e^(−x/S))}
 * whose scale {@code S} follows the hour's traffic. Outcomes are Poisson clicks and binomial conversions.
 *
 * <p>{@link #run} plays plan → outcomes → append history → replan for a number of days and scores every day's plan
 * by its true expected conversions against an oracle that knows the true rates and against an even split.
 */
public final class AdMarketSimulator {
    private static final int HOURS = CellPosteriors.HOURS;

    private final List<String> channels;
    private final double[] clicksPerMoney; // λ per cell
    private final double[] saturation;     // S per cell
    private final double[] cvrWeekday;     // per cell
    private final double[] cvrWeekend;     // per cell
    private final double[] ctr;            // per channel
    private final double[] value;          // revenue per conversion, per channel

    private AdMarketSimulator(List<String> channels, double[] clicksPerMoney, double[] saturation,
                              double[] cvrWeekday, double[] cvrWeekend, double[] ctr, double[] value) {
        this.channels = channels;
        this.clicksPerMoney = clicksPerMoney;
        this.saturation = saturation;
        this.cvrWeekday = cvrWeekday;
        this.cvrWeekend = cvrWeekend;
        this.ctr = ctr;
        this.value = value;
    }

    /**
     * A market with one channel per prior ({@code traffic-<type>}), scaled so that a daily budget of
     * {@code dailyBudget} spread evenly is in the saturating range in quiet hours; prices and shapes drawn from
     * {@code seed}.
     */
    public static AdMarketSimulator fromPriors(List<ChannelPrior> priors, double dailyBudget, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int c = priors.size();
        double perCell = dailyBudget / (c * HOURS);
        double[] volume = hourVolume();
        List<String> names = new ArrayList<>();
        double[] lambda = new double[c * HOURS];
        double[] scale = new double[c * HOURS];
        double[] weekday = new double[c * HOURS];
        double[] weekend = new double[c * HOURS];
        double[] ctr = new double[c];
        double[] value = new double[c];
        for (int ch = 0; ch < c; ch++) {
            ChannelPrior prior = priors.get(ch);
            names.add("traffic-" + prior.trafficType());
            double price = 0.5 + 1.5 * rng.nextDouble();     // clicks per money at low spend
            double room = 0.5 + 2.5 * rng.nextDouble();      // saturation relative to an even split
            double phase = 24 * rng.nextDouble();            // when this channel's visitors buy most
            ctr[ch] = 0.01 + 0.04 * rng.nextDouble();
            value[ch] = 20 + 60 * rng.nextDouble();
            for (int h = 0; h < HOURS; h++) {
                int k = ch * HOURS + h;
                double hourShape = 1 + 0.3 * Math.sin(2 * Math.PI * (h - phase) / HOURS);
                lambda[k] = price * (0.7 + 0.3 * volume[h] / 1.5);
                scale[k] = room * perCell * volume[h];
                weekday[k] = Math.min(0.95, Math.max(0.005, prior.weekdayRate()) * hourShape);
                weekend[k] = Math.min(0.95, Math.max(0.005, prior.weekendRate()) * hourShape);
            }
        }
        return new AdMarketSimulator(List.copyOf(names), lambda, scale, weekday, weekend, ctr, value);
    }

    /** Relative traffic by hour, mean 1: low at night, peaks around 13:00 and 20:30. */
    static double[] hourVolume() {
        double[] v = new double[HOURS];
        double sum = 0;
        for (int h = 0; h < HOURS; h++) {
            v[h] = 0.15 + Math.exp(-Math.pow(h - 13, 2) / 18) + 1.2 * Math.exp(-Math.pow(h - 20.5, 2) / 8);
            sum += v[h];
        }
        for (int h = 0; h < HOURS; h++) {
            v[h] *= HOURS / sum;
        }
        return v;
    }

    public List<String> channels() {
        return channels;
    }

    private double cvr(int cell, LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? cvrWeekend[cell] : cvrWeekday[cell];
    }

    /** True expected conversions of spending {@code spend[cell]} on {@code date}. */
    public double expectedConversions(double[] spend, LocalDate date) {
        double sum = 0;
        for (int k = 0; k < spend.length; k++) {
            sum += clicksPerMoney[k] * SaturationCurve.effectiveSpend(spend[k], saturation[k]) * cvr(k, date);
        }
        return sum;
    }

    /** A plan's spend as a vector over this market's cells (channels it does not know are ignored). */
    public double[] spendOf(AdPlan plan) {
        double[] spend = new double[channels.size() * HOURS];
        plan.allocations().forEach(a -> {
            int ch = channels.indexOf(a.channel());
            if (ch >= 0) {
                spend[ch * HOURS + a.hour()] += a.budget();
            }
        });
        return spend;
    }

    /** The best allocation knowing the true rates (greedy on the true concave response). */
    public double[] oracleSpend(PlanConstraints constraints, LocalDate date, int steps) {
        int cells = channels.size() * HOURS;
        double[] rate = new double[cells];
        double[] capacity = new double[cells];
        for (int k = 0; k < cells; k++) {
            rate[k] = clicksPerMoney[k] * cvr(k, date);
            capacity[k] = Double.POSITIVE_INFINITY;
        }
        return new BudgetAllocator(steps).allocate(rate, saturation, capacity, channels, constraints);
    }

    /** The same money in every cell. */
    public double[] evenSpend(double budget) {
        double[] spend = new double[channels.size() * HOURS];
        java.util.Arrays.fill(spend, budget / spend.length);
        return spend;
    }

    /** One day of outcomes for the given spend: Poisson clicks and impressions, binomial conversions. */
    public List<AdPerformance> simulateDay(double[] spend, LocalDate date, String campaignId, SplittableRandom rng) {
        List<AdPerformance> rows = new ArrayList<>();
        for (int k = 0; k < spend.length; k++) {
            if (spend[k] <= 0) {
                continue;
            }
            int ch = k / HOURS;
            long clicks = RandomVariates.poisson(
                    clicksPerMoney[k] * SaturationCurve.effectiveSpend(spend[k], saturation[k]), rng);
            long impressions = clicks + RandomVariates.poisson(clicks / ctr[ch] * (1 - ctr[ch]) + 1, rng);
            long conversions = RandomVariates.binomial(clicks, cvr(k, date), rng);
            rows.add(new AdPerformance(date, k % HOURS, channels.get(ch), campaignId, impressions, clicks,
                    conversions, spend[k], conversions * value[ch]));
        }
        return rows;
    }

    /**
     * Warm-up history: {@code days} days before {@code start} with an even split jittered log-normally per cell
     * (σ 0.6), the kind of varied spend a shop has before it plans; it gives the saturation fit spread to work with.
     */
    public List<AdPerformance> warmUp(LocalDate start, int days, double dailyBudget, String campaignId, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<AdPerformance> rows = new ArrayList<>();
        for (int d = days; d >= 1; d--) {
            double[] spend = evenSpend(dailyBudget);
            for (int k = 0; k < spend.length; k++) {
                spend[k] *= Math.exp(0.6 * RandomVariates.normal(rng));
            }
            rows.addAll(simulateDay(spend, start.minusDays(d), campaignId, rng));
        }
        return rows;
    }

    /**
     * Plays the planner for {@code days} days from {@code start}: plan (seed + day), score by true expected
     * conversions, simulate outcomes, append to history, replan.
     */
    public SimulationReport run(BudgetPlanner planner, PlanConstraints constraints, LocalDate start, int days,
                                int warmUpDays, long seed) {
        String campaign = "sim";
        List<AdPerformance> history = new ArrayList<>(warmUp(start, warmUpDays, constraints.totalBudget(),
                campaign, seed));
        SplittableRandom outcomes = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SimulationReport.Day> results = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            AdPlan plan = planner.plan(campaign, history, constraints, date, seed + d);
            double[] spend = spendOf(plan);
            double ours = expectedConversions(spend, date);
            double oracle = expectedConversions(oracleSpend(constraints, date, 4 * 960), date);
            double even = expectedConversions(evenSpend(constraints.totalBudget()), date);
            List<AdPerformance> day = simulateDay(spend, date, campaign, outcomes);
            long realised = day.stream().mapToLong(AdPerformance::conversions).sum();
            results.add(new SimulationReport.Day(date, ours, oracle, even, realised, plan.expectedConversions(),
                    plan.conversionsLow(), plan.conversionsHigh()));
            history.addAll(day);
        }
        return new SimulationReport(results);
    }
}
