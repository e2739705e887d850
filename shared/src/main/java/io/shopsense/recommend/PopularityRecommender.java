package io.shopsense.recommend;

import java.util.Map;

/**
 * Most popular items in a recent window: the sum of event weights (anonymous purchases included) in the last
 * {@code windowDays} before the reference time. Ties, and items silent in the window, are ordered by all-time
 * weight, so the list is never empty while the catalogue has items.
 */
public final class PopularityRecommender implements Recommender {
    private static final double ALL_TIME_TIE_BREAK = 1e-6;
    private final double windowDays;

    /** @param windowDays length of the recent window in days (e.g. 30) */
    public PopularityRecommender(double windowDays) {
        if (windowDays <= 0) {
            throw new IllegalArgumentException("windowDays must be positive");
        }
        this.windowDays = windowDays;
    }

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("windowDays", windowDays);
    }

    @Override
    public ScoringModel fit(InteractionData data) {
        return new GlobalScoreModel(name(), scores(data, windowDays));
    }

    /** Recent-window weight per item plus a tiny all-time tie-break: {@code Σ_{e: age(e) < W} w_e + ε·Σ_e w_e}. */
    static double[] scores(InteractionData data, double windowDays) {
        double[] recent = new double[data.itemCount()];
        double[] allTime = new double[data.itemCount()];
        for (int e = 0; e < data.eventCount(); e++) {
            int item = data.eventItem(e);
            allTime[item] += data.eventWeight(e);
            if (data.eventAgeDays(e) < windowDays) {
                recent[item] += data.eventWeight(e);
            }
        }
        for (int i = 0; i < recent.length; i++) {
            recent[i] += ALL_TIME_TIE_BREAK * allTime[i];
        }
        return recent;
    }
}
