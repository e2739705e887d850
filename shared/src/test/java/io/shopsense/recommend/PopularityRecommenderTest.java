package io.shopsense.recommend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PopularityRecommenderTest {

    @Test
    void popularity_countsRecentWindowWithAnonymousPurchasesAndAllTimeTieBreak() {
        // given the 5×6 fixture: u5's purchases are 20 days old, outside a 10-day window
        InteractionData data = Fixtures.data();

        // when
        double[] scores = new double[data.itemCount()];
        new PopularityRecommender(10).fit(data).score(0, scores);

        // then: recent weight (4 per purchase) + 1e-6 × all-time weight
        assertThat(scores[data.itemIndex("A")]).isCloseTo(8 + 12e-6, within(1e-9));
        assertThat(scores[data.itemIndex("B")]).isCloseTo(12 + 12e-6, within(1e-9));
        assertThat(scores[data.itemIndex("E")]).isCloseTo(4 + 8e-6, within(1e-9));
        assertThat(scores[data.itemIndex("F")]).isCloseTo(4 + 8e-6, within(1e-9));   // anonymous counts
        assertThat(TopN.select(scores, null, 6)).containsExactly(1, 0, 2, 3, 4, 5);   // B A C D E F
    }

    @Test
    void interactionData_leavesAnonymousPurchasesOutOfUserRowsAndRefundsCancelPurchases() {
        // given u1 refunds C
        var events = new java.util.ArrayList<>(Fixtures.events());
        events.add(Fixtures.event("u1", "C", io.shopsense.model.EventType.REFUND, 1));

        // when
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // then
        assertThat(data.userCount()).isEqualTo(5);
        assertThat(data.confidence().get(data.userIndex("u1"), data.itemIndex("C"))).isZero();
        assertThat(data.purchases().get(data.userIndex("u1"), data.itemIndex("C"))).isZero();
        assertThat(data.confidence().get(data.userIndex("u1"), data.itemIndex("A"))).isEqualTo(4f);
    }
}
