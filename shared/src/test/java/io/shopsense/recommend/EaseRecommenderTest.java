package io.shopsense.recommend;

import io.shopsense.model.Item;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EaseRecommenderTest {

    @Test
    void ease_matchesClosedFormOnTwoItems() {
        // given u1 {A,B}, u2 {A}, u3 {B}: G = [[2,1],[1,2]], λ = 1 → P = (1/8)[[3,−1],[−1,3]], B_AB = 1/3
        List<io.shopsense.model.Event> events = new ArrayList<>();
        Fixtures.add(events, "u1", 1, "A", "B");
        Fixtures.add(events, "u2", 1, "A");
        Fixtures.add(events, "u3", 1, "B");
        InteractionData data = InteractionData.from(events, List.<Item>of(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // when u2 is scored
        double[] scores = new double[data.itemCount()];
        new EaseRecommender(1, 10).fit(data).score(data.userIndex("u2"), scores);

        // then the diagonal is zero and the off-diagonal weight is 1/3
        assertThat(scores[data.itemIndex("A")]).isCloseTo(0, within(1e-9));
        assertThat(scores[data.itemIndex("B")]).isCloseTo(1.0 / 3.0, within(1e-9));
    }

    @Test
    void inversion_givesIdentityOnTheFixtureGram() {
        // given the fixture's Gram matrix plus λI
        double[][] g = {{3, 2, 1, 0, 1, 1}, {2, 3, 2, 1, 0, 0}, {1, 2, 2, 1, 0, 0}, {0, 1, 1, 2, 1, 0},
                {1, 0, 0, 1, 2, 1}, {1, 0, 0, 0, 1, 1}};
        double[][] a = new double[6][6];
        double[][] inv = new double[6][];
        for (int i = 0; i < 6; i++) {
            g[i][i] += 2;
            a[i] = g[i].clone();
            inv[i] = g[i].clone();
        }

        // when
        EaseRecommender.invertSymmetricPositiveDefinite(inv);

        // then A·A⁻¹ = I
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                double s = 0;
                for (int k = 0; k < 6; k++) {
                    s += a[i][k] * inv[k][j];
                }
                assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-9));
            }
        }
    }

    @Test
    void ease_isSkippedBeyondItsItemLimit() {
        InteractionData data = Fixtures.data();
        assertThat(new EaseRecommender(1, 5).canFit(data)).isFalse();
        assertThat(new EaseRecommender(1, 6).canFit(data)).isTrue();
    }
}
