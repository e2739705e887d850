package io.shopsense.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.Recommendation;
import io.shopsense.model.Review;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ratings as signal (issue #17): hand-computed Bayesian averages, confidences, demotion and reasons. */
class RatingSignalTest {
    private static final Instant NOW = Fixtures.NOW;

    private static Review review(String user, String item, int stars, int daysAgo) {
        return new Review("r" + user + item + daysAgo, user, item, stars, null, null,
                NOW.minus(Duration.ofDays(daysAgo)), "reviews", 1);
    }

    @Test
    void bayesianAverage_shrinksTowardsTheShopsMean_byThePriorStrength() {
        // given A: 5, 5 (two); B: 1 (one); C: 3, 4, 2 (three). Shop mean = (5+5+1+3+4+2)/6 = 20/6 = 3.3333…
        List<Review> reviews = List.of(review("u1", "A", 5, 3), review("u2", "A", 5, 3), review("u3", "B", 1, 3),
                review("u1", "C", 3, 3), review("u2", "C", 4, 3), review("u3", "C", 2, 3));

        ItemRatings ratings = ItemRatings.of(reviews, NOW, new RatingSettings(2, 1, 3.0));

        // then with C = 2: A = (2·3.3333 + 10) / 4 = 4.1667; B = (6.6667 + 1) / 3 = 2.5556; C = (6.6667 + 9) / 5 = 3.1333
        assertThat(ratings.shopMean()).isCloseTo(20.0 / 6, within(1e-9));
        assertThat(ratings.summary("A").orElseThrow().bayesian()).isCloseTo(4.166666666666667, within(1e-9));
        assertThat(ratings.summary("B").orElseThrow().bayesian()).isCloseTo(2.5555555555555554, within(1e-9));
        assertThat(ratings.summary("C").orElseThrow().bayesian()).isCloseTo(3.1333333333333333, within(1e-9));
        assertThat(ratings.summary("C").orElseThrow().average()).isCloseTo(3.0, within(1e-9));
        assertThat(ratings.isPoor("B")).isTrue();
        assertThat(ratings.isPoor("C")).isFalse();
        assertThat(ratings.worstFirst()).extracting(e -> e.getKey()).containsExactly("B", "C", "A");
    }

    @Test
    void bayesianAverage_withoutPrior_isThePlainMean_andFewReviewsNeverDemote() {
        List<Review> reviews = List.of(review("u1", "A", 1, 3), review("u2", "A", 2, 3), review("u3", "B", 5, 3));

        ItemRatings noPrior = ItemRatings.of(reviews, NOW, new RatingSettings(0, 3, 3.0));

        assertThat(noPrior.summary("A").orElseThrow().bayesian()).isCloseTo(1.5, within(1e-9));
        assertThat(noPrior.isPoor("A")).isFalse();            // two reviews, three needed
        assertThat(noPrior.reason("A")).isEmpty();
    }

    @Test
    void ratings_countEachCustomersLatestReview_andNothingFromOnOrAfterTheCutoff() {
        List<Review> reviews = List.of(review("u1", "A", 5, 10), review("u1", "A", 1, 4), review("u2", "A", 4, 0));

        ItemRatings asOfTwoDaysAgo = ItemRatings.of(reviews, NOW.minus(Duration.ofDays(2)), RatingSettings.defaults());

        assertThat(asOfTwoDaysAgo.summary("A").orElseThrow().count()).isEqualTo(1);     // u1's later 1★ only
        assertThat(asOfTwoDaysAgo.confidence("u1", "A")).isZero();
        assertThat(asOfTwoDaysAgo.confidence("u2", "A")).isEqualTo(1.0);                 // rated at NOW: not yet
    }

    @Test
    void confidence_isNoneForOneAndTwoStars_halfForThree_fullForFourAndFive() {
        assertThat(new double[] {ItemRatings.confidenceOf(1), ItemRatings.confidenceOf(2),
                ItemRatings.confidenceOf(3), ItemRatings.confidenceOf(4), ItemRatings.confidenceOf(5)})
                .containsExactly(0, 0, 0.5, 1, 1);
    }

    @Test
    void interactionMatrix_weightsARatedPurchaseByItsConfidence_aOneStarPurchaseIsNoLike() {
        // u1 bought A, B, C (weight 4 each); rates A 1★, B 3★
        ItemRatings ratings = ItemRatings.of(List.of(review("u1", "A", 1, 1), review("u1", "B", 3, 1)), NOW,
                RatingSettings.defaults());

        InteractionData data = InteractionData.from(Fixtures.events(), Fixtures.catalogue(),
                InteractionWeights.defaults(), NOW, ratings);

        int u1 = data.userIndex("u1");
        assertThat(data.confidence().get(u1, data.itemIndex("A"))).isZero();
        assertThat(data.confidence().get(u1, data.itemIndex("B"))).isEqualTo(2.0f);
        assertThat(data.confidence().get(u1, data.itemIndex("C"))).isEqualTo(4.0f);
        assertThat(data.purchases().get(u1, data.itemIndex("A"))).isPositive();   // still owned: not offered again
        // popularity counts A's other buyers only: u2 and u5
        assertThat(DistinctCustomers.in(data, 0, 365).customers[data.itemIndex("A")]).isEqualTo(2);
    }

    @Test
    void lists_demoteAPoorlyRatedItemBelowEveryOther_andNameRatingsInReasons() {
        // given five customers rate D 1★ and E 5★ (minReviews 5, prior 10, shop mean 3: D = 2.33, E = 3.67)
        List<Review> reviews = new ArrayList<>();
        for (String u : List.of("r1", "r2", "r3", "r4", "r5")) {
            reviews.add(review(u, "D", 1, 1));
            reviews.add(review(u, "E", 5, 1));
        }
        ItemRatings ratings = ItemRatings.of(reviews, NOW, RatingSettings.defaults());
        InteractionData plain = Fixtures.data();
        InteractionData rated = InteractionData.from(Fixtures.events(), Fixtures.catalogue(),
                InteractionWeights.defaults(), NOW, ratings);

        // when u1 (bought A B C) gets popularity-ranked lists of all six items
        List<Recommendation> before = RecommendationBuilder.train(plain, new PopularityRecommender(30),
                RepeatPolicy.alwaysRepeat()).forUser("u1", 6).items();
        List<Recommendation> after = RecommendationBuilder.train(rated, new PopularityRecommender(30),
                RepeatPolicy.alwaysRepeat()).forUser("u1", 6).items();

        // then D moved to the end and is still listed; E names its rating
        assertThat(before.get(before.size() - 1).itemId()).isNotEqualTo("D");
        assertThat(after.get(after.size() - 1).itemId()).isEqualTo("D");
        assertThat(after).extracting(Recommendation::itemId).containsExactlyInAnyOrderElementsOf(
                before.stream().map(Recommendation::itemId).toList());
        assertThat(after).filteredOn(r -> r.itemId().equals("E")).singleElement()
                .extracting(Recommendation::reason).asString().endsWith(" · rated 5.0 by 5 customers");
        var similar = RecommendationBuilder.train(rated, new PopularityRecommender(30), RepeatPolicy.alwaysRepeat())
                .similarItems("E", 5);
        assertThat(similar.rating().count()).isEqualTo(5);
        assertThat(similar.rating().bayesian()).isCloseTo((10 * 3.0 + 25) / 15, within(1e-9));
    }

    @Test
    void lists_neverOfferAgainAnItemTheCustomerRatedOneOrTwoStars() {
        ItemRatings ratings = ItemRatings.of(List.of(review("u1", "A", 2, 1)), NOW, RatingSettings.defaults());
        InteractionData rated = InteractionData.from(Fixtures.events(), Fixtures.catalogue(),
                InteractionWeights.defaults(), NOW, ratings);

        var items = RecommendationBuilder.train(rated, new RepeatPurchaseRecommender(30), RepeatPolicy.alwaysRepeat())
                .forUser("u1", 6).items();

        assertThat(items).extracting(Recommendation::itemId).doesNotContain("A").contains("B", "C");
    }
}
