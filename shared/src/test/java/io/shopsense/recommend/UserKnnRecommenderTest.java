package io.shopsense.recommend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UserKnnRecommenderTest {

    @Test
    void similarity_isCosineWithShrinkageBetweenCustomers() {
        // given shrinkage 1
        InteractionData data = Fixtures.data();
        var model = new UserKnnRecommender(10, 1).fit(data);
        int u1 = data.userIndex("u1");

        // then u1·u2 share A, B over √3·√2 + 1; u1·u3 share B, C over √3·√3 + 1; u1·u5 share A; u1 and u4 nothing
        assertThat(model.similarity(u1, data.userIndex("u2"))).isCloseTo(2 / (Math.sqrt(6) + 1), within(1e-6));
        assertThat(model.similarity(u1, data.userIndex("u3"))).isCloseTo(0.5, within(1e-6));
        assertThat(model.similarity(u1, data.userIndex("u5"))).isCloseTo(0.25, within(1e-6));
        assertThat(model.similarity(u1, data.userIndex("u4"))).isZero();
    }

    @Test
    void score_isTheSimilarityWeightedAverageOfNeighboursItems() {
        // given u2 (A, B) has neighbours u1 (sim 2/(√6+1)), u3 and u5 (1/(√6+1) each): total weight 4/(√6+1)
        InteractionData data = Fixtures.data();
        double[] scores = new double[data.itemCount()];

        // when
        new UserKnnRecommender(10, 1).fit(data).score(data.userIndex("u2"), scores);

        // then C is held by u1 and u3 (3 of 4 weight parts), D by u3 only, E and F by u5 only
        assertThat(scores[data.itemIndex("C")]).isCloseTo(0.75, within(1e-6));
        assertThat(scores[data.itemIndex("D")]).isCloseTo(0.25, within(1e-6));
        assertThat(scores[data.itemIndex("E")]).isCloseTo(0.25, within(1e-6));
        assertThat(scores[data.itemIndex("F")]).isCloseTo(0.25, within(1e-6));
        assertThat(scores[data.itemIndex("A")]).isCloseTo(0.75, within(1e-6));
    }

    @Test
    void neighbours_keepOnlyTopK() {
        // given K = 1: u2's nearest customer is u1
        InteractionData data = Fixtures.data();
        var model = new UserKnnRecommender(1, 1).fit(data);
        double[] scores = new double[data.itemCount()];

        // when
        model.score(data.userIndex("u2"), scores);

        // then the average is over u1 alone: C fully, D (u3's) not at all
        assertThat(model.neighbours(data.userIndex("u2"))).containsExactly(data.userIndex("u1"));
        assertThat(scores[data.itemIndex("C")]).isCloseTo(1.0, within(1e-9));
        assertThat(scores[data.itemIndex("D")]).isZero();
    }

    @Test
    void score_isZeroForACustomerWhoSharesNothing() {
        // given a customer whose only item nobody else bought
        var events = new java.util.ArrayList<>(Fixtures.events());
        Fixtures.add(events, "u6", 2, "G");
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);
        double[] scores = new double[data.itemCount()];

        // when
        new UserKnnRecommender(10, 1).fit(data).score(data.userIndex("u6"), scores);

        // then
        assertThat(scores).containsOnly(0.0);
    }
}
