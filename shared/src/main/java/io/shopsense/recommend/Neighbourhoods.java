package io.shopsense.recommend;

import java.util.stream.IntStream;

/**
 * The top-K shrunk-cosine neighbours of every row of a binary matrix: items (rows of item × user) for item-kNN,
 * customers (rows of user × item) for user-kNN. Co-occurrences are counted through the transpose, touching only the
 * pairs that share a column, so the cost follows the data's density, not rows².
 */
final class Neighbourhoods {
    /** Per row, its neighbours' row indices, best first. */
    final int[][] index;
    /** Per row, the similarity of each neighbour in {@link #index}. */
    final float[][] similarity;

    private Neighbourhoods(int[][] index, float[][] similarity) {
        this.index = index;
        this.similarity = similarity;
    }

    /**
     * @param rows      the binary matrix whose rows are compared
     * @param columns   its transpose
     * @param k         neighbours kept per row
     * @param shrinkage added to the cosine denominator (see {@link #cosine})
     */
    static Neighbourhoods of(CsrMatrix rows, CsrMatrix columns, int k, double shrinkage) {
        int n = rows.rows();
        double[] norm = new double[n];
        for (int r = 0; r < n; r++) {
            norm[r] = Math.sqrt(rows.rowLength(r));   // binary rows: |row|^(1/2)
        }
        int[][] index = new int[n][];
        float[][] similarity = new float[n][];
        IntStream.range(0, n).parallel().forEach(r -> {
            double[] shared = new double[n];
            int[] touched = new int[n];
            int t = 0;
            for (int p = rows.rowStart(r); p < rows.rowEnd(r); p++) {
                int c = rows.col(p);
                for (int q = columns.rowStart(c); q < columns.rowEnd(c); q++) {
                    int other = columns.col(q);
                    if (other != r) {
                        if (shared[other] == 0) {
                            touched[t++] = other;
                        }
                        shared[other] += 1;
                    }
                }
            }
            double[] compact = new double[t];
            for (int q = 0; q < t; q++) {
                int other = touched[q];
                compact[q] = cosine(shared[other], norm[r], norm[other], shrinkage);
            }
            int[] best = TopN.select(compact, null, k);
            index[r] = new int[best.length];
            similarity[r] = new float[best.length];
            for (int q = 0; q < best.length; q++) {
                index[r][q] = touched[best[q]];
                similarity[r][q] = (float) compact[best[q]];
            }
        });
        return new Neighbourhoods(index, similarity);
    }

    /** Shrunk cosine: {@code |a ∩ b| / (‖a‖·‖b‖ + λ)}. */
    static double cosine(double coCount, double normA, double normB, double shrinkage) {
        return coCount / (normA * normB + shrinkage);
    }
}
