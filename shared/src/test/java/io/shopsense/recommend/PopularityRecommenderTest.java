package io.shopsense.recommend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PopularityRecommenderTest {

    @Test
    void popularity_countsRecentWindowWithAnonymousPurchasesAndAllTimeTieBreak() {
        // given the 5×6 fixture: u5's purchases are 20 days old, outside a 10-day window
        InteractionData data = Fixtures.data();

        // when (one customer is enough here: the minimum has its own test)
        double[] scores = new double[data.itemCount()];
        new PopularityRecommender(10, 1).fit(data).score(0, scores);

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

    @Test
    void popularity_countsEachCustomerOnceWithTheirStrongestInteraction() {
        // given u1 views C forty times and buys it once more: still one customer, weighing one purchase (4)
        var events = new java.util.ArrayList<>(Fixtures.events());
        for (int k = 0; k < 40; k++) {
            events.add(liveView("u1", "C", k));
        }
        events.add(Fixtures.event("u1", "C", io.shopsense.model.EventType.PURCHASE, 3));
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // when
        double[] scores = new double[data.itemCount()];
        new PopularityRecommender(10, 1).fit(data).score(0, scores);

        // then: C has u1 and u3, one purchase's weight each, as before the views
        assertThat(scores[data.itemIndex("C")]).isCloseTo(8 + 8e-6, within(1e-9));
    }

    @Test
    void popularity_scoresNothingForItemsWithFewerCustomersThanTheMinimum() {
        // given one visitor viewing D (2 buyers) a hundred times in the window
        var events = new java.util.ArrayList<>(Fixtures.events());
        for (int k = 0; k < 100; k++) {
            events.add(liveView("visitor", "D", k));
        }
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // when the minimum is 4 distinct customers
        double[] scores = new double[data.itemCount()];
        new PopularityRecommender(10, 4).fit(data).score(0, scores);

        // then D (u3, u4, the visitor) stays at 0 and below A and B (3 buyers each, so also 0 at this minimum)
        assertThat(scores).containsOnly(0.0);
        // and at 3, D counts its three customers once each: u3 and u4 bought (4 each), the visitor viewed (1)
        new PopularityRecommender(10, 3).fit(data).score(0, scores);
        assertThat(scores[data.itemIndex("D")]).isCloseTo(9 + 9e-6, within(1e-9));
        assertThat(scores[data.itemIndex("C")]).isZero();
    }

    @Test
    void trending_oneCustomerSendingManyEventsCannotMakeAnItemTrend() {
        // given a visitor viewing F (one buyer 20 days ago, one anonymous order) 500 times this week
        var events = new java.util.ArrayList<>(Fixtures.events());
        for (int k = 0; k < 500; k++) {
            events.add(liveView("visitor", "F", k));
        }
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // when
        double[] trend = TrendingRecommender.weekly(3).scores(data);

        // then F gains one customer's view (weight 1), not 500: it has 3 customers, and trends less than B
        assertThat(trend[data.itemIndex("F")]).isLessThan(trend[data.itemIndex("B")]);
        assertThat(TrendingRecommender.weekly(4).scores(data)[data.itemIndex("F")]).isZero();
    }

    @Test
    void interactionData_countsAnonymousLiveEventsForNoCustomerAndAnExportsAnonymousOrdersOnce() {
        // given two anonymous lines of one uploaded order and one anonymous live event
        var events = new java.util.ArrayList<>(Fixtures.events());
        events.add(new io.shopsense.model.Event("x1", null, "C", io.shopsense.model.EventType.PURCHASE, 1, 5, "EUR",
                Fixtures.NOW.minusSeconds(60), "o-9", null, null, "export", 1));
        events.add(new io.shopsense.model.Event("x2", null, "D", io.shopsense.model.EventType.PURCHASE, 1, 5, "EUR",
                Fixtures.NOW.minusSeconds(60), "o-9", null, null, "export", 2));
        events.add(liveView(null, "C", 0));

        // when
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // then
        int n = events.size();
        assertThat(data.eventCustomer(n - 3)).isEqualTo(data.eventCustomer(n - 2)).isGreaterThanOrEqualTo(5);
        assertThat(data.eventCustomer(n - 1)).isEqualTo(-1);
    }

    /** A view sent through {@code POST /events}: no source, its own event id. */
    static io.shopsense.model.Event liveView(String user, String item, int k) {
        return new io.shopsense.model.Event("live-" + user + item + k, user, item, io.shopsense.model.EventType.VIEW,
                1, 0, "EUR", Fixtures.NOW.minusSeconds(3600 + k), null, null, null, null, 0);
    }
}
