package io.shopsense.store;

import io.shopsense.model.Item;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link RecommendationStore} in maps, for the command line and tests; remembers each row's build stamp. */
public final class InMemoryRecommendationStore implements RecommendationStore {
    /** A stored row and the build that wrote it. */
    public record Row<T>(T value, BuildStamp stamp) {
    }

    private final Map<String, Row<UserRecommendations>> recommendations = new TreeMap<>();
    private final Map<String, Row<SimilarItems>> similar = new TreeMap<>();
    private final Map<String, Item> items = new TreeMap<>();
    private int bulkWrites;

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
    public synchronized boolean delete(String userId) {
        return recommendations.remove(userId) != null;
    }

    /** How many bulk writes (lists, similar items, catalogue) were made: a skipped build makes none. */
    public int bulkWrites() {
        return bulkWrites;
    }

    /** Every customer's row, for tests that compare whole tables. */
    public Map<String, Row<UserRecommendations>> recommendationRows() {
        return java.util.Collections.unmodifiableMap(recommendations);
    }

    public Map<String, Row<SimilarItems>> similarRows() {
        return java.util.Collections.unmodifiableMap(similar);
    }

    public Map<String, Item> itemRows() {
        return java.util.Collections.unmodifiableMap(items);
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
