package io.shopsense.ads;

import io.shopsense.model.AdPerformance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The fitted beliefs about every channel × hour cell for one plan date: Beta posteriors for click-through and
 * conversion rates, a Gamma posterior for clicks per unit of saturated spend (the inverse cost per click), a
 * saturation scale and a capacity. Built from history by {@link #fit}; immutable afterwards.
 *
 * <p>Partial pooling: a cell's Beta prior mean is the ridge regression's prediction from its channel, hour and the
 * weekday mix of the history, worth {@code ctrPriorStrength} / {@code cvrPriorStrength} pseudo-trials, so a thin cell
 * stays near what its channel and hour predict while a busy cell follows its own counts. The cell's counts pool all
 * weekdays; the plan's weekday then scales every conversion rate by a gamma–Poisson ratio: the conversions seen on
 * that weekday over those the pooled cells predict for its clicks, under a Gamma(m, m) prior whose strength is
 * estimated from the seven weekdays' spread ({@link GammaPosterior#ratioPriorStrength}). Plans and intervals draw it
 * from its posterior, so a weekday effect read from a few days is uncertain, not a fixed multiplier. The Gamma prior mean is the channel's pooled clicks per saturated
 * spend, scaled by the hour's relative predicted CTR (a fixed cost per impression makes clicks per money follow CTR).
 */
public final class CellPosteriors implements ResponseModel {
    /** Hours in a day; cells are indexed {@code channel × 24 + hour}. */
    public static final int HOURS = 24;
    private static final double DEFAULT_CTR = 0.02;
    private static final double DEFAULT_CVR = 0.05;

    private final List<String> channels;
    private final BetaPosterior[] ctr;
    private final BetaPosterior[] cvr;
    private final GammaPosterior[] clickYield;
    private final GammaPosterior weekdayRatio;
    private final double[] saturation;
    private final ScaleUncertainty[] saturationUncertainty; // per channel
    private final double[] capacity;
    private final double[] valuePerConversion;

    private CellPosteriors(List<String> channels, BetaPosterior[] ctr, BetaPosterior[] cvr,
                           GammaPosterior[] clickYield, GammaPosterior weekdayRatio, double[] saturation,
                           ScaleUncertainty[] saturationUncertainty, double[] capacity, double[] valuePerConversion) {
        this.channels = channels;
        this.ctr = ctr;
        this.cvr = cvr;
        this.clickYield = clickYield;
        this.weekdayRatio = weekdayRatio;
        this.saturation = saturation;
        this.saturationUncertainty = saturationUncertainty;
        this.capacity = capacity;
        this.valuePerConversion = valuePerConversion;
    }

    /**
     * Fits the cells of every channel in the history plus {@code extraChannels}, for a plan on {@code date}.
     * Rows of all campaigns given are pooled; pass one campaign's rows for a campaign's plan. Stages: the rate
     * regressions that make the priors, saturation per channel and cell, each cell's counts on its saturated spend,
     * then the cells' posteriors and the plan weekday's ratio.
     */
    public static CellPosteriors fit(List<AdPerformance> history, Collection<String> extraChannels, LocalDate date,
                                     PlannerSettings settings) {
        List<String> channels = channelsOf(history, extraChannels);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String channel : channels) {
            index.put(channel, index.size());
        }
        RateRegression ctrModel = RateRegression.fit(history, index, settings.ridgeLambda(), true);
        RateRegression cvrModel = RateRegression.fit(history, index, settings.ridgeLambda(), false);
        List<List<AdPerformance>> rowsByCell = rowsByCell(history, index);
        Saturation saturation = Saturation.fit(rowsByCell, channels.size(), settings);
        CellCounts counts = CellCounts.of(rowsByCell, saturation.scale, channels.size());

        int cells = channels.size() * HOURS;
        BetaPosterior[] ctr = new BetaPosterior[cells];
        BetaPosterior[] cvr = new BetaPosterior[cells];
        GammaPosterior[] clickYield = new GammaPosterior[cells];
        double[] capacity = new double[cells];
        double[] value = new double[channels.size()];
        double globalYield = ratioOr(counts.channelClicks, counts.channelExposure, 1.0);
        double globalValue = ratioOr(counts.channelRevenue, counts.channelConversions, 1.0);
        for (int ch = 0; ch < channels.size(); ch++) {
            double yieldMean = counts.channelExposure[ch] > 0 && counts.channelClicks[ch] > 0
                    ? (counts.channelClicks[ch] + globalYield) / (counts.channelExposure[ch] + 1) // one unit of global prior
                    : globalYield;
            value[ch] = (counts.channelRevenue[ch] + settings.valuePriorStrength() * globalValue)
                    / (counts.channelConversions[ch] + settings.valuePriorStrength());
            double meanHourCtr = 0;
            for (int h = 0; h < HOURS; h++) {
                meanHourCtr += ctrModel.predictMix(ch, h, DEFAULT_CTR) / HOURS;
            }
            for (int h = 0; h < HOURS; h++) {
                int k = ch * HOURS + h;
                double ctrPrior = ctrModel.predictMix(ch, h, DEFAULT_CTR);
                ctr[k] = BetaPosterior.fromMean(ctrPrior, settings.ctrPriorStrength())
                        .update(counts.clicks[k], Math.max(0, counts.impressions[k] - counts.clicks[k]));
                double cvrPrior = cvrModel.predictMix(ch, h, DEFAULT_CVR);
                cvr[k] = BetaPosterior.fromMean(cvrPrior, settings.cvrPriorStrength())
                        .update(counts.conversions[k], Math.max(0, counts.clicks[k] - counts.conversions[k]));
                double hourRatio = clamp(ctrPrior / meanHourCtr, 0.2, 5);
                clickYield[k] = GammaPosterior.fromMean(yieldMean * hourRatio, settings.yieldPriorStrength())
                        .update(counts.clicks[k], counts.exposure[k]);
                capacity[k] = capacity(saturation.scale[k], saturation.channelMaxSpend[ch], settings);
            }
        }
        int weekday = date.getDayOfWeek().getValue() - 1;
        return new CellPosteriors(channels, ctr, cvr, clickYield, weekdayRatio(rowsByCell, cvr, weekday),
                saturation.scale, saturation.uncertainty, capacity, value);
    }

    /** Every channel in the history or asked for, in name order. */
    private static List<String> channelsOf(List<AdPerformance> history, Collection<String> extraChannels) {
        TreeSet<String> names = new TreeSet<>(extraChannels);
        for (AdPerformance row : history) {
            names.add(row.channel());
        }
        return List.copyOf(names);
    }

    private static List<List<AdPerformance>> rowsByCell(List<AdPerformance> history, Map<String, Integer> index) {
        List<List<AdPerformance>> rowsByCell = new ArrayList<>(index.size() * HOURS);
        for (int k = 0; k < index.size() * HOURS; k++) {
            rowsByCell.add(new ArrayList<>());
        }
        for (AdPerformance row : history) {
            rowsByCell.get(index.get(row.channel()) * HOURS + row.hour()).add(row);
        }
        return rowsByCell;
    }

    private static double ratioOr(double[] numerators, double[] denominators, double fallback) {
        double top = 0;
        double bottom = 0;
        for (int i = 0; i < numerators.length; i++) {
            top += numerators[i];
            bottom += denominators[i];
        }
        return top > 0 && bottom > 0 ? top / bottom : fallback;
    }

    /**
     * Saturation: one scale per channel fitted over its cells (with its uncertainty), then each cell shrunk towards it
     * in log space; and each channel's highest spend seen, which bounds extrapolation.
     */
    private record Saturation(double[] scale, ScaleUncertainty[] uncertainty, double[] channelMaxSpend) {

        static Saturation fit(List<List<AdPerformance>> rowsByCell, int channels, PlannerSettings settings) {
            double[] scale = new double[channels * HOURS];
            ScaleUncertainty[] uncertainty = new ScaleUncertainty[channels];
            double[] channelMaxSpend = new double[channels];
            for (int ch = 0; ch < channels; ch++) {
                double[][] spends = new double[HOURS][];
                double[][] clicks = new double[HOURS][];
                for (int h = 0; h < HOURS; h++) {
                    List<AdPerformance> rows = rowsByCell.get(ch * HOURS + h);
                    spends[h] = new double[rows.size()];
                    clicks[h] = new double[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        spends[h][r] = rows.get(r).spend();
                        clicks[h][r] = rows.get(r).clicks();
                        channelMaxSpend[ch] = Math.max(channelMaxSpend[ch], rows.get(r).spend());
                    }
                }
                SaturationCurve.ScaleFit channelFit = SaturationCurve.fit(spends, clicks,
                        settings.fallbackSaturation());
                double[] cellScale = new double[HOURS];
                for (int h = 0; h < HOURS; h++) {
                    cellScale[h] = shrinkScale(channelFit.best(),
                            SaturationCurve.fitScale(new double[][] {spends[h]}, new double[][] {clicks[h]},
                                    settings.fallbackSaturation()),
                            spends[h].length, settings.cellSaturationPrior());
                    scale[ch * HOURS + h] = cellScale[h];
                }
                uncertainty[ch] = ScaleUncertainty.of(channelFit, spends, cellScale);
            }
            return new Saturation(scale, uncertainty, channelMaxSpend);
        }
    }

    /** Each cell's summed counts and saturated spend (exposure), and each channel's. */
    private static final class CellCounts {
        final double[] clicks;
        final double[] exposure;
        final double[] impressions;
        final double[] conversions;
        final double[] channelClicks;
        final double[] channelExposure;
        final double[] channelRevenue;
        final double[] channelConversions;

        private CellCounts(int channels) {
            clicks = new double[channels * HOURS];
            exposure = new double[channels * HOURS];
            impressions = new double[channels * HOURS];
            conversions = new double[channels * HOURS];
            channelClicks = new double[channels];
            channelExposure = new double[channels];
            channelRevenue = new double[channels];
            channelConversions = new double[channels];
        }

        static CellCounts of(List<List<AdPerformance>> rowsByCell, double[] saturation, int channels) {
            CellCounts n = new CellCounts(channels);
            for (int k = 0; k < rowsByCell.size(); k++) {
                int ch = k / HOURS;
                for (AdPerformance row : rowsByCell.get(k)) {
                    n.clicks[k] += row.clicks();
                    n.exposure[k] += SaturationCurve.effectiveSpend(row.spend(), saturation[k]);
                    n.impressions[k] += row.impressions();
                    n.conversions[k] += row.conversions();
                    n.channelRevenue[ch] += row.revenue();
                    n.channelConversions[ch] += row.conversions();
                }
                n.channelClicks[ch] += n.clicks[k];
                n.channelExposure[ch] += n.exposure[k];
            }
            return n;
        }
    }

    /**
     * The plan weekday's conversion ratio: per weekday, conversions observed against clicks × the cell's pooled
     * conversion rate; Gamma(m + observed, m + expected) for the plan's weekday, {@code m} estimated over all seven.
     */
    private static GammaPosterior weekdayRatio(List<List<AdPerformance>> rowsByCell, BetaPosterior[] cvr,
                                               int planWeekday) {
        double[] observed = new double[7];
        double[] expected = new double[7];
        for (int k = 0; k < cvr.length; k++) {
            double rate = cvr[k].mean();
            for (AdPerformance row : rowsByCell.get(k)) {
                int day = row.date().getDayOfWeek().getValue() - 1;
                observed[day] += row.conversions();
                expected[day] += row.clicks() * rate;
            }
        }
        double m = GammaPosterior.ratioPriorStrength(observed, expected);
        return new GammaPosterior(m + observed[planWeekday], m + expected[planWeekday]);
    }

    /** Log-scale shrinkage of a cell's own scale towards its channel's: weight {@code n / (n + n0)} on the cell. */
    static double shrinkScale(double channelScale, double cellScale, int cellRows, double priorRows) {
        if (Double.isNaN(channelScale)) {
            return Double.POSITIVE_INFINITY; // no spend ever seen in the channel: nothing to say about saturation
        }
        if (Double.isNaN(cellScale) || cellRows < 3) {
            return channelScale;
        }
        double w = cellRows / (cellRows + priorRows);
        return Math.exp(w * Math.log(cellScale) + (1 - w) * Math.log(channelScale));
    }

    /** Spend where the marginal return falls to {@code marginalFloor} of the first unit's, and within extrapolation. */
    static double capacity(double scale, double maxObservedSpend, PlannerSettings settings) {
        double saturating = scale * Math.log(1 / settings.marginalFloor());
        double extrapolation = maxObservedSpend > 0
                ? settings.extrapolationLimit() * maxObservedSpend : Double.POSITIVE_INFINITY;
        return Math.min(saturating, extrapolation);
    }

    private static double clamp(double x, double lo, double hi) {
        return Double.isFinite(x) ? Math.max(lo, Math.min(hi, x)) : 1.0;
    }

    @Override
    public List<String> channels() {
        return channels;
    }

    /** None: these cells are channel × hour for whoever the channel brings. */
    @Override
    public List<String> audiences() {
        return List.of();
    }

    @Override
    public double meanCostPerClick(int cell) {
        return 1 / clickYield[cell].mean();
    }

    @Override
    public int cells() {
        return ctr.length;
    }

    public BetaPosterior ctr(int cell) {
        return ctr[cell];
    }

    public BetaPosterior cvr(int cell) {
        return cvr[cell];
    }

    public GammaPosterior clickYield(int cell) {
        return clickYield[cell];
    }

    /** Posterior-mean multiplier on every cell's conversion rate for the plan's weekday. */
    public double weekdayFactor() {
        return weekdayRatio.mean();
    }

    /** One draw of the plan weekday's multiplier (shared by every cell of the draw). */
    public double sampleWeekdayFactor(SplittableRandom rng) {
        return weekdayRatio.sample(rng);
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
    public double valuePerConversion(int channel) {
        return valuePerConversion[channel];
    }

    /** Posterior-mean conversions per click on the plan's weekday. */
    @Override
    public double meanConversionRate(int cell) {
        return Math.min(1, cvr[cell].mean() * weekdayRatio.mean());
    }

    /** Posterior-mean conversions per unit of saturated spend at low spend: E[clicks/money]·E[CVR]. */
    @Override
    public double meanConversionsPerSpend(int cell) {
        return clickYield[cell].mean() * meanConversionRate(cell);
    }

    /** One Thompson draw of every cell's conversions per unit of saturated spend, written into {@code out}. */
    @Override
    public void sampleConversionsPerSpend(SplittableRandom rng, double[] out) {
        double weekday = weekdayRatio.sample(rng);
        for (int k = 0; k < out.length; k++) {
            double rate = Math.min(1, cvr[k].sample(rng) * weekday);
            out[k] = clickYield[k].sample(rng) * rate;
        }
    }

    /**
     * One draw of every cell's expected conversions at {@code spend}: the rates of
     * {@link #sampleConversionsPerSpend}, then each channel's saturation scale drawn from its fit's posterior
     * ({@link ScaleUncertainty}), shared by the channel's hours.
     */
    @Override
    public void sampleExpectedConversions(SplittableRandom rng, double[] spend, double[] out) {
        sampleConversionsPerSpend(rng, out);
        for (int ch = 0; ch < channels.size(); ch++) {
            ScaleUncertainty scale = saturationUncertainty[ch];
            int j = scale.draw(rng);
            for (int h = 0; h < HOURS; h++) {
                int k = ch * HOURS + h;
                out[k] *= scale.exposureRatio(j)
                        * SaturationCurve.effectiveSpend(spend[k], saturation[k] * scale.factor(j));
            }
        }
    }

    /**
     * Least-squares rate model over one-hot channel, hour and weekday, weighted by trials (impressions for CTR,
     * clicks for CVR). Segment hook: {@link AdPerformance} carries no segment yet; when it does, add its one-hot
     * block after the weekday columns and a segment mix to {@link #predictMix}.
     */
    static final class RateRegression {
        private final double[] beta;
        private final int channels;
        private final double[] weekdayMix;
        private final boolean empty;

        private RateRegression(double[] beta, int channels, double[] weekdayMix, boolean empty) {
            this.beta = beta;
            this.channels = channels;
            this.weekdayMix = weekdayMix;
            this.empty = empty;
        }

        static RateRegression fit(List<AdPerformance> history, Map<String, Integer> index, double lambda,
                                  boolean clickThrough) {
            int c = index.size();
            int p = 1 + c + HOURS + 7;
            List<double[]> xs = new ArrayList<>();
            List<double[]> yw = new ArrayList<>();
            double[] mix = new double[7];
            double weightSum = 0;
            for (AdPerformance row : history) {
                double trials = clickThrough ? row.impressions() : row.clicks();
                if (trials <= 0) {
                    continue;
                }
                double successes = clickThrough ? row.clicks() : row.conversions();
                int weekday = row.date().getDayOfWeek().getValue() - 1;
                double[] x = new double[p];
                x[0] = 1;
                x[1 + index.get(row.channel())] = 1;
                x[1 + c + row.hour()] = 1;
                x[1 + c + HOURS + weekday] = 1;
                xs.add(x);
                yw.add(new double[] {Math.min(1, successes / trials), trials});
                mix[weekday] += trials;
                weightSum += trials;
            }
            if (xs.isEmpty()) {
                return new RateRegression(new double[p], c, mix, true);
            }
            double meanWeight = weightSum / xs.size();
            double[] y = new double[xs.size()];
            double[] w = new double[xs.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = yw.get(i)[0];
                w[i] = yw.get(i)[1] / meanWeight; // weights to mean 1 so lambda keeps one meaning at any volume
            }
            for (int d = 0; d < 7; d++) {
                mix[d] /= weightSum;
            }
            double[] beta = RidgeRegression.fit(xs.toArray(new double[0][]), y, w, lambda, 1);
            return new RateRegression(beta, c, mix, false);
        }

        /** Prediction with the weekday columns set to the history's weekday mix. */
        double predictMix(int channel, int hour, double fallback) {
            if (empty) {
                return fallback;
            }
            double sum = beta[0] + beta[1 + channel] + beta[1 + channels + hour];
            for (int d = 0; d < 7; d++) {
                sum += weekdayMix[d] * beta[1 + channels + HOURS + d];
            }
            return Math.min(0.99, Math.max(1e-4, sum));
        }
    }
}
