package io.shopsense.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemNamesTest {
    private final ItemNames names = ItemNames.of(List.of(
            new Item("85123A", "OLD NAME", "Home", 2.55, true, true),
            new Item("TEA-LJ-250", "西湖龙井 明前特级 250g 罐装", null, 168.0, true, true),
            new Item("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "Home", 2.95, true, true),
            new Item("POST", "POSTAGE", null, 0, true, false),
            new Item("BLANK", " ", null, 3, true, true)));

    @Test
    void named_addsTheLatestCatalogueNamePriceAndCategory_andLeavesScoreAndReason() {
        Recommendation r = names.named(new Recommendation("85123A", 0.5, "trending"));

        assertThat(r).isEqualTo(new Recommendation("85123A", 0.5, "trending", "WHITE HANGING HEART T-LIGHT HOLDER",
                2.95, "Home"));
        assertThat(names.named(new Recommendation("TEA-LJ-250", 1, "x")).category())
                .isEqualTo(Recommendation.NO_CATEGORY);
        assertThat(names.named(new Recommendation("NOPE", 1, "x")).category()).isEqualTo(Recommendation.NO_CATEGORY);
        assertThat(names.named(new UserRecommendations("u1", "ease", List.of(new Recommendation("TEA-LJ-250", 1,
                "popular with customers")))).items().get(0).name()).isEqualTo("西湖龙井 明前特级 250g 罐装");
    }

    @Test
    void unknownItems_blankTitles_andPricesNotAbove0_areNull() {
        assertThat(names.name("NOPE")).isNull();
        assertThat(names.price("NOPE")).isNull();
        assertThat(names.name("BLANK")).isNull();
        assertThat(names.price("POST")).isNull();
        assertThat(names.label("NOPE")).isEqualTo("NOPE");
        assertThat(names.label("TEA-LJ-250")).isEqualTo("西湖龙井 明前特级 250g 罐装 (TEA-LJ-250)");
    }

    // --- reviews (issue #17) ---
    @org.junit.jupiter.api.Test
    void named_similarItems_keepTheItemsRatingSummary() {
        ItemNames names = ItemNames.of(java.util.List.of(new Item("A", "red candle", "candles", 5, true, true)));
        RatingSummary rating = new RatingSummary(5, 4.8, 4.1);

        SimilarItems named = names.named(new SimilarItems("B", java.util.List.of(
                new Recommendation("A", 1.0, "bought with B")), rating));

        org.assertj.core.api.Assertions.assertThat(named.rating()).isEqualTo(rating);
    }
}
