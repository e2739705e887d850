package io.shopsense.recommend;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * EASE, the embarrassingly shallow autoencoder (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"):
 * the closed form {@code P = (XᵀX + λI)⁻¹}, {@code B = I − P·diagMat(1 ⊘ diag(P))} (so {@code diag(B) = 0}) over the
 * binary user × item matrix X, scoring {@code s_u = x_u·B}. It needs a dense items × items inverse, so it only
 * runs on items that have interactions, and only up to {@code maxItems} of them: beyond that
 * {@link #canFit(InteractionData)} is false and model selection skips it.
 */
public final class EaseRecommender implements Recommender {
    private final double lambda;
    private final int maxItems;

    /**
     * @param lambda   L2 regularisation λ added to the Gram diagonal
     * @param maxItems the largest number of active items inverted (memory 8·n² bytes, time n³)
     */
    public EaseRecommender(double lambda, int maxItems) {
        if (lambda <= 0 || maxItems < 1) {
            throw new IllegalArgumentException("need lambda > 0 and maxItems >= 1");
        }
        this.lambda = lambda;
        this.maxItems = maxItems;
    }

    /** λ = 500 (where {@link NestedSelection}'s search starts), at most 6000 active items (about 290 MB). */
    public static EaseRecommender defaults() {
        return new EaseRecommender(500, 6000);
    }

    @Override
    public String name() {
        return "ease";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("lambda", lambda, "maxItems", maxItems);
    }

    /** True when the number of items with interactions is within {@code maxItems}. */
    @Override
    public boolean canFit(InteractionData data) {
        return activeItems(data.confidence()).length <= maxItems;
    }

    @Override
    public ScoringModel fit(InteractionData data) {
        CsrMatrix x = data.confidence().binary();
        int[] active = activeItems(x);
        if (active.length > maxItems) {
            throw new IllegalStateException("EASE limited to " + maxItems + " items, data has " + active.length);
        }
        int[] local = new int[x.cols()];
        Arrays.fill(local, -1);
        for (int a = 0; a < active.length; a++) {
            local[active[a]] = a;
        }
        double[][] g = gram(x, active, local);
        for (int a = 0; a < active.length; a++) {
            g[a][a] += lambda;
        }
        invertSymmetricPositiveDefinite(g);
        toWeights(g);
        return new EaseModel(name(), x, active, local, g);
    }

    private static int[] activeItems(CsrMatrix x) {
        boolean[] seen = new boolean[x.cols()];
        for (int p = 0; p < x.nnz(); p++) {
            seen[x.col(p)] = true;
        }
        return IntStream.range(0, x.cols()).filter(i -> seen[i]).toArray();
    }

    /** {@code G = XᵀX} restricted to active items, one row per item in parallel. */
    private static double[][] gram(CsrMatrix x, int[] active, int[] local) {
        CsrMatrix xt = x.transpose();
        double[][] g = new double[active.length][];
        IntStream.range(0, active.length).parallel().forEach(a -> {
            double[] row = new double[active.length];
            int item = active[a];
            for (int p = xt.rowStart(item); p < xt.rowEnd(item); p++) {
                int u = xt.col(p);
                for (int q = x.rowStart(u); q < x.rowEnd(u); q++) {
                    row[local[x.col(q)]] += 1;
                }
            }
            g[a] = row;
        });
        return g;
    }

    /**
     * In-place Gauss–Jordan inversion without pivoting, safe for symmetric positive-definite matrices (every
     * leading pivot is positive); n³ flops, the row updates of each pivot run in parallel.
     */
    static void invertSymmetricPositiveDefinite(double[][] a) {
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double[] pivotRow = a[k];
            double pivot = pivotRow[k];
            if (!(pivot > 0)) {
                throw new ArithmeticException("matrix is not positive definite at " + k);
            }
            pivotRow[k] = 1.0;
            double inv = 1.0 / pivot;
            for (int j = 0; j < n; j++) {
                pivotRow[j] *= inv;
            }
            final int kk = k;
            IntStream.range(0, n).parallel().forEach(i -> {
                if (i == kk) {
                    return;
                }
                double[] row = a[i];
                double f = row[kk];
                if (f == 0) {
                    return;
                }
                row[kk] = 0;
                for (int j = 0; j < n; j++) {
                    row[j] -= f * pivotRow[j];
                }
            });
        }
    }

    /** Turns P into B in place: {@code B_ij = −P_ij / P_jj}, {@code B_jj = 0}. */
    private static void toWeights(double[][] p) {
        int n = p.length;
        double[] diag = new double[n];
        for (int j = 0; j < n; j++) {
            diag[j] = p[j][j];
        }
        for (int i = 0; i < n; i++) {
            double[] row = p[i];
            for (int j = 0; j < n; j++) {
                row[j] = i == j ? 0 : -row[j] / diag[j];
            }
        }
    }

    /** The trained item-item weight matrix B over the active items. */
    static final class EaseModel implements ScoringModel {
        private final String algorithm;
        private final CsrMatrix history;
        private final int[] active;
        private final int[] local;
        private final double[][] weights;

        EaseModel(String algorithm, CsrMatrix history, int[] active, int[] local, double[][] weights) {
            this.algorithm = algorithm;
            this.history = history;
            this.active = active;
            this.local = local;
            this.weights = weights;
        }

        @Override
        public String algorithm() {
            return algorithm;
        }

        /** {@code s_u = x_u·B}: the sum of the B rows of the user's items; items without interactions score 0. */
        @Override
        public void score(int user, double[] scores) {
            Arrays.fill(scores, 0);
            double[] acc = new double[active.length];
            for (int p = history.rowStart(user); p < history.rowEnd(user); p++) {
                double[] row = weights[local[history.col(p)]];
                for (int b = 0; b < acc.length; b++) {
                    acc[b] += row[b];
                }
            }
            for (int b = 0; b < acc.length; b++) {
                scores[active[b]] = acc[b];
            }
        }

        /** The weight {@code B_ij} between two item indices of the training data (0 outside the active set). */
        double weight(int i, int j) {
            return local[i] < 0 || local[j] < 0 ? 0 : weights[local[i]][local[j]];
        }
    }
}
