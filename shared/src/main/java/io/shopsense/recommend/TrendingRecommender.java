package io.shopsense.recommend;

import java.util.Map;

/**
 * Items whose interactions grow: the least-squares slope of the per-window weight of distinct customers
 * ({@link DistinctCustomers}) over the last {@code windows} windows of {@code windowDays} each, divided by (mean
 * weight + {@code prior}) so that a jump from nothing to one sale does not beat a steady climb of a known seller. An
 * item with fewer than {@code minCustomers} distinct customers over those windows scores 0: one visitor sending many
 * events cannot make it trend. A tiny recent-popularity term breaks ties.
 *
 * <p>Big sales days ({@link InteractionWeights#salesCalendar()}: 双11, 618, Chinese New Year, …) are left out of every
 * window, recent and baseline alike, and each window's weight is scaled up to a full window of ordinary days
 * ({@code windowDays / ordinary days in it}); a window with no ordinary day is left out of the slope. So a spike on
 * 11-11 is not read as a trend on 11-12: the slope compares ordinary days with ordinary days.
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

    /** Four weekly windows, prior 20 (where {@link NestedSelection}'s search starts). */
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
        boolean ordinaryOnly = !data.salesCalendar().isEmpty();
        boolean[] present = new boolean[windows];
        for (int back = 0; back < windows; back++) {    // 0 = most recent window
            double scale = ordinaryOnly ? fullWindowScale(data, back) : 1;
            present[windows - 1 - back] = scale > 0;
            double[] weight = DistinctCustomers.in(data, back * windowDays, (back + 1) * windowDays, ordinaryOnly)
                    .weight;
            for (int i = 0; i < items; i++) {
                counts[i][windows - 1 - back] = weight[i] * scale;
            }
        }
        int[] customers = DistinctCustomers.in(data, 0, windows * windowDays, ordinaryOnly).customers;
        int used = 0;
        double tMean = 0;
        for (int t = 0; t < windows; t++) {
            if (present[t]) {
                tMean += t;
                used++;
            }
        }
        tMean = used == 0 ? 0 : tMean / used;
        double tVar = 0;
        for (int t = 0; t < windows; t++) {
            if (present[t]) {
                tVar += (t - tMean) * (t - tMean);
            }
        }
        double[] recent = PopularityRecommender.scores(data, windowDays, minCustomers);
        double[] out = new double[items];
        for (int i = 0; i < items; i++) {
            if (customers[i] < minCustomers) {
                continue;
            }
            double mean = 0;
            for (int t = 0; t < windows; t++) {
                mean += present[t] ? counts[i][t] : 0;
            }
            mean /= Math.max(1, used);
            double cov = 0;
            for (int t = 0; t < windows; t++) {
                cov += present[t] ? (t - tMean) * (counts[i][t] - mean) : 0;
            }
            double denominator = mean + prior;
            out[i] = (denominator > 0 && tVar > 0 ? (cov / tVar) / denominator : 0) + 1e-6 * recent[i];
        }
        return out;
    }

    /**
     * {@code windowDays / ordinary days} of window {@code back} (0 = most recent), its days taken at their middle in
     * the shop's zone; 0 when every day of it is a sales day.
     */
    private double fullWindowScale(InteractionData data, int back) {
        int days = (int) Math.ceil(windowDays);
        int ordinary = 0;
        for (int d = 0; d < days; d++) {
            double ageDays = back * windowDays + d + 0.5;
            java.time.Instant at = data.referenceTime().minusSeconds(Math.round(ageDays * 86_400));
            if (!data.salesCalendar().isSaleDay(at)) {
                ordinary++;
            }
        }
        return ordinary == 0 ? 0 : (double) days / ordinary;
    }
}
