package io.shopsense.recommend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemKnnRecommenderTest {

    @Test
    void similarity_isCosineWithShrinkage() {
        // given shrinkage 1
        InteractionData data = Fixtures.data();
        var model = new ItemKnnRecommender(10, 1).fit(data);
        int a = data.itemIndex("A");

        // then A·B = 2 common users over √3·√3 + 1; A·C = 1 over √3·√2 + 1; A and D share nobody
        assertThat(model.similarity(a, data.itemIndex("B"))).isCloseTo(2.0 / 4.0, within(1e-6));
        assertThat(model.similarity(a, data.itemIndex("C"))).isCloseTo(1 / (Math.sqrt(6) + 1), within(1e-6));
        assertThat(model.similarity(a, data.itemIndex("D"))).isZero();
        assertThat(Neighbourhoods.cosine(2, Math.sqrt(3), Math.sqrt(3), 1)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void score_sumsSimilaritiesToTheUsersItems() {
        // given u4 bought D and E
        InteractionData data = Fixtures.data();
        double[] scores = new double[data.itemCount()];

        // when
        new ItemKnnRecommender(10, 1).fit(data).score(data.userIndex("u4"), scores);

        // then C is reached via D (1 common over √2·√2 + 1), A via E (1 over √2·√3 + 1)
        assertThat(scores[data.itemIndex("C")]).isCloseTo(1.0 / 3.0, within(1e-6));
        assertThat(scores[data.itemIndex("A")]).isCloseTo(1 / (Math.sqrt(6) + 1), within(1e-6));
    }

    @Test
    void neighbours_keepOnlyTopK() {
        InteractionData data = Fixtures.data();
        var model = new ItemKnnRecommender(1, 0).fit(data);
        assertThat(model.neighbours(data.itemIndex("A"))).containsExactly(data.itemIndex("B"));
    }
}
