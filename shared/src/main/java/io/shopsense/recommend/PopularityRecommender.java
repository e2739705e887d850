package io.shopsense.recommend;

import java.util.Map;

/**
 * Most popular items in a recent window: how many distinct customers chose each item in the last {@code windowDays}
 * before the reference time, each weighted by their strongest interaction ({@link DistinctCustomers}; anonymous
 * orders of uploaded exports included). An item chosen by fewer than {@code minCustomers} distinct customers over all
 * time scores 0, so one visitor (or a few) cannot promote it. Ties, and items silent in the window, are ordered by
 * all-time weight, so the list is never empty while the catalogue has items.
 */
public final class PopularityRecommender implements Recommender {
    /**
     * Default minimum of distinct customers before an item counts as popular or trending: more than one visitor and
     * their companion, yet reached by a small shop's real best-sellers within days.
     */
    public static final int DEFAULT_MIN_CUSTOMERS = 3;
    private static final double ALL_TIME_TIE_BREAK = 1e-6;
    private final double windowDays;
    private final int minCustomers;

    /** @param windowDays length of the recent window in days (e.g. 30); minimum {@link #DEFAULT_MIN_CUSTOMERS} */
    public PopularityRecommender(double windowDays) {
        this(windowDays, DEFAULT_MIN_CUSTOMERS);
    }

    /**
     * @param windowDays   length of the recent window in days (e.g. 30)
     * @param minCustomers distinct customers an item needs (over all time) before it scores at all
     */
    public PopularityRecommender(double windowDays, int minCustomers) {
        if (windowDays <= 0 || minCustomers < 1) {
            throw new IllegalArgumentException("windowDays and minCustomers must be positive");
        }
        this.windowDays = windowDays;
        this.minCustomers = minCustomers;
    }

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("windowDays", windowDays, "minCustomers", minCustomers);
    }

    @Override
    public ScoringModel fit(InteractionData data) {
        return new GlobalScoreModel(name(), scores(data, windowDays, minCustomers));
    }

    /**
     * Recent-window customer weight per item plus a tiny all-time tie-break, {@code W_recent + ε·W_all}, for items
     * with at least {@code minCustomers} distinct customers over all time; 0 for the others.
     */
    static double[] scores(InteractionData data, double windowDays, int minCustomers) {
        DistinctCustomers recent = DistinctCustomers.in(data, 0, windowDays);
        DistinctCustomers allTime = DistinctCustomers.in(data, 0, Double.POSITIVE_INFINITY);
        double[] out = new double[data.itemCount()];
        for (int i = 0; i < out.length; i++) {
            if (allTime.customers[i] >= minCustomers) {
                out[i] = recent.weight[i] + ALL_TIME_TIE_BREAK * allTime.weight[i];
            }
        }
        return out;
    }
}
