package io.shopsense.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QuintileCutsTest {

    @Test
    void score_givesOneToFiveForFiveDistinctValues() {
        QuintileCuts cuts = QuintileCuts.of(new double[] {30, 10, 50, 20, 40});

        assertThat(scores(cuts, 10, 20, 30, 40, 50)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void score_givesTiesTheLowestScoreOfTheirGroup() {
        // k strictly worse out of n = 5: 0, 0, 0, 3, 4 → 1 + floor(5k/5) = 1, 1, 1, 4, 5.
        QuintileCuts cuts = QuintileCuts.of(new double[] {1, 1, 1, 2, 3});

        assertThat(scores(cuts, 1, 1, 1, 2, 3)).containsExactly(1, 1, 1, 4, 5);
    }

    @Test
    void score_splitsTenCustomersIntoPairs() {
        QuintileCuts cuts = QuintileCuts.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});

        assertThat(scores(cuts, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
    }

    @Test
    void score_doesNotDependOnInputOrder() {
        double[] values = {5, 3, 3, 9, 1, 1, 7, 3};
        double[] reversed = values.clone();
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = values[values.length - 1 - i];
        }

        assertThat(QuintileCuts.of(reversed)).isEqualTo(QuintileCuts.of(values));
    }

    @Test
    void score_givesEveryoneOneWithoutPopulation() {
        assertThat(QuintileCuts.of(new double[0]).score(1e9)).isEqualTo(1);
    }

    private static int[] scores(QuintileCuts cuts, double... values) {
        return Arrays.stream(values).mapToInt(cuts::score).toArray();
    }
}
