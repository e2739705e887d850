package io.shopsense.profile;

import static io.shopsense.profile.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.Affinity;
import io.shopsense.model.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AffinityTest {

    private static final double HALF_LIFE_DAYS = 30;
    private static final Instant AS_OF = Instant.parse("2024-05-01T00:00:00Z");

    private final ProfileConfig config = ProfileConfig.defaults()
            .withCategories(Map.of("mug", "kitchen", "plate", "kitchen", "lamp", "home"));
    private final ProfileFolder folder = new ProfileFolder(config);

    @Test
    void itemAffinity_halvesEveryHalfLife() {
        CustomerAggregate a = folder.fold(null, "u", List.of(
                event("1", "u", "mug", EventType.PURCHASE, "2024-03-02T00:00:00Z", null, "s"),   // 60 days: 5 / 4
                event("2", "u", "lamp", EventType.VIEW, "2024-05-01T00:00:00Z", null, "s"),      // 0 days: 1
                event("3", "u", "plate", EventType.CART, "2024-04-01T00:00:00Z", null, "s")));   // 30 days: 3 / 2

        List<Affinity> items = a.itemScores().top(AS_OF, HALF_LIFE_DAYS, 10);

        assertThat(items).extracting(Affinity::key).containsExactly("plate", "mug", "lamp");
        assertThat(items.get(0).score()).isCloseTo(1.5, within(1e-12));
        assertThat(items.get(1).score()).isCloseTo(1.25, within(1e-12));
        assertThat(items.get(2).score()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void categoryAffinity_sumsItemsOfTheCategory() {
        CustomerAggregate a = folder.fold(null, "u", List.of(
                event("1", "u", "mug", EventType.PURCHASE, "2024-03-02T00:00:00Z", null, "s"),
                event("2", "u", "lamp", EventType.VIEW, "2024-05-01T00:00:00Z", null, "s"),
                event("3", "u", "plate", EventType.CART, "2024-04-01T00:00:00Z", null, "s"),
                event("4", "u", "unknown", EventType.PURCHASE, "2024-05-01T00:00:00Z", null, "s")));

        List<Affinity> categories = a.categoryScores().top(AS_OF, HALF_LIFE_DAYS, 5);

        assertThat(categories).containsExactly(new Affinity("kitchen", 1.25 + 1.5), new Affinity("home", 1.0));
    }

    @Test
    void categoriesFromItems_matchWhatTheFoldWouldHaveSummed_whenTheCategoriesArriveLater() {
        List<io.shopsense.model.Event> events = List.of(
                event("1", "u", "mug", EventType.PURCHASE, "2024-03-02T00:00:00Z", null, "s"),
                event("2", "u", "lamp", EventType.VIEW, "2024-05-01T00:00:00Z", null, "s"),
                event("3", "u", "plate", EventType.CART, "2024-04-01T00:00:00Z", null, "s"));
        CustomerAggregate unknown = new ProfileFolder(ProfileConfig.defaults()).fold(null, "u", events);

        CustomerAggregate derived = folder.withCategoriesFromItems(unknown);

        assertThat(unknown.categoryScores().top(AS_OF, HALF_LIFE_DAYS, 5)).isEmpty();
        assertThat(derived.categoryScores().top(AS_OF, HALF_LIFE_DAYS, 5))
                .usingElementComparator((x, y) -> x.key().equals(y.key())
                        && Math.abs(x.score() - y.score()) < 1e-12 ? 0 : 1)
                .containsExactlyElementsOf(folder.fold(null, "u", events).categoryScores()
                        .top(AS_OF, HALF_LIFE_DAYS, 5));
        assertThat(new ProfileFolder(ProfileConfig.defaults()).withCategoriesFromItems(derived)).isSameAs(derived);
    }

    @Test
    void refund_cancelsThePurchaseAffinity() {
        CustomerAggregate a = folder.fold(null, "u", List.of(
                event("1", "u", "mug", EventType.PURCHASE, "2024-04-01T00:00:00Z", null, "s"),
                event("2", "u", "mug", EventType.REFUND, "2024-04-01T00:00:00Z", null, "s")));

        assertThat(a.itemScores().scores().get("mug")).isCloseTo(0, within(1e-12));
        assertThat(a.itemScores().top(AS_OF, HALF_LIFE_DAYS, 5)).isEmpty();
    }

    @Test
    void affinity_foldedLaterOutOfOrder_matchesOneBatch() {
        var older = event("1", "u", "mug", EventType.PURCHASE, "2024-03-02T00:00:00Z", null, "s1");
        var newer = event("2", "u", "mug", EventType.VIEW, "2024-04-20T00:00:00Z", null, "s2");

        CustomerAggregate newerFirst = folder.fold(folder.fold(null, "u", List.of(newer)), "u", List.of(older));
        CustomerAggregate together = folder.fold(null, "u", List.of(older, newer));

        assertThat(newerFirst.itemScores().top(AS_OF, HALF_LIFE_DAYS, 1).get(0).score())
                .isCloseTo(together.itemScores().top(AS_OF, HALF_LIFE_DAYS, 1).get(0).score(), within(1e-12));
    }

    @Test
    void halfLife_isConfigurable() {
        ProfileFolder weekly = new ProfileFolder(config.withAffinityHalfLife(Duration.ofDays(7)));
        CustomerAggregate a = weekly.fold(null, "u",
                List.of(event("1", "u", "lamp", EventType.VIEW, "2024-04-17T00:00:00Z", null, "s")));

        assertThat(a.itemScores().top(AS_OF, 7, 1).get(0).score()).isCloseTo(0.25, within(1e-12));
    }
}
