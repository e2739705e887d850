package io.shopsense.ads;

import io.shopsense.model.AdPerformance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fitted beliefs about every audience × channel × hour cell of a campaign whose results name the audience each ad
 * targeted. Group {@code g = audience × channels + channel} holds the 24 hours of one channel targeted at one
 * audience; cell {@code k = g × 24 + hour}.
 *
 * <p>Hierarchical shrinkage, three levels. (1) The campaign's market: its rows summed over audiences per day, hour and
 * channel are fitted as {@link CellPosteriors} (channel × hour, itself pooled towards the ridge prediction of its
 * channel and hour). (2) An audience's deviation from those cells, as two multiplicative ratios per quantity (clicks
 * per saturated spend, conversions per click): one per audience × channel, then one per audience × hour on what the
 * first leaves, each the gamma–Poisson estimate {@code (observed + m) / (expected + m)} with {@code m} =
 * {@value #RATIO_PRIOR_EVENTS} events (the standardised ratio of empirical-Bayes disease mapping, Clayton & Kaldor
 * 1987): an audience with few clicks or conversions stays at ratio 1, i.e. at its channel × hour cell. (3) The cell's
 * Beta (conversion rate) and Gamma (click yield) priors are centred on cell × ratios with the planner's usual prior
 * strengths and updated with the audience cell's own counts, so a busy audience cell follows its own data.
 * Saturation: the audience × channel scale fitted over its hours, each hour's shrunk towards it as
 * {@link CellPosteriors} does; an audience with no spend in a channel gets the market cell's scale times its share of
 * the campaign's targeted clicks. Rows without an audience inform level (1) only.
 */
public final class AudienceCellPosteriors implements ResponseModel {
    /** Clicks (or conversions) of evidence at which an audience's ratio is halfway between 1 and its own. */
    static final double RATIO_PRIOR_EVENTS = 10;
    private static final int HOURS = CellPosteriors.HOURS;

    private final CellPosteriors market;
    private final List<String> audiences;
    private final BetaPosterior[] cvr;
    private final GammaPosterior[] clickYield;
    private final double[] saturation;
    private final double[] capacity;
    private final double[] valuePerConversion;

    private AudienceCellPosteriors(CellPosteriors market, List<String> audiences, BetaPosterior[] cvr,
                                   GammaPosterior[] clickYield, double[] saturation, double[] capacity,
                                   double[] valuePerConversion) {
        this.market = market;
        this.audiences = audiences;
        this.cvr = cvr;
        this.clickYield = clickYield;
        this.saturation = saturation;
        this.capacity = capacity;
        this.valuePerConversion = valuePerConversion;
    }

    /** Whether any row names an audience: then the campaign is planned per audience. */
    public static boolean targets(List<AdPerformance> history) {
        for (AdPerformance row : history) {
            if (row.audience() != null) {
                return true;
            }
        }
        return false;
    }

