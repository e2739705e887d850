package io.shopsense.recommend;

import java.util.Map;

/**
 * Items whose interactions grow: the least-squares slope of the per-window weight of distinct customers
 * ({@link DistinctCustomers}) over the last {@code windows} windows of {@code windowDays} each, divided by (mean
 * weight + {@code prior}) so that a jump from nothing to one sale does not beat a steady climb of a known seller. An
 * item with fewer than {@code minCustomers} distinct customers over those windows scores 0: one visitor sending many
 * events cannot make it trend. A tiny recent-popularity term breaks ties.
 */
public final class TrendingRecommender implements Recommender {
    private final int windows;
    private final double windowDays;
    private final double prior;
    private final int minCustomers;

    /**
     * @param windows    number of consecutive windows (at least 2)
     * @param windowDays length of each window in days
     * @param prior      damping added to the mean weight
     */
    public TrendingRecommender(int windows, double windowDays, double prior) {
        this(windows, windowDays, prior, PopularityRecommender.DEFAULT_MIN_CUSTOMERS);
    }

    /** @param minCustomers distinct customers an item needs within the windows before it scores at all */
    public TrendingRecommender(int windows, double windowDays, double prior, int minCustomers) {
        if (windows < 2 || windowDays <= 0 || prior < 0 || minCustomers < 1) {
            throw new IllegalArgumentException("need windows >= 2, windowDays > 0, prior >= 0, minCustomers >= 1");
        }
        this.windows = windows;
        this.windowDays = windowDays;
        this.prior = prior;
        this.minCustomers = minCustomers;
    }

    /** Four weekly windows, prior 20 (better than 5 on Online Retail). */
    public static TrendingRecommender weekly() {
        return weekly(PopularityRecommender.DEFAULT_MIN_CUSTOMERS);
    }

    /** Four weekly windows, prior 20, with another minimum of distinct customers. */
    public static TrendingRecommender weekly(int minCustomers) {
        return new TrendingRecommender(4, 7, 20, minCustomers);
    }

    @Override
    public String name() {
        return "trending";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("windows", windows, "windowDays", windowDays, "prior", prior, "minCustomers", minCustomers);
    }

    @Override
    public ScoringModel fit(InteractionData data) {
        return new GlobalScoreModel(name(), scores(data));
    }

    /** Trend score per item: {@code slope(c_0..c_{W-1}) / (mean(c) + prior)}, window 0 the oldest. */
    double[] scores(InteractionData data) {
        int items = data.itemCount();
        double[][] counts = new double[items][windows];
        for (int back = 0; back < windows; back++) {    // 0 = most recent window
            double[] weight = DistinctCustomers.in(data, back * windowDays, (back + 1) * windowDays).weight;
            for (int i = 0; i < items; i++) {
                counts[i][windows - 1 - back] = weight[i];
            }
        }
        int[] customers = DistinctCustomers.in(data, 0, windows * windowDays).customers;
        double tMean = (windows - 1) / 2.0;
        double tVar = 0;
        for (int t = 0; t < windows; t++) {
            tVar += (t - tMean) * (t - tMean);
        }
        double[] recent = PopularityRecommender.scores(data, windowDays, minCustomers);
        double[] out = new double[items];
        for (int i = 0; i < items; i++) {
            if (customers[i] < minCustomers) {
                continue;
            }
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
