package io.shopsense.recommend;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

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
        CsrMatrix itemUsers = userItems.transpose();
        int items = data.itemCount();
        double[] norm = new double[items];
        for (int i = 0; i < items; i++) {
            norm[i] = Math.sqrt(itemUsers.rowLength(i));   // binary columns: |U_i|^(1/2)
        }
        int[][] nbrIdx = new int[items][];
        float[][] nbrSim = new float[items][];
        IntStream.range(0, items).parallel().forEach(i -> {
            double[] sim = new double[items];
            int[] touched = new int[items];
            int t = 0;
            for (int p = itemUsers.rowStart(i); p < itemUsers.rowEnd(i); p++) {
                int u = itemUsers.col(p);
                for (int q = userItems.rowStart(u); q < userItems.rowEnd(u); q++) {
                    int j = userItems.col(q);
                    if (j != i) {
                        if (sim[j] == 0) {
                            touched[t++] = j;
                        }
                        sim[j] += 1;
                    }
                }
            }
            for (int q = 0; q < t; q++) {
                int j = touched[q];
                sim[j] = cosine(sim[j], norm[i], norm[j], shrinkage);
            }
            double[] compact = new double[t];
            for (int q = 0; q < t; q++) {
                compact[q] = sim[touched[q]];
            }
            int[] best = TopN.select(compact, null, neighbours);
            nbrIdx[i] = new int[best.length];
            nbrSim[i] = new float[best.length];
            for (int q = 0; q < best.length; q++) {
                nbrIdx[i][q] = touched[best[q]];
                nbrSim[i][q] = (float) compact[best[q]];
            }
        });
        return new ItemKnnModel(name(), userItems, nbrIdx, nbrSim);
    }

    /** Shrunk cosine: {@code |U_i ∩ U_j| / (‖r_i‖·‖r_j‖ + λ)}. */
    static double cosine(double coCount, double normI, double normJ, double shrinkage) {
        return coCount / (normI * normJ + shrinkage);
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
