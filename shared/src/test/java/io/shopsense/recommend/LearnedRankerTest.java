package io.shopsense.recommend;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearnedRankerTest {

    @Test
    void purchaseHistory_countsDistinctDaysRecencyDecayAndShrunkRepurchaseRates() {
        // given u1 buys A 1 day ago (two order lines that day) and 10 days ago, and B 40 days ago; u2 buys A once
        List<Event> events = new ArrayList<>();
        events.add(Fixtures.event("u1", "A", EventType.PURCHASE, 1));
        events.add(new Event("second-line", "u1", "A", EventType.PURCHASE, 1, 5, "EUR",
                Fixtures.NOW.minus(Duration.ofHours(26)), null, null, null, "fixture", 2));
        events.add(Fixtures.event("u1", "A", EventType.PURCHASE, 10));
        events.add(Fixtures.event("u1", "B", EventType.PURCHASE, 40));
        events.add(Fixtures.event("u2", "A", EventType.PURCHASE, 5));
        events.add(Fixtures.event("u2", "C", EventType.VIEW, 1));
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // when
        PurchaseHistory history = PurchaseHistory.of(data);

        // then u1 has two cells (A on 2 days, B on 1), u2 one (the view is no purchase)
        int u1 = data.userIndex("u1");
        int u2 = data.userIndex("u2");
        assertThat(history.cellEnd(u1) - history.cellStart(u1)).isEqualTo(2);
        assertThat(history.cellEnd(u2) - history.cellStart(u2)).isEqualTo(1);
        int a = history.cellStart(u1);
        assertThat(history.cellItem(a)).isEqualTo(data.itemIndex("A"));
        double[] f = new double[PurchaseHistory.FEATURES.length];
        history.features(u1, a, f, 0);
        assertThat(f[0]).isEqualTo(1);
        assertThat(f[1]).isCloseTo(Math.log(3), within(1e-9));                                   // 2 distinct days
        assertThat(f[2]).isCloseTo(Math.log1p(Math.pow(2, -1 / 30.0) + Math.pow(2, -10 / 30.0)), within(1e-6));
        assertThat(f[3]).isCloseTo(Math.log1p(Math.pow(2, -1 / 180.0) + Math.pow(2, -10 / 180.0)), within(1e-6));
        assertThat(f[4]).isCloseTo(Math.log(2), within(1e-9));                                   // last: 1 day ago
        // shop share: 1 of 3 cells rebought; A: 1 of 2 buyers, B: 0 of 1; shrunk with 5 pseudo-buyers
        double share = 1.0 / 3;
        assertThat(f[5]).isCloseTo((1 + 5 * share) / (2 + 5), within(1e-9));
        assertThat(history.itemRepurchaseRate(data.itemIndex("B"))).isCloseTo((5 * share) / (1 + 5), within(1e-9));
        assertThat(f[6]).isCloseTo((1 + 5 * share) / (2 + 5), within(1e-9));                   // u1: 1 of 2 items
    }

    @Test
    void listwiseSoftmax_findsTheMaximumLikelihoodWeightWithoutPenalty() {
        // given three customers choosing between a (x = 1) and b (x = 0): two chose a, one chose b; the likelihood
        // 2·log σ(β) + log(1 − σ(β)) peaks at σ(β) = 2/3, β = ln 2
        double[] x = {1, 0, 1, 0, 1, 0};
        boolean[] chosen = {true, false, false, true, true, false};
        int[] lists = {0, 2, 4, 6};

        // when
        double[] beta = ListwiseSoftmax.fit(x, 1, lists, chosen, u -> true, 0);

        // then; a customer left out changes the answer (one for, one against: β = 0)
        assertThat(beta[0]).isCloseTo(Math.log(2), within(1e-6));
        assertThat(ListwiseSoftmax.fit(x, 1, lists, chosen, u -> u != 2, 0)[0]).isCloseTo(0, within(1e-6));
    }

    @Test
    void model_addsOwnHistoryOnlyToBoughtItemsOnTopOfScaledComponents() {
        // given the 5×6 fixture, popularity (14-day window) weighted 1 and "bought" weighted 10
        InteractionData data = Fixtures.data();
        double[] own = new double[PurchaseHistory.FEATURES.length];
        own[0] = 10;
        LearnedRanker ranker = new LearnedRanker(List.of(new PopularityRecommender(14, 1)), new double[]{1}, own,
                Map.of());

        // when u4 (bought D and E) is scored
        double[] scores = new double[data.itemCount()];
        ranker.fit(data).score(data.userIndex("u4"), scores);

        // then popularity in the last 14 days is B 12, A 8, C 8, D 8, E 4, F 4 (+ a tie-break): min-max to [0, 1]
        // with B at 1, E and F near 0; D and E get 10 more for being bought
        assertThat(scores[data.itemIndex("B")]).isCloseTo(1, within(1e-5));
        assertThat(scores[data.itemIndex("F")]).isCloseTo(0, within(1e-5));
        assertThat(scores[data.itemIndex("D")]).isCloseTo(10.5, within(1e-5));
        assertThat(scores[data.itemIndex("E")]).isCloseTo(10, within(1e-5));
        assertThat(ranker.parameters()).containsKeys("components", "ownHistoryWeights");
    }

    @Test
    void learn_ranksStaplesFirst_whenTheWindowRebuysItemsBoughtOnManyDays() {
        // given 60 customers who each bought one staple on several days and three one-off items once, and who
        // rebuy their staple (never a one-off) in the window; popularity alone prefers the one-offs
        List<Item> catalogue = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            catalogue.add(new Item("I" + i, "item " + i, "c", 1, true, true));
        }
        Instant windowStart = Fixtures.NOW;
        List<Event> history = new ArrayList<>();
        List<Event> window = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            String user = "c" + u;
            String staple = "I" + (u % 10);
            for (int day : new int[]{50, 30, 12}) {
                history.add(purchase(user, staple, windowStart.minus(Duration.ofDays(day))));
            }
            for (int k = 0; k < 3; k++) {
                history.add(purchase(user, "I" + (10 + (u + k) % 3), windowStart.minus(Duration.ofDays(3 + k))));
            }
            window.add(purchase(user, staple, windowStart.plus(Duration.ofDays(2))));
        }
        InteractionData train = InteractionData.from(history, catalogue, InteractionWeights.defaults(),
                windowStart);
        ModelSelection.HeldOut heldOut = ModelSelection.HeldOut.of(train, window, EvaluationMode.REPEATS_ALLOWED);
        PopularityRecommender popularity = new PopularityRecommender(7, 1);

        // when
        LearnedRanker.Learned learned = LearnedRanker.learn(List.of(popularity), List.of(popularity.fit(train)),
                PurchaseHistory.of(train), train, heldOut, EvaluationMode.REPEATS_ALLOWED, 10, 10);

        // then every customer's staple comes first, and the cross-fitted figure says so too
        double[] scores = new double[train.itemCount()];
        for (int u = 0; u < 60; u++) {
            learned.model().score(train.userIndex("c" + u), scores);
            assertThat(TopN.select(scores, null, 1)).containsExactly(train.itemIndex("I" + (u % 10)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> learning = (Map<String, Object>) learned.ranker().parameters().get("learning");
        assertThat((double) learning.get("crossFittedPooledNdcgAt10")).isCloseTo(1.0, within(1e-9));
    }

    private static Event purchase(String user, String item, Instant at) {
        return new Event(user + item + at, user, item, EventType.PURCHASE, 1, 1, "EUR", at, null, null, null,
                "fixture", 1);
    }
}
