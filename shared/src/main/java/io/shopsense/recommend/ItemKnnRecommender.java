package io.shopsense.recommend;

import java.util.Arrays;
import java.util.Map;

/**
 * Item-based k-nearest neighbours (Sarwar et al. 2001; Deshpande and Karypis 2004) on implicit data: items are
 * columns of the binary user × item matrix, similarity is cosine with shrinkage, each item keeps its top-K
 * neighbours, and a user's score for item i is the summed similarity of i to the items in their history.
 */
public final class ItemKnnRecommender implements Recommender {
    private final int neighbours;
    private final double shrinkage;

    /**
     * @param neighbours K, the neighbours kept per item
     * @param shrinkage  added to the cosine denominator: pulls similarities built on few co-occurrences toward 0
     */
    public ItemKnnRecommender(int neighbours, double shrinkage) {
        if (neighbours < 1 || shrinkage < 0) {
            throw new IllegalArgumentException("need neighbours >= 1 and shrinkage >= 0");
        }
        this.neighbours = neighbours;
        this.shrinkage = shrinkage;
    }

    /** K = 20, shrinkage 10: where {@link NestedSelection}'s search starts. */
    public static ItemKnnRecommender defaults() {
        return new ItemKnnRecommender(20, 10);
    }

    @Override
    public String name() {
        return "item-knn";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("neighbours", neighbours, "shrinkage", shrinkage);
    }

    @Override
    public ItemKnnModel fit(InteractionData data) {
        CsrMatrix userItems = data.confidence().binary();
        Neighbourhoods items = Neighbourhoods.of(userItems.transpose(), userItems, neighbours, shrinkage);
        return new ItemKnnModel(name(), userItems, items.index, items.similarity);
    }

    /** The trained neighbourhood: top-K neighbours per item, best first, and the users' histories. */
    public static final class ItemKnnModel implements ScoringModel {
        private final String algorithm;
        private final CsrMatrix history;
        private final int[][] nbrIdx;
        private final float[][] nbrSim;

        ItemKnnModel(String algorithm, CsrMatrix history, int[][] nbrIdx, float[][] nbrSim) {
            this.algorithm = algorithm;
            this.history = history;
            this.nbrIdx = nbrIdx;
            this.nbrSim = nbrSim;
        }

        @Override
        public String algorithm() {
            return algorithm;
        }

        /** {@code s(u,i) = Σ_{j ∈ I_u} sim(j,i)} over the kept neighbours of the user's items. */
        @Override
        public void score(int user, double[] scores) {
            Arrays.fill(scores, 0);
            for (int p = history.rowStart(user); p < history.rowEnd(user); p++) {
                int j = history.col(p);
                int[] idx = nbrIdx[j];
                float[] sim = nbrSim[j];
                for (int q = 0; q < idx.length; q++) {
                    scores[idx[q]] += sim[q];
                }
            }
        }

        /** Neighbour indices of an item, most similar first. */
        public int[] neighbours(int item) {
            return nbrIdx[item].clone();
        }

        /** Similarities matching {@link #neighbours(int)}. */
        public float[] similarities(int item) {
            return nbrSim[item].clone();
        }

        /** Similarity of {@code other} as a kept neighbour of {@code item}, 0 when it was not kept. */
        public double similarity(int item, int other) {
            int[] idx = nbrIdx[item];
            for (int q = 0; q < idx.length; q++) {
                if (idx[q] == other) {
                    return nbrSim[item][q];
                }
            }
            return 0;
        }

        int[] neighbourArray(int item) {
            return nbrIdx[item];
        }

        float[] similarityArray(int item) {
            return nbrSim[item];
        }
    }
}
