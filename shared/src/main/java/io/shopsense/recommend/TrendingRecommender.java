package io.shopsense.recommend;

import java.util.Map;

/**
 * Items whose interactions grow: the least-squares slope of the per-window event weight over the last
 * {@code windows} windows of {@code windowDays} each, divided by (mean weight + {@code prior}) so that a jump from
 * nothing to one sale does not beat a steady climb of a known seller. A tiny recent-popularity term breaks ties.
 */
public final class TrendingRecommender implements Recommender {
    private final int windows;
    private final double windowDays;
    private final double prior;

    /**
     * @param windows    number of consecutive windows (at least 2)
     * @param windowDays length of each window in days
     * @param prior      damping added to the mean weight
     */
    public TrendingRecommender(int windows, double windowDays, double prior) {
        if (windows < 2 || windowDays <= 0 || prior < 0) {
            throw new IllegalArgumentException("need windows >= 2, windowDays > 0, prior >= 0");
        }
        this.windows = windows;
        this.windowDays = windowDays;
        this.prior = prior;
    }

    /** Four weekly windows, prior 20 (where {@link NestedSelection}'s search starts). */
    public static TrendingRecommender weekly() {
        return new TrendingRecommender(4, 7, 20);
    }

    @Override
    public String name() {
        return "trending";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("windows", windows, "windowDays", windowDays, "prior", prior);
    }

    @Override
    public ScoringModel fit(InteractionData data) {
        return new GlobalScoreModel(name(), scores(data));
    }

    /** Trend score per item: {@code slope(c_0..c_{W-1}) / (mean(c) + prior)}, window 0 the oldest. */
    double[] scores(InteractionData data) {
        int items = data.itemCount();
        double[][] counts = new double[items][windows];
        for (int e = 0; e < data.eventCount(); e++) {
            int back = (int) (data.eventAgeDays(e) / windowDays);    // 0 = most recent window
            if (back < windows) {
                counts[data.eventItem(e)][windows - 1 - back] += data.eventWeight(e);
            }
        }
        double tMean = (windows - 1) / 2.0;
        double tVar = 0;
        for (int t = 0; t < windows; t++) {
            tVar += (t - tMean) * (t - tMean);
        }
        double[] recent = PopularityRecommender.scores(data, windowDays);
        double[] out = new double[items];
        for (int i = 0; i < items; i++) {
            double mean = 0;
            for (double c : counts[i]) {
                mean += c;
            }
            mean /= windows;
            double cov = 0;
            for (int t = 0; t < windows; t++) {
                cov += (t - tMean) * (counts[i][t] - mean);
            }
            double denominator = mean + prior;
            out[i] = (denominator > 0 ? (cov / tVar) / denominator : 0) + 1e-6 * recent[i];
        }
        return out;
    }
}
