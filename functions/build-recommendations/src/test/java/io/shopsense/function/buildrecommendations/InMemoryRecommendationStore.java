package io.shopsense.function.buildrecommendations;

import io.shopsense.model.Item;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import io.shopsense.store.RecommendationStore;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link RecommendationStore} in maps, for handler tests; remembers each row's build stamp. */
final class InMemoryRecommendationStore implements RecommendationStore {
    record Row<T>(T value, BuildStamp stamp) {
    }

    final Map<String, Row<UserRecommendations>> recommendations = new TreeMap<>();
    final Map<String, Row<SimilarItems>> similar = new TreeMap<>();
    final Map<String, Item> items = new TreeMap<>();
    int bulkWrites;

    @Override
    public void putAll(Collection<UserRecommendations> lists, BuildStamp stamp) {
        bulkWrites++;
        lists.forEach(list -> recommendations.put(list.userId(), new Row<>(list, stamp)));
    }

    @Override
    public void putAllSimilar(Collection<SimilarItems> lists, BuildStamp stamp) {
        bulkWrites++;
        lists.forEach(list -> similar.put(list.itemId(), new Row<>(list, stamp)));
    }

    @Override
    public void putCatalog(Collection<Item> catalogue) {
        bulkWrites++;
        catalogue.forEach(item -> items.put(item.itemId(), item));
    }

    @Override
    public Optional<UserRecommendations> get(String userId) {
        return Optional.ofNullable(recommendations.get(userId)).map(Row::value);
    }

    @Override
    public Optional<SimilarItems> similar(String itemId) {
        return Optional.ofNullable(similar.get(itemId)).map(Row::value);
    }

    @Override
    public Optional<Item> getItem(String itemId) {
        return Optional.ofNullable(items.get(itemId));
    }
}
