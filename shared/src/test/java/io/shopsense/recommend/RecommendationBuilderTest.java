package io.shopsense.recommend;

import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import io.shopsense.model.Recommendation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendationBuilderTest {

    private static List<String> ids(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::itemId).toList();
    }

    @Test
    void topN_excludesBoughtItemsUnlessTheirCategoryIsRepeatable() {
        InteractionData data = Fixtures.data();

        var never = RecommendationBuilder.train(data, ItemKnnRecommender.defaults(), RepeatPolicy.neverRepeat());
        var candles = RecommendationBuilder.train(data, new RepeatPurchaseRecommender(30),
                new RepeatPolicy(false, Map.of("candles", true)));

        // u1 bought A, B (candles) and C (mug)
        assertThat(ids(never.forUser("u1", 6).items())).doesNotContain("A", "B", "C");
        List<Recommendation> again = candles.forUser("u1", 6).items();
        assertThat(ids(again)).contains("A", "B").doesNotContain("C");
        assertThat(again).filteredOn(r -> r.itemId().equals("A"))
                .extracting(Recommendation::reason).containsExactly(RecommendationBuilder.BOUGHT_BEFORE);
    }

    @Test
    void topN_neverOffersNonProductsOrItemsOutOfStock() {
        List<Item> catalogue = new ArrayList<>(Fixtures.catalogue());
        catalogue.set(3, new Item("D", "blue mug", "mugs", 7, false, true));        // out of stock
        catalogue.set(4, new Item("E", "postage", null, 3, true, false));           // not a product
        InteractionData data = InteractionData.from(Fixtures.events(), catalogue, InteractionWeights.defaults(),
                Fixtures.NOW);

        var builder = RecommendationBuilder.train(data, new PopularityRecommender(30), RepeatPolicy.alwaysRepeat());

        for (var user : builder.forAllUsers(6)) {
            assertThat(ids(user.items())).doesNotContain("D", "E");
        }
        assertThat(ids(builder.forUser("stranger", 6).items())).doesNotContain("D", "E");
        assertThat(ids(builder.similarItems("A", 5).similar())).doesNotContain("D", "E");
    }

    @Test
    void reasons_nameTheBoughtOrViewedItemThatLedThere() {
        // given u6 bought C and only viewed E
        var events = new ArrayList<>(Fixtures.events());
        events.add(Fixtures.event("u6", "C", EventType.PURCHASE, 1));
        events.add(Fixtures.event("u6", "E", EventType.VIEW, 1));
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // when
        var builder = RecommendationBuilder.train(data, new ItemKnnRecommender(10, 0), RepeatPolicy.neverRepeat());
        List<Recommendation> recs = builder.forUser("u6", 4).items();

        // then D (bought with mug C: users u3) and F (viewed vase E: user u5) carry their sources
        assertThat(recs).extracting(Recommendation::reason)
                .contains("bought with red mug", "because you viewed green vase");
        assertThat(recs).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    }

    @Test
    void coldStart_unknownUserGetsTrendingAndCategoryPopularItems_neverEmpty() {
        InteractionData data = Fixtures.data();
        var builder = RecommendationBuilder.train(data, ItemKnnRecommender.defaults(), RepeatPolicy.neverRepeat());

        var recs = builder.forUser("never-seen", 5);

        assertThat(recs.items()).hasSize(5);
        assertThat(recs.algorithm()).isEqualTo("cold-start");
        assertThat(recs.items()).extracting(Recommendation::reason)
                .contains(RecommendationBuilder.TRENDING)
                .anyMatch(reason -> reason.startsWith("popular in "));
    }

    @Test
    void coldStart_isNeverEmptyEvenWithoutEvents() {
        InteractionData data = InteractionData.from(List.of(), Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);
        var builder = RecommendationBuilder.train(data, new PopularityRecommender(30), RepeatPolicy.neverRepeat());
        assertThat(builder.forUser("anyone", 3).items()).hasSize(3);
    }

    @Test
    void similarItems_useNeighboursThenContentForColdItems() {
        // given a new candle nobody has bought yet
        List<Item> catalogue = new ArrayList<>(Fixtures.catalogue());
        catalogue.add(new Item("G", "red candle large", "candles", 9, true, true));
        InteractionData data = InteractionData.from(Fixtures.events(), catalogue, InteractionWeights.defaults(),
                Fixtures.NOW);
        var builder = RecommendationBuilder.train(data, ItemKnnRecommender.defaults(), RepeatPolicy.neverRepeat());

        var warm = builder.similarItems("A", 3).similar();
        var cold = builder.similarItems("G", 3).similar();
        var unseen = builder.similarTo(new Item("H", "blue mug tall", "mugs", 8, true, true), 2).similar();

        assertThat(warm.get(0).itemId()).isEqualTo("B");
        assertThat(warm.get(0).reason()).isEqualTo("bought with red candle");
        assertThat(cold).isNotEmpty();
        assertThat(cold.get(0).itemId()).isEqualTo("A");
        assertThat(cold.get(0).reason()).isEqualTo("similar to red candle large");
        assertThat(ids(unseen)).containsExactly("D", "C");
        assertThat(builder.similarItemsForAll(20)).hasSize(data.itemCount());   // every item is listed here
    }

    @Test
    void lists_neverNameAnItemTheCatalogueDoesNotList_oneLiveViewOfOneOnce() {
        // given one view sent through POST /events of an item no catalogue has (the reported poisoning)
        var events = new ArrayList<>(Fixtures.events());
        events.add(PopularityRecommenderTest.liveView("visitor", "NOT-SOLD-HERE", 0));
        InteractionData data = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);

        // when
        var builder = RecommendationBuilder.train(data, ItemKnnRecommender.defaults(), RepeatPolicy.neverRepeat());

        // then no list offers it, and it gets no similar-items list of its own
        assertThat(ids(builder.forUser("never-seen", 6).items())).hasSize(6).doesNotContain("NOT-SOLD-HERE");
        assertThat(ids(builder.forUser("visitor", 6).items())).doesNotContain("NOT-SOLD-HERE");
        for (var user : builder.forAllUsers(6)) {
            assertThat(ids(user.items())).doesNotContain("NOT-SOLD-HERE");
        }
        for (var similar : builder.similarItemsForAll(6)) {
            assertThat(similar.itemId()).isNotEqualTo("NOT-SOLD-HERE");
            assertThat(ids(similar.similar())).doesNotContain("NOT-SOLD-HERE");
        }
        assertThat(builder.similarItems("NOT-SOLD-HERE", 5).similar()).isEmpty();
    }

    @Test
    void coldStart_oneVisitorsManyEventsDoNotPromoteACataloguedItem() {
        // given a visitor viewing C (2 buyers, no trend of its own) a thousand times this week
        var events = new ArrayList<>(Fixtures.events());
        for (int k = 0; k < 1000; k++) {
            events.add(PopularityRecommenderTest.liveView("visitor", "C", k));
        }
        InteractionData poisoned = InteractionData.from(events, Fixtures.catalogue(), InteractionWeights.defaults(),
                Fixtures.NOW);
        InteractionData honest = Fixtures.data();

        // when
        var recs = RecommendationBuilder.train(poisoned, ItemKnnRecommender.defaults(), RepeatPolicy.neverRepeat(), 4)
                .forUser("never-seen", 6).items();
        var before = RecommendationBuilder.train(honest, ItemKnnRecommender.defaults(), RepeatPolicy.neverRepeat(), 4)
                .forUser("never-seen", 6).items();

        // then C is neither trending nor placed higher than it was without the visitor's events
        assertThat(recs).filteredOn(r -> r.itemId().equals("C")).extracting(Recommendation::reason)
                .doesNotContain(RecommendationBuilder.TRENDING);
        assertThat(ids(recs).indexOf("C")).isGreaterThanOrEqualTo(ids(before).indexOf("C"));
    }
}
