package io.shopsense.recommend;

import java.util.Arrays;
import java.util.Map;

/**
 * User-based k-nearest neighbours (Resnick et al. 1994; Herlocker et al. 1999), the seed's "compute user similarity,
 * then a weighted average": customers are rows of the binary user × item matrix, similarity is cosine with shrinkage,
 * each customer keeps their top-K neighbours, and the score of item i is the similarity-weighted average of the
 * neighbours' interactions with i:
 * <pre>
 *   s(u,i) = Σ_{v∈N(u)} sim(u,v)·x_vi / Σ_{v∈N(u)} sim(u,v)
 * </pre>
 */
public final class UserKnnRecommender implements Recommender {
    private final int neighbours;
    private final double shrinkage;

    /**
     * @param neighbours K, the neighbours kept per customer
     * @param shrinkage  added to the cosine denominator: pulls similarities built on few shared items toward 0
     */
    public UserKnnRecommender(int neighbours, double shrinkage) {
        if (neighbours < 1 || shrinkage < 0) {
            throw new IllegalArgumentException("need neighbours >= 1 and shrinkage >= 0");
        }
        this.neighbours = neighbours;
        this.shrinkage = shrinkage;
    }

    /** The search's starting point: K = 50, shrinkage 10 (as item-kNN's). */
    public static UserKnnRecommender defaults() {
        return new UserKnnRecommender(50, 10);
    }

    @Override
    public String name() {
        return "user-knn";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("neighbours", neighbours, "shrinkage", shrinkage);
    }

    @Override
    public UserKnnModel fit(InteractionData data) {
        CsrMatrix userItems = data.confidence().binary();
        Neighbourhoods customers = Neighbourhoods.of(userItems, userItems.transpose(), neighbours, shrinkage);
        return new UserKnnModel(name(), userItems, customers.index, customers.similarity);
    }

    /** The trained neighbourhood: top-K neighbours per customer, best first, and every customer's items. */
    public static final class UserKnnModel implements ScoringModel {
        private final String algorithm;
        private final CsrMatrix history;
        private final int[][] nbrIdx;
        private final float[][] nbrSim;

        UserKnnModel(String algorithm, CsrMatrix history, int[][] nbrIdx, float[][] nbrSim) {
            this.algorithm = algorithm;
            this.history = history;
            this.nbrIdx = nbrIdx;
            this.nbrSim = nbrSim;
        }

        @Override
        public String algorithm() {
            return algorithm;
        }

        /** {@code s(u,i) = Σ_v sim(u,v)·x_vi / Σ_v sim(u,v)} over the kept neighbours; 0 for a customer with none. */
        @Override
        public void score(int user, double[] scores) {
            Arrays.fill(scores, 0);
            int[] idx = nbrIdx[user];
            float[] sim = nbrSim[user];
            double weight = 0;
            for (int q = 0; q < idx.length; q++) {
                int v = idx[q];
                weight += sim[q];
                for (int p = history.rowStart(v); p < history.rowEnd(v); p++) {
                    scores[history.col(p)] += sim[q];
                }
            }
            if (weight > 0) {
                for (int i = 0; i < scores.length; i++) {
                    scores[i] /= weight;
                }
            }
        }

        /** Neighbour indices of a customer, most similar first. */
        public int[] neighbours(int user) {
            return nbrIdx[user].clone();
        }

        /** Similarity of {@code other} as a kept neighbour of {@code user}, 0 when it was not kept. */
        public double similarity(int user, int other) {
            int[] idx = nbrIdx[user];
            for (int q = 0; q < idx.length; q++) {
                if (idx[q] == other) {
                    return nbrSim[user][q];
                }
            }
            return 0;
        }
    }
}
