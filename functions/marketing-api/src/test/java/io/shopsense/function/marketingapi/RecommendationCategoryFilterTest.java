package io.shopsense.function.marketingapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.Item;
import io.shopsense.model.ItemNames;
import io.shopsense.model.Recommendation;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.InMemoryAdPlanStore;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.InMemoryRecommendationStore;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /users/{id}/recommendations?category=}: filtered by the categories stored with the list, with no read per
 * candidate; an item whose category the list does not know (a list stored before categories were kept) is left out of
 * a filtered answer.
 */
class RecommendationCategoryFilterTest {
    private static final List<Item> CATALOGUE = List.of(
            new Item("M1", "WHITE MUG", "Mugs", 2.5, true, true),
            new Item("L1", "T-LIGHT HOLDER", "Lights", 2.95, true, true),
            new Item("M2", "BLUE MUG", "MUGS", 2.5, true, true),
            new Item("N1", "POSTAGE", null, 18, true, false));
    private static final List<Recommendation> BUILT = List.of(
            new Recommendation("M1", 0.9, "trending"),
            new Recommendation("L1", 0.8, "trending"),
            new Recommendation("N1", 0.7, "trending"),
            new Recommendation("X9", 0.6, "trending"),   // not in the catalogue
            new Recommendation("M2", 0.5, "trending"));

    @TempDir
    Path bucketDir;

    @Test
    void categoryFilter_onAListBuiltWithCategories_readsNoItem() {
        CountingStore store = storeWith(ItemNames.of(CATALOGUE).named(BUILT));

        Map<String, Object> body = api(store).recommendations("u1", true, 10, Optional.of("mugs"), Set.of());

        assertThat(itemIds(body)).containsExactly("M1", "M2");
        assertThat(store.itemReads).isZero();
    }

    @Test
    void categoryFilter_onAListFromBeforeCategories_leavesItsItemsOut_andReadsNoItem() {
        List<Recommendation> named = ItemNames.of(CATALOGUE).named(BUILT);
        CountingStore legacy = storeWith(named.stream()
                .map(r -> new Recommendation(r.itemId(), r.score(), r.reason(), r.name(), r.price())).toList());

        for (String category : List.of("mugs", "LIGHTS", "postage", "none-such")) {
            Map<String, Object> answered = api(legacy).recommendations("u1", true, 10, Optional.of(category),
                    Set.of());

            assertThat(itemIds(answered)).as(category).isEmpty();
        }
        // unfiltered, the same list is served whole
        assertThat(itemIds(api(legacy).recommendations("u1", true, 10, Optional.empty(), Set.of())))
                .containsExactly("M1", "L1", "N1", "X9", "M2");
        assertThat(legacy.itemReads).isZero();
    }

    @Test
    void named_storesTheCatalogueCategory_orNoneWhenItGivesOrListsNone() {
        List<Recommendation> named = ItemNames.of(CATALOGUE).named(BUILT);

        assertThat(named).extracting(Recommendation::category)
                .containsExactly("Mugs", "Lights", Recommendation.NO_CATEGORY, Recommendation.NO_CATEGORY, "MUGS");
    }

    private CountingStore storeWith(List<Recommendation> list) {
        CountingStore store = new CountingStore();
        store.putCatalog(CATALOGUE);
        store.putAll(List.of(new UserRecommendations("u1", "ease", list)),
                new RecommendationStore.BuildStamp("v1", Instant.parse("2026-12-03T03:00:00Z")));
        return store;
    }

    private MarketingApi api(RecommendationStore store) {
        return new MarketingApi(store, new InMemoryProfileStore(), new InMemoryAdPlanStore(),
                new DirectoryObjectStore(bucketDir), Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC),
                ZoneOffset.UTC, () -> ShopSecret.of("a test secret of at least 32 bytes!".getBytes()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> itemIds(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("items")).stream().map(i -> (String) i.get("itemId")).toList();
    }

    /** The in-memory tables, counting reads of the Items table (one GetItem each in DynamoDB). */
    private static final class CountingStore implements RecommendationStore {
        private final InMemoryRecommendationStore tables = new InMemoryRecommendationStore();
        int itemReads;

        @Override
        public void putAll(Collection<UserRecommendations> lists, BuildStamp stamp) {
            tables.putAll(lists, stamp);
        }

        @Override
        public void putAllSimilar(Collection<SimilarItems> similar, BuildStamp stamp) {
            tables.putAllSimilar(similar, stamp);
        }

        @Override
        public void putCatalog(Collection<Item> items) {
            tables.putCatalog(items);
        }

        @Override
        public Optional<UserRecommendations> get(String userId) {
            return tables.get(userId);
        }

        @Override
        public boolean delete(String userId) {
            return tables.delete(userId);
        }

        @Override
        public Optional<SimilarItems> similar(String itemId) {
            return tables.similar(itemId);
        }

        @Override
        public Optional<Item> getItem(String itemId) {
            itemReads++;
            return tables.getItem(itemId);
        }
    }
}
