package io.shopsense.recommend;

import java.util.Map;

/**
 * "Buy it again": a customer's own purchases, each decayed with the half-life of
 * {@link InteractionWeights#repeatHalfLifeDays()} (so {@code s(u,i) = Σ_{purchases of i by u} 2^(−age/h)}, refunds
 * subtracting). Items never bought fall back to recent popularity, scaled far below any own purchase. Alone it is the
 * baseline for shops of consumables; in the {@link HybridRecommender} it is the "own history" side weighed against
 * discovery.
 */
public final class RepeatPurchaseRecommender implements Recommender {
    private static final double POPULARITY_SCALE = 1e-3;
    private final double popularityWindowDays;

    /** @param popularityWindowDays window of the popularity fallback */
    public RepeatPurchaseRecommender(double popularityWindowDays) {
        this.popularityWindowDays = popularityWindowDays;
    }

    @Override
    public String name() {
        return "repeat";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("popularityWindowDays", popularityWindowDays);
    }

    @Override
    public ScoringModel fit(InteractionData data) {
        double[] popularity = PopularityRecommender.scores(data, popularityWindowDays,
                PopularityRecommender.DEFAULT_MIN_CUSTOMERS);
        double max = 0;
        for (double p : popularity) {
            max = Math.max(max, p);
        }
        double scale = max > 0 ? POPULARITY_SCALE / max : 0;
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] *= scale;
        }
        CsrMatrix purchases = data.purchases();
        return new ScoringModel() {
            @Override
            public String algorithm() {
                return name();
            }

            @Override
            public void score(int user, double[] scores) {
                System.arraycopy(popularity, 0, scores, 0, popularity.length);
                for (int p = purchases.rowStart(user); p < purchases.rowEnd(user); p++) {
                    scores[purchases.col(p)] += purchases.value(p);
                }
            }
        };
    }
}
