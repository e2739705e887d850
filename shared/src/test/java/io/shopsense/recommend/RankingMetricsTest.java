package io.shopsense.recommend;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    private static final int[] RANKED = {3, 1, 4, 0};
    private static final BitSet RELEVANT = BitSet.valueOf(new long[]{0b11});   // items 0 and 1

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void ndcg_discountsHitsByRankAndCountsUnknownRelevantItemsInTheIdeal() {
        // given 3 relevant items, one of them unknown to the model; hits at ranks 2 and 4
        double dcg = 1 / log2(3) + 1 / log2(5);
        double ideal = 1 + 1 / log2(3) + 1 / log2(4);

        assertThat(RankingMetrics.ndcg(10, RANKED, RELEVANT, 3)).isCloseTo(dcg / ideal, within(1e-9));
        assertThat(RankingMetrics.ndcg(2, RANKED, RELEVANT, 3)).isCloseTo((1 / log2(3)) / (1 + 1 / log2(3)),
                within(1e-9));
    }

    @Test
    void recallAndPrecision_countHitsInTheTopK() {
        assertThat(RankingMetrics.recall(20, RANKED, RELEVANT, 3)).isCloseTo(2.0 / 3.0, within(1e-9));
        assertThat(RankingMetrics.recall(1, RANKED, RELEVANT, 3)).isCloseTo(0, within(1e-9));
        assertThat(RankingMetrics.precision(10, RANKED, RELEVANT)).isCloseTo(0.2, within(1e-9));
        assertThat(RankingMetrics.precision(2, RANKED, RELEVANT)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void coverage_isDistinctRecommendedOverRecommendable() {
        BitSet recommended = new BitSet();
        for (int i : RANKED) {
            recommended.set(i);
        }
        assertThat(RankingMetrics.coverage(recommended, 8)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void topN_breaksTiesByIndexAndSkipsExcluded() {
        double[] scores = {1, 3, 3, 2, 5};
        boolean[] excluded = {false, false, false, false, true};
        assertThat(TopN.select(scores, excluded, 3)).containsExactly(1, 2, 3);
    }
}
