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
 *
 * <p>{@link #withAudiences} splits each channel's visitors into audiences (the UCI data's visitor types) that differ
 * by channel and hour: audience {@code a} is {@code s[a,ch]} of channel {@code ch}'s reach (its share of the
 * channel's sessions) and converts at the channel's rate × {@code m[a,ch]} (its conversion rate there relative to the
 * channel's, both from the data, shrunk towards the channel's by 50 sessions, then normalised so the reach-weighted
 * multipliers average 1 and the channel keeps its UCI rate) × its own hour ratio {@code r[a,h]}. The hour ratios come
 * from the only data here with purchase times and repeat customers, Online Retail's invoices ({@link AudienceHourPrior}:
 * first orders as new visitors, later ones as returning): a type's share of orders in hour h over everyone's, shrunk
 * by a strength estimated from the data, which leaves them at 1 (new and returning buyers order at the same hours, to
 * within Poisson noise). The earlier market, kept for comparison ({@link #withInventedAudienceHours}), invented them:
 * {@code 1 + 0.3·sin(2π(h − φ_a)/24)} with φ_a drawn from the seed, the channels' form and amplitude. Spend
 * targeted at an audience buys clicks {@code λ·S_a(1 − e^(−x/S_a))} with {@code S_a = s[a,ch]·S}; untargeted spend
 * reaches every audience by its share, so it buys the channel's clicks and their reach-weighted conversion rate.
 * {@link #runAudiences} plays the audience-aware planner, the audience-blind planner and both baselines side by side.
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
    private final List<String> audiences;  // empty: the market has no audiences
    private final double[] reach;          // s per audience × channel
    private final double[] cvrMultiplier;  // m per audience × channel
    private final double[] audienceHour;   // hour shape per audience × hour

    private AdMarketSimulator(List<String> channels, double[] clicksPerMoney, double[] saturation,
                              double[] cvrWeekday, double[] cvrWeekend, double[] ctr, double[] value) {
        this(channels, clicksPerMoney, saturation, cvrWeekday, cvrWeekend, ctr, value, List.of(), new double[0],
                new double[0], new double[0]);
    }

    private AdMarketSimulator(List<String> channels, double[] clicksPerMoney, double[] saturation,
                              double[] cvrWeekday, double[] cvrWeekend, double[] ctr, double[] value,
                              List<String> audiences, double[] reach, double[] cvrMultiplier, double[] audienceHour) {
        this.channels = channels;
        this.clicksPerMoney = clicksPerMoney;
        this.saturation = saturation;
        this.cvrWeekday = cvrWeekday;
        this.cvrWeekend = cvrWeekend;
        this.ctr = ctr;
        this.value = value;
        this.audiences = audiences;
        this.reach = reach;
        this.cvrMultiplier = cvrMultiplier;
        this.audienceHour = audienceHour;
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

    /** The conversion rate of untargeted clicks: the channel's, or with audiences their reach-weighted mix. */
    private double marketCvr(int cell, LocalDate date) {
        if (audiences.isEmpty()) {
            return cvr(cell, date);
        }
        double mix = 0;
        for (int a = 0; a < audiences.size(); a++) {
            mix += reach[a * channels.size() + cell / HOURS] * audienceCvr(a, cell, date);
        }
        return mix;
    }

    /** True expected conversions of spending {@code spend[cell]} on {@code date}. */
    public double expectedConversions(double[] spend, LocalDate date) {
        double sum = 0;
        for (int k = 0; k < spend.length; k++) {
            sum += clicksPerMoney[k] * SaturationCurve.effectiveSpend(spend[k], saturation[k]) * marketCvr(k, date);
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
            rate[k] = clicksPerMoney[k] * marketCvr(k, date);
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
            long conversions = RandomVariates.binomial(clicks, marketCvr(k, date), rng);
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

    // ---- Audiences (issue 15): a market whose visitors come in audiences that respond differently ----

    /**
     * This market with audiences: one per visitor type of {@code priors} with at least {@code minSessions} sessions
     * over this market's channels (named {@code visitors-<type>}, e.g. {@code visitors-new}), converting by hour as
     * {@code hours} say ({@link AudienceHourPrior#conversionRatios}); see the class comment.
     */
    public AdMarketSimulator withAudiences(List<AudiencePrior> priors, List<AudienceHourPrior> hours,
                                           long minSessions) {
        return withAudiences(priors, minSessions, types -> AudienceHourPrior.conversionRatios(hours, types));
    }

    /**
     * The market of {@link #withAudiences} with invented hour shapes instead of the data's: each audience's
     * conversion rate times {@code 1 + 0.3·sin(2π(h − φ_a)/24)}, φ_a drawn from {@code seed}. The market the first
     * audience figures were measured on; no data show such differences.
     */
    public AdMarketSimulator withInventedAudienceHours(List<AudiencePrior> priors, long minSessions, long seed) {
        return withAudiences(priors, minSessions, types -> {
            SplittableRandom rng = new SplittableRandom(seed ^ 0xA0D1E9CEL);
            double[] hour = new double[types.size() * HOURS];
            for (int au = 0; au < types.size(); au++) {
                double phase = 24 * rng.nextDouble();
                for (int h = 0; h < HOURS; h++) {
                    hour[au * HOURS + h] = 1 + 0.3 * Math.sin(2 * Math.PI * (h - phase) / HOURS);
                }
            }
            return hour;
        });
    }

    private AdMarketSimulator withAudiences(List<AudiencePrior> priors, long minSessions,
                                            java.util.function.Function<List<String>, double[]> hourRatios) {
        int c = channels.size();
        java.util.TreeMap<String, long[]> byType = new java.util.TreeMap<>(); // type → sessions, purchases per channel
        for (AudiencePrior prior : priors) {
            int ch = channels.indexOf("traffic-" + prior.trafficType());
            if (ch >= 0) {
                long[] counts = byType.computeIfAbsent(prior.visitorType(), t -> new long[2 * c]);
                counts[2 * ch] += prior.sessions();
                counts[2 * ch + 1] += prior.purchases();
            }
        }
        byType.values().removeIf(counts -> {
            long sessions = 0;
            for (int ch = 0; ch < c; ch++) {
                sessions += counts[2 * ch];
            }
            return sessions < minSessions;
        });
        List<String> names = new ArrayList<>();
        byType.keySet().forEach(type -> names.add("visitors-" + type.toLowerCase(java.util.Locale.ROOT)
                .replace("_visitor", "").replaceAll("[^a-z0-9]+", "-")));
        int a = names.size();
        List<long[]> counts = new ArrayList<>(byType.values());
        double[] share = new double[a * c];
        double[] multiplier = new double[a * c];
        double shrink = 50; // sessions: a visitor type seldom seen on a channel keeps the channel's rate and its overall share
        for (int ch = 0; ch < c; ch++) {
            double sessions = 0;
            double purchases = 0;
            for (long[] n : counts) {
                sessions += n[2 * ch];
                purchases += n[2 * ch + 1];
            }
            double rate = sessions > 0 ? purchases / sessions : 0;
            double mix = 0;
            for (int au = 0; au < a; au++) {
                long[] n = counts.get(au);
                double overall = overallShare(counts, au, c);
                share[au * c + ch] = (n[2 * ch] + shrink * overall) / (sessions + shrink);
                double own = (n[2 * ch + 1] + shrink * rate) / (n[2 * ch] + shrink);
                multiplier[au * c + ch] = rate > 0 ? own / rate : 1;
                mix += share[au * c + ch] * multiplier[au * c + ch];
            }
            for (int au = 0; au < a; au++) {
                multiplier[au * c + ch] /= mix; // the channel keeps its UCI conversion rate on untargeted clicks
            }
        }
        double[] hour = hourRatios.apply(List.copyOf(byType.keySet()));
        return new AdMarketSimulator(channels, clicksPerMoney, saturation, cvrWeekday, cvrWeekend, ctr, value,
                List.copyOf(names), share, multiplier, hour);
    }

    private static double overallShare(List<long[]> counts, int audience, int channels) {
        double own = 0;
        double all = 0;
        for (int au = 0; au < counts.size(); au++) {
            for (int ch = 0; ch < channels; ch++) {
                all += counts.get(au)[2 * ch];
                if (au == audience) {
                    own += counts.get(au)[2 * ch];
                }
            }
        }
        return all > 0 ? own / all : 0;
    }

    public List<String> audiences() {
        return audiences;
    }

    /** Audience {@code a}'s conversion multiplier in hour {@code h} (1 throughout when the data show no difference). */
    public double audienceHourRatio(int a, int h) {
        return audienceHour[a * HOURS + h];
    }

    /** Audience {@code a}'s true conversion rate in market cell {@code cell} on {@code date}. */
    private double audienceCvr(int a, int cell, LocalDate date) {
        return Math.min(0.95, cvr(cell, date) * cvrMultiplier[a * channels.size() + cell / HOURS]
                * audienceHour[a * HOURS + cell % HOURS]);
    }

    /** Saturation scale of targeted cell {@code k} (audience × channel × hour): the audience's part of the cell's. */
    private double targetedScale(int k) {
        return reach[k / HOURS] * saturation[marketCell(k)];
    }

    private int marketCell(int targeted) {
        return (targeted / HOURS % channels.size()) * HOURS + targeted % HOURS;
    }

    /** True expected conversions of spend targeted per audience × channel × hour ({@link ResponseModel} order). */
    public double expectedTargetedConversions(double[] spend, LocalDate date) {
        double sum = 0;
        for (int k = 0; k < spend.length; k++) {
            int m = marketCell(k);
            sum += clicksPerMoney[m] * SaturationCurve.effectiveSpend(spend[k], targetedScale(k))
                    * audienceCvr(k / HOURS / channels.size(), m, date);
        }
        return sum;
    }

    /** A targeted plan's spend over this market's audience cells (cells it does not know are ignored). */
    public double[] targetedSpendOf(AdPlan plan) {
        double[] spend = new double[audiences.size() * channels.size() * HOURS];
        plan.allocations().forEach(x -> {
            int a = x.audience() == null ? -1 : audiences.indexOf(x.audience());
            int ch = channels.indexOf(x.channel());
            if (a >= 0 && ch >= 0) {
                spend[(a * channels.size() + ch) * HOURS + x.hour()] += x.budget();
            }
        });
        return spend;
    }

    /** The best targeted allocation knowing every audience's true rates. */
    public double[] oracleTargetedSpend(PlanConstraints constraints, LocalDate date, int steps) {
        int cells = audiences.size() * channels.size() * HOURS;
        double[] rate = new double[cells];
        double[] scale = new double[cells];
        double[] capacity = new double[cells];
        for (int k = 0; k < cells; k++) {
            int m = marketCell(k);
            rate[k] = clicksPerMoney[m] * audienceCvr(k / HOURS / channels.size(), m, date);
            scale[k] = targetedScale(k);
            capacity[k] = Double.POSITIVE_INFINITY;
        }
        return new BudgetAllocator(steps).allocate(rate, scale, capacity, channels, audiences, constraints);
    }

    /** One day of outcomes of targeted spend: rows that name their audience. */
    public List<AdPerformance> simulateTargetedDay(double[] spend, LocalDate date, String campaignId,
                                                   SplittableRandom rng) {
        List<AdPerformance> rows = new ArrayList<>();
        int c = channels.size();
        for (int k = 0; k < spend.length; k++) {
            if (spend[k] <= 0) {
                continue;
            }
            int m = marketCell(k);
            int ch = m / HOURS;
            int a = k / HOURS / c;
            long clicks = RandomVariates.poisson(
                    clicksPerMoney[m] * SaturationCurve.effectiveSpend(spend[k], targetedScale(k)), rng);
            long impressions = clicks + RandomVariates.poisson(clicks / ctr[ch] * (1 - ctr[ch]) + 1, rng);
            long conversions = RandomVariates.binomial(clicks, audienceCvr(a, m, date), rng);
            rows.add(new AdPerformance(date, k % HOURS, channels.get(ch), campaignId, impressions, clicks,
                    conversions, spend[k], conversions * value[ch], audiences.get(a)));
        }
        return rows;
    }

    /**
     * Targeted warm-up: {@code days} days before {@code start} of the even split, each cell's money divided among the
     * audiences by their reach (what an untargeted even split reaches), jittered log-normally per cell (σ 0.6).
     */
    public List<AdPerformance> warmUpTargeted(LocalDate start, int days, double dailyBudget, String campaignId,
                                              long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<AdPerformance> rows = new ArrayList<>();
        int c = channels.size();
        for (int d = days; d >= 1; d--) {
            double[] spend = new double[audiences.size() * c * HOURS];
            for (int k = 0; k < spend.length; k++) {
                spend[k] = dailyBudget / (c * HOURS) * reach[k / HOURS] * Math.exp(0.6 * RandomVariates.normal(rng));
            }
            rows.addAll(simulateTargetedDay(spend, start.minusDays(d), campaignId, rng));
        }
        return rows;
    }

    /**
     * Plays two shops for {@code days} days from {@code start}, each planning with {@code planner}: one reports
     * results per audience and is planned over audience × channel × hour, the other reports none and is planned
     * over channel × hour (its spend reaching every audience by its share). Both warm up on the same even split
     * (targeted by reach, or untargeted). Every day is scored by true expected conversions against the oracle over
     * audience cells, the oracle over channel × hour (perfect knowledge without targeting) and an untargeted even
     * split; the targeted plan's 95% interval is checked against its realised conversions.
     */
    public AudienceSimulationReport runAudiences(BudgetPlanner planner, PlanConstraints constraints, LocalDate start,
                                                 int days, int warmUpDays, long seed) {
        if (audiences.isEmpty()) {
            throw new IllegalStateException("this market has no audiences: build it with withAudiences");
        }
        String campaign = "sim";
        List<AdPerformance> targeted = new ArrayList<>(warmUpTargeted(start, warmUpDays, constraints.totalBudget(),
                campaign, seed));
        List<AdPerformance> blind = new ArrayList<>(warmUp(start, warmUpDays, constraints.totalBudget(), campaign,
                seed));
        SplittableRandom outcomes = new SplittableRandom(seed ^ 0x5DEECE66DL);
        SplittableRandom blindOutcomes = new SplittableRandom(seed ^ 0xB11DL); // the two shops' luck is independent
        List<AudienceSimulationReport.Day> results = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            AdPlan aware = planner.plan(campaign, targeted, constraints, date, seed + d);
            AdPlan blindPlan = planner.plan(campaign, blind, constraints, date, seed + d);
            double[] awareSpend = targetedSpendOf(aware);
            double[] blindSpend = spendOf(blindPlan);
            double oracle = expectedTargetedConversions(oracleTargetedSpend(constraints, date, 4 * 960), date);
            double untargetedOracle = expectedConversions(oracleSpend(constraints, date, 4 * 960), date);
            double even = expectedConversions(evenSpend(constraints.totalBudget()), date);
            List<AdPerformance> awareDay = simulateTargetedDay(awareSpend, date, campaign, outcomes);
            List<AdPerformance> blindDay = simulateDay(blindSpend, date, campaign, blindOutcomes);
            long realised = awareDay.stream().mapToLong(AdPerformance::conversions).sum();
            results.add(new AudienceSimulationReport.Day(date, expectedTargetedConversions(awareSpend, date),
                    expectedConversions(blindSpend, date), oracle, untargetedOracle, even, realised,
                    aware.expectedConversions(), aware.conversionsLow(), aware.conversionsHigh()));
            targeted.addAll(awareDay);
            blind.addAll(blindDay);
        }
        return new AudienceSimulationReport(results);
    }
}