    /** Fits the cells of every audience the history names, over its channels plus {@code extraChannels}. */
    public static AudienceCellPosteriors fit(List<AdPerformance> history, Collection<String> extraChannels,
                                             LocalDate date, PlannerSettings settings) {
        CellPosteriors market = CellPosteriors.fit(marketRows(history), extraChannels, date, settings);
        List<String> channels = market.channels();
        TreeSet<String> named = new TreeSet<>();
        for (AdPerformance row : history) {
            if (row.audience() != null) {
                named.add(row.audience());
            }
        }
        List<String> audiences = List.copyOf(named);
        Map<String, Integer> channelIndex = new HashMap<>();
        for (String channel : channels) {
            channelIndex.put(channel, channelIndex.size());
        }
        int c = channels.size();
        int a = audiences.size();
        int cells = a * c * HOURS;
        List<List<AdPerformance>> rowsByCell = new ArrayList<>(cells);
        for (int k = 0; k < cells; k++) {
            rowsByCell.add(new ArrayList<>());
        }
        double[] audienceClicks = new double[a];
        double targetedClicks = 0;
        for (AdPerformance row : history) {
            if (row.audience() != null) {
                int au = audiences.indexOf(row.audience());
                rowsByCell.get((au * c + channelIndex.get(row.channel())) * HOURS + row.hour()).add(row);
                audienceClicks[au] += row.clicks();
                targetedClicks += row.clicks();
            }
        }

        double[] saturation = new double[cells];
        double[] groupMaxSpend = new double[a * c];
        for (int g = 0; g < a * c; g++) {
            double[][] spends = new double[HOURS][];
            double[][] clicks = new double[HOURS][];
            for (int h = 0; h < HOURS; h++) {
                List<AdPerformance> rows = rowsByCell.get(g * HOURS + h);
                spends[h] = new double[rows.size()];
                clicks[h] = new double[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    spends[h][r] = rows.get(r).spend();
                    clicks[h][r] = rows.get(r).clicks();
                    groupMaxSpend[g] = Math.max(groupMaxSpend[g], rows.get(r).spend());
                }
            }
            double groupScale = SaturationCurve.fitScale(spends, clicks, settings.fallbackSaturation());
            double share = targetedClicks > 0 ? Math.max(audienceClicks[g / c] / targetedClicks, 1e-3) : 1.0 / a;
            for (int h = 0; h < HOURS; h++) {
                int k = g * HOURS + h;
                saturation[k] = Double.isNaN(groupScale)
                        ? market.saturation((g % c) * HOURS + h) * share
                        : CellPosteriors.shrinkScale(groupScale, SaturationCurve.fitScale(new double[][] {spends[h]},
                                new double[][] {clicks[h]}, settings.fallbackSaturation()), spends[h].length,
                                settings.cellSaturationPrior());
            }
        }

        // Each audience cell's counts and what its market cell predicts for them.
        double[] clicks = new double[cells];
        double[] exposure = new double[cells];
        double[] conversions = new double[cells];
        double[] expectedClicks = new double[cells];
        double[] expectedConversions = new double[cells];
        double[] groupRevenue = new double[a * c];
        double[] groupConversions = new double[a * c];
        for (int k = 0; k < cells; k++) {
            int m = marketCell(k, c);
            for (AdPerformance row : rowsByCell.get(k)) {
                exposure[k] += SaturationCurve.effectiveSpend(row.spend(), saturation[k]);
                clicks[k] += row.clicks();
                conversions[k] += row.conversions();
                groupRevenue[k / HOURS] += row.revenue();
                groupConversions[k / HOURS] += row.conversions();
            }
            expectedClicks[k] = market.clickYield(m).mean() * exposure[k];
            expectedConversions[k] = market.cvr(m).mean() * clicks[k];
        }
        double[] yieldRatio = ratios(clicks, expectedClicks, a, c);
        double[] cvrRatio = ratios(conversions, expectedConversions, a, c);

        BetaPosterior[] cvr = new BetaPosterior[cells];
        GammaPosterior[] clickYield = new GammaPosterior[cells];
        double[] capacity = new double[cells];
        double[] value = new double[a * c];
        for (int g = 0; g < a * c; g++) {
            value[g] = (groupRevenue[g] + settings.valuePriorStrength() * market.valuePerConversion(g % c))
                    / (groupConversions[g] + settings.valuePriorStrength());
        }
        for (int k = 0; k < cells; k++) {
            int m = marketCell(k, c);
            double cvrPrior = Math.min(0.99, Math.max(1e-4, market.cvr(m).mean() * cvrRatio[k]));
            cvr[k] = BetaPosterior.fromMean(cvrPrior, settings.cvrPriorStrength())
                    .update(conversions[k], Math.max(0, clicks[k] - conversions[k]));
            clickYield[k] = GammaPosterior.fromMean(market.clickYield(m).mean() * yieldRatio[k],
                    settings.yieldPriorStrength()).update(clicks[k], exposure[k]);
            capacity[k] = CellPosteriors.capacity(saturation[k], groupMaxSpend[k / HOURS], settings);
        }
        return new AudienceCellPosteriors(market, audiences, cvr, clickYield, saturation, capacity, value);
    }

