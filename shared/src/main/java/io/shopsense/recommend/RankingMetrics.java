package io.shopsense.recommend;

import java.util.BitSet;

/**
 * Top-k ranking metrics with binary relevance. {@code relevantCount} may exceed the bits set in {@code relevant}:
 * held-out items the model could not know still count against recall and the ideal DCG.
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * nDCG@k (Järvelin and Kekäläinen 2002): {@code DCG = Σ_{r<k, hit} 1/log2(r + 2)} over
     * {@code IDCG = Σ_{r<min(k, |T|)} 1/log2(r + 2)}.
     */
    public static double ndcg(int k, int[] ranked, BitSet relevant, int relevantCount) {
        if (relevantCount == 0) {
            return 0;
        }
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.get(ranked[r])) {
                dcg += discount(r);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevantCount); r++) {
            ideal += discount(r);
        }
        return dcg / ideal;
    }

    /** recall@k: {@code |top-k ∩ T| / |T|}. */
    public static double recall(int k, int[] ranked, BitSet relevant, int relevantCount) {
        return relevantCount == 0 ? 0 : (double) hits(k, ranked, relevant) / relevantCount;
    }

    /** precision@k: {@code |top-k ∩ T| / k} (a list shorter than k still divides by k). */
    public static double precision(int k, int[] ranked, BitSet relevant) {
        return (double) hits(k, ranked, relevant) / k;
    }

    /** Catalogue coverage: distinct items recommended to anyone over the number of recommendable items. */
    public static double coverage(BitSet recommended, int recommendableItems) {
        return recommendableItems == 0 ? 0 : (double) recommended.cardinality() / recommendableItems;
    }

    private static int hits(int k, int[] ranked, BitSet relevant) {
        int h = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.get(ranked[r])) {
                h++;
            }
        }
        return h;
    }

    private static double discount(int rank) {
        return 1.0 / (Math.log(rank + 2) / Math.log(2));
    }
}
