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
 * <p>A log-linear model, four levels, each of the two quantities (clicks per saturated spend, conversions per click)
 * alike. (1) The campaign's market: its rows summed over audiences per day, hour and channel are fitted as
 * {@link CellPosteriors} (channel × hour, itself pooled towards the ridge prediction of its channel and hour).
 * (2) An audience's rate in a channel relative to the market's: a multiplicative factor per audience × channel,
 * (3) then one per audience × hour on what the first leaves, (4) then what is left to the cell itself. Each level is a
 * gamma–Poisson rate ratio: observed events over the events the levels above predict, under a Gamma(m, m) prior
 * (mean 1, the level above); the posterior is Gamma(m + observed, m + expected). The pooling strength {@code m} of
 * each level is not fixed but estimated from the data ({@link GammaPosterior#ratioPriorStrength}, empirical Bayes by
 * the method of moments): a level whose deviations are no larger than Poisson noise gets no freedom at all (its ratios
 * stay 1). So an audience costs
 * parameters only where the data show it differs, and 2 × 8 × 24 thin cells do not each learn alone.
 * Plans and intervals draw every level from its posterior (the market cell, the audience's channel and hour factors,
 * the cell's own), so the uncertainty of the pooled estimates is carried into Thompson sampling and the predictive
 * interval, shared by the cells that share a factor.
 * Saturation: the audience × channel scale fitted over its hours, each hour's shrunk towards it as
 * {@link CellPosteriors} does; an audience with no spend in a channel gets the market cell's scale times its share of
 * the campaign's targeted clicks. Rows without an audience inform level (1) only.
 */
public final class AudienceCellPosteriors implements ResponseModel {
    private static final int HOURS = CellPosteriors.HOURS;

    private final CellPosteriors market;
    private final List<String> audiences;
    private final RatioLevels yieldRatio;
    private final RatioLevels cvrRatio;
    private final double[] saturation;
    private final ScaleUncertainty[] saturationUncertainty; // per audience × channel
    private final double[] capacity;
    private final double[] valuePerConversion;

    private AudienceCellPosteriors(CellPosteriors market, List<String> audiences, RatioLevels yieldRatio,
                                   RatioLevels cvrRatio, double[] saturation,
                                   ScaleUncertainty[] saturationUncertainty, double[] capacity,
                                   double[] valuePerConversion) {
        this.market = market;
        this.audiences = audiences;
        this.yieldRatio = yieldRatio;
        this.cvrRatio = cvrRatio;
        this.saturation = saturation;
        this.saturationUncertainty = saturationUncertainty;
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
        ScaleUncertainty[] saturationUncertainty = new ScaleUncertainty[a * c];
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
            SaturationCurve.ScaleFit groupFit = SaturationCurve.fit(spends, clicks, settings.fallbackSaturation());
            double groupScale = groupFit.best();
            double share = targetedClicks > 0 ? Math.max(audienceClicks[g / c] / targetedClicks, 1e-3) : 1.0 / a;
            double[] cellScale = new double[HOURS];
            for (int h = 0; h < HOURS; h++) {
                int k = g * HOURS + h;
                saturation[k] = Double.isNaN(groupScale)
                        ? market.saturation((g % c) * HOURS + h) * share
                        : CellPosteriors.shrinkScale(groupScale, SaturationCurve.fitScale(new double[][] {spends[h]},
                                new double[][] {clicks[h]}, settings.fallbackSaturation()), spends[h].length,
                                settings.cellSaturationPrior());
                cellScale[h] = saturation[k];
            }
            saturationUncertainty[g] = Double.isNaN(groupScale) ? ScaleUncertainty.none()
                    : ScaleUncertainty.of(groupFit, spends, cellScale);
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
        RatioLevels yieldRatio = RatioLevels.fit(clicks, expectedClicks, a, c);
        RatioLevels cvrRatio = RatioLevels.fit(conversions, expectedConversions, a, c);

        double[] capacity = new double[cells];
        double[] value = new double[a * c];
        for (int g = 0; g < a * c; g++) {
            value[g] = (groupRevenue[g] + settings.valuePriorStrength() * market.valuePerConversion(g % c))
                    / (groupConversions[g] + settings.valuePriorStrength());
        }
        for (int k = 0; k < cells; k++) {
            capacity[k] = CellPosteriors.capacity(saturation[k], groupMaxSpend[k / HOURS], settings);
        }
        return new AudienceCellPosteriors(market, audiences, yieldRatio, cvrRatio, saturation,
                saturationUncertainty, capacity, value);
    }

    /**
     * Levels (2)–(4) of one quantity: Gamma posteriors of the audience × channel, audience × hour and cell ratios,
     * each level's expectations scaled by the posterior means of the levels above, so no deviation counts twice.
     */
    record RatioLevels(GammaPosterior[] byChannel, GammaPosterior[] byHour, GammaPosterior[] byCell, int channels,
                       double[] strengths) {

        static RatioLevels fit(double[] observed, double[] expected, int audiences, int channels) {
            int cells = observed.length;
            double[] groupObserved = new double[audiences * channels];
            double[] groupExpected = new double[audiences * channels];
            for (int k = 0; k < cells; k++) {
                groupObserved[k / HOURS] += observed[k];
                groupExpected[k / HOURS] += expected[k];
            }
            double channelStrength = GammaPosterior.ratioPriorStrength(groupObserved, groupExpected);
            GammaPosterior[] byChannel = posteriors(groupObserved, groupExpected, channelStrength);
            double[] hourObserved = new double[audiences * HOURS];
            double[] hourExpected = new double[audiences * HOURS];
            for (int k = 0; k < cells; k++) {
                int ah = hourOf(k, channels);
                hourObserved[ah] += observed[k];
                hourExpected[ah] += expected[k] * byChannel[k / HOURS].mean();
            }
            double hourStrength = GammaPosterior.ratioPriorStrength(hourObserved, hourExpected);
            GammaPosterior[] byHour = posteriors(hourObserved, hourExpected, hourStrength);
            double[] cellExpected = new double[cells];
            for (int k = 0; k < cells; k++) {
                cellExpected[k] = expected[k] * byChannel[k / HOURS].mean() * byHour[hourOf(k, channels)].mean();
            }
            double cellStrength = GammaPosterior.ratioPriorStrength(observed, cellExpected);
            GammaPosterior[] byCell = posteriors(observed, cellExpected, cellStrength);
            return new RatioLevels(byChannel, byHour, byCell, channels,
                    new double[] {channelStrength, hourStrength, cellStrength});
        }

        private static GammaPosterior[] posteriors(double[] observed, double[] expected, double m) {
            GammaPosterior[] posterior = new GammaPosterior[observed.length];
            for (int i = 0; i < observed.length; i++) {
                posterior[i] = new GammaPosterior(m + observed[i], m + expected[i]);
            }
            return posterior;
        }

        private static int hourOf(int cell, int channels) {
            return cell / HOURS / channels * HOURS + cell % HOURS;
        }

        /** Posterior-mean ratio of cell {@code k} to its market cell. */
        double mean(int k) {
            return byChannel[k / HOURS].mean() * byHour[hourOf(k, channels)].mean() * byCell[k].mean();
        }

        /** One joint draw of every cell's ratio: the shared factors drawn once each. */
        void sample(SplittableRandom rng, double[] out) {
            double[] channel = new double[byChannel.length];
            for (int g = 0; g < channel.length; g++) {
                channel[g] = byChannel[g].sample(rng);
            }
            double[] hour = new double[byHour.length];
            for (int i = 0; i < hour.length; i++) {
                hour[i] = byHour[i].sample(rng);
            }
            for (int k = 0; k < out.length; k++) {
                out[k] = channel[k / HOURS] * hour[hourOf(k, channels)] * byCell[k].sample(rng);
            }
        }
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
        return saturation.length;
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
        int m = marketCell(cell, market.channels().size());
        return Math.min(1, market.cvr(m).mean() * cvrRatio.mean(cell) * market.weekdayFactor());
    }

    @Override
    public double meanCostPerClick(int cell) {
        return 1 / meanClickYield(cell);
    }

    @Override
    public double meanConversionsPerSpend(int cell) {
        return meanClickYield(cell) * meanConversionRate(cell);
    }

    @Override
    public void sampleConversionsPerSpend(SplittableRandom rng, double[] out) {
        int channels = market.channels().size();
        double[] marketCvr = new double[channels * HOURS];
        double[] marketYield = new double[channels * HOURS];
        for (int m = 0; m < marketCvr.length; m++) { // one draw per market cell, shared by its audiences
            marketCvr[m] = market.cvr(m).sample(rng);
            marketYield[m] = market.clickYield(m).sample(rng);
        }
        double[] cvrDraw = new double[out.length];
        double[] yieldDraw = new double[out.length];
        cvrRatio.sample(rng, cvrDraw);
        double weekday = market.sampleWeekdayFactor(rng);
        yieldRatio.sample(rng, yieldDraw);
        for (int k = 0; k < out.length; k++) {
            int m = marketCell(k, channels);
            double rate = Math.min(1, marketCvr[m] * cvrDraw[k] * weekday);
            out[k] = marketYield[m] * yieldDraw[k] * rate;
        }
    }

    /** The rates of {@link #sampleConversionsPerSpend} at {@code spend}, each audience × channel's scale drawn too. */
    @Override
    public void sampleExpectedConversions(SplittableRandom rng, double[] spend, double[] out) {
        sampleConversionsPerSpend(rng, out);
        for (int g = 0; g < saturationUncertainty.length; g++) {
            ScaleUncertainty scale = saturationUncertainty[g];
            int j = scale.draw(rng);
            for (int h = 0; h < HOURS; h++) {
                int k = g * HOURS + h;
                out[k] *= scale.exposureRatio(j)
                        * SaturationCurve.effectiveSpend(spend[k], saturation[k] * scale.factor(j));
            }
        }
    }

    @Override
    public double valuePerConversion(int group) {
        return valuePerConversion[group];
    }

    /** Posterior-mean clicks per saturated spend: the market cell's times the audience's ratios. */
    private double meanClickYield(int cell) {
        return market.clickYield(marketCell(cell, market.channels().size())).mean() * yieldRatio.mean(cell);
    }

    /**
     * The estimated pooling strengths in events, conversions then clicks, each {audience × channel, audience × hour,
     * cell}: how far the data let an audience's factors leave the level above.
     */
    public double[][] poolingStrengths() {
        return new double[][] {cvrRatio.strengths().clone(), yieldRatio.strengths().clone()};
    }
}