    /**
     * Per cell, the product of its audience × channel ratio and its audience × hour ratio of observed to expected
     * events, each shrunk towards 1 by {@value #RATIO_PRIOR_EVENTS} pseudo-events; the hour ratio is estimated on
     * the expectations already scaled by the channel ratio, so the two do not count the same deviation twice.
     */
    static double[] ratios(double[] observed, double[] expected, int audiences, int channels) {
        int cells = observed.length;
        double[] groupObserved = new double[audiences * channels];
        double[] groupExpected = new double[audiences * channels];
        for (int k = 0; k < cells; k++) {
            groupObserved[k / HOURS] += observed[k];
            groupExpected[k / HOURS] += expected[k];
        }
        double[] hourObserved = new double[audiences * HOURS];
        double[] hourExpected = new double[audiences * HOURS];
        for (int k = 0; k < cells; k++) {
            int g = k / HOURS;
            int ah = g / channels * HOURS + k % HOURS;
            hourObserved[ah] += observed[k];
            hourExpected[ah] += expected[k] * shrunkRatio(groupObserved[g], groupExpected[g]);
        }
        double[] ratio = new double[cells];
        for (int k = 0; k < cells; k++) {
            int g = k / HOURS;
            int ah = g / channels * HOURS + k % HOURS;
            ratio[k] = shrunkRatio(groupObserved[g], groupExpected[g]) * shrunkRatio(hourObserved[ah], hourExpected[ah]);
        }
        return ratio;
    }

    /** {@code (observed + m) / (expected + m)}: the posterior mean of a Poisson rate ratio under a Gamma(m, m) prior. */
    static double shrunkRatio(double observed, double expected) {
        return (observed + RATIO_PRIOR_EVENTS) / (expected + RATIO_PRIOR_EVENTS);
    }

    /** The market's channel × hour cell of an audience cell. */
    private static int marketCell(int cell, int channels) {
        return (cell / HOURS % channels) * HOURS + cell % HOURS;
    }

    /**
     * The campaign as the market saw it: rows summed per day, hour and channel over audiences (and the untargeted
     * rows of the same hour), in day, hour, channel order.
     */
    static List<AdPerformance> marketRows(List<AdPerformance> history) {
        TreeMap<String, AdPerformance> sums = new TreeMap<>();
        for (AdPerformance row : history) {
            String key = row.date() + "\u0000" + (row.hour() < 10 ? "0" : "") + row.hour() + "\u0000" + row.channel();
            sums.merge(key, new AdPerformance(row.date(), row.hour(), row.channel(), row.campaignId(),
                    row.impressions(), row.clicks(), row.conversions(), row.spend(), row.revenue()),
                    (x, y) -> new AdPerformance(x.date(), x.hour(), x.channel(), x.campaignId(),
                            x.impressions() + y.impressions(), x.clicks() + y.clicks(),
                            x.conversions() + y.conversions(), x.spend() + y.spend(), x.revenue() + y.revenue()));
        }
        return List.copyOf(sums.values());
    }

    @Override
    public List<String> channels() {
        return market.channels();
    }

    @Override
    public List<String> audiences() {
        return audiences;
    }

    @Override
    public int cells() {
        return cvr.length;
    }

    @Override
    public double saturation(int cell) {
        return saturation[cell];
    }

    @Override
    public double capacity(int cell) {
        return capacity[cell];
    }

    @Override
    public double meanConversionRate(int cell) {
        return Math.min(1, cvr[cell].mean() * weekdayFactor(cell));
    }

    @Override
    public double meanCostPerClick(int cell) {
        return 1 / clickYield[cell].mean();
    }

    @Override
    public double meanConversionsPerSpend(int cell) {
        return clickYield[cell].mean() * meanConversionRate(cell);
    }

    @Override
    public void sampleConversionsPerSpend(SplittableRandom rng, double[] out) {
        for (int k = 0; k < out.length; k++) {
            double rate = Math.min(1, cvr[k].sample(rng) * weekdayFactor(k));
            out[k] = clickYield[k].sample(rng) * rate;
        }
    }

    @Override
    public double valuePerConversion(int group) {
        return valuePerConversion[group];
    }

    /** The plan's weekday effect is the market cell's: an audience's week is not estimated apart. */
    private double weekdayFactor(int cell) {
        return market.weekdayFactor(marketCell(cell, market.channels().size()));
    }
}
