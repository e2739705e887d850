package io.shopsense.store.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.shopsense.model.Item;
import io.shopsense.model.Recommendation;
import io.shopsense.model.RatingSummary;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import io.shopsense.store.Json;
import io.shopsense.store.RecommendationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link RecommendationStore} on the {@code Recommendations}, {@code SimilarItems} and {@code Items} tables. A list is
 * one JSON string attribute {@code items} (the API hands it out nearly as is), next to {@code algorithm},
 * {@code modelVersion} and {@code builtAt}. Bulk writes go 25 items per {@code BatchWriteItem}, retrying what the
 * service left unprocessed with a growing pause; every attribute is a function of the build's input, so a rerun
 * on identical data writes identical items.
 */
public final class DynamoRecommendationStore implements RecommendationStore {
    private static final int BATCH_LIMIT = 25;
    private static final int MAX_ATTEMPTS = 8;
    private static final ObjectReader LIST = Json.MAPPER.readerFor(new TypeReference<List<Recommendation>>() {
    });

    private final DynamoDbClient dynamoDb;
    private final String recommendationsTable;
    private final String similarItemsTable;
    private final String itemsTable;

    public DynamoRecommendationStore(DynamoDbClient dynamoDb, String recommendationsTable, String similarItemsTable,
                                     String itemsTable) {
        this.dynamoDb = dynamoDb;
        this.recommendationsTable = recommendationsTable;
        this.similarItemsTable = similarItemsTable;
        this.itemsTable = itemsTable;
    }

    @Override
    public void putAll(Collection<UserRecommendations> lists, BuildStamp stamp) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(lists.size());
        for (UserRecommendations list : lists) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("userId", AttributeValue.fromS(list.userId()));
            item.put("algorithm", AttributeValue.fromS(list.algorithm()));
            item.put("items", AttributeValue.fromS(Json.write(list.items())));
            stamp(item, stamp);
            items.add(item);
        }
        writeAll(recommendationsTable, items);
    }

    @Override
    public void putAllSimilar(Collection<SimilarItems> similar, BuildStamp stamp) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(similar.size());
        for (SimilarItems list : similar) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("itemId", AttributeValue.fromS(list.itemId()));
            item.put("items", AttributeValue.fromS(Json.write(list.similar())));
            if (list.rating() != null) {
                item.put("rating", AttributeValue.fromS(Json.write(list.rating())));
            }
            stamp(item, stamp);
            items.add(item);
        }
        writeAll(similarItemsTable, items);
    }

    @Override
    public void putCatalog(Collection<Item> catalogue) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(catalogue.size());
        for (Item row : catalogue) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("itemId", AttributeValue.fromS(row.itemId()));
            if (row.title() != null) {
                item.put("title", AttributeValue.fromS(row.title()));
            }
            if (row.category() != null) {
                item.put("category", AttributeValue.fromS(row.category()));
            }
            item.put("price", AttributeValue.fromN(Double.isFinite(row.price()) ? Double.toString(row.price()) : "0"));
            item.put("inStock", AttributeValue.fromBool(row.inStock()));
            item.put("isProduct", AttributeValue.fromBool(row.isProduct()));
            items.add(item);
        }
        writeAll(itemsTable, items);
    }

    @Override
    public Optional<UserRecommendations> get(String userId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(recommendationsTable)
                .key(Map.of("userId", AttributeValue.fromS(userId)))
                .projectionExpression("#algorithm, #items")
                .expressionAttributeNames(Map.of("#algorithm", "algorithm", "#items", "items"))).item();
        if (item == null || !item.containsKey("items")) {
            return Optional.empty();
        }
        return Optional.of(new UserRecommendations(userId, item.get("algorithm").s(), list(item)));
    }

    @Override
    public boolean delete(String userId) {
        return !dynamoDb.deleteItem(b -> b.tableName(recommendationsTable)
                .key(Map.of("userId", AttributeValue.fromS(userId)))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD))
                .attributes().isEmpty();
    }

    @Override
    public Optional<SimilarItems> similar(String itemId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(similarItemsTable)
                .key(Map.of("itemId", AttributeValue.fromS(itemId)))
                .projectionExpression("#items, #rating")
                .expressionAttributeNames(Map.of("#items", "items", "#rating", "rating"))).item();
        if (item == null || !item.containsKey("items")) {
            return Optional.empty();
        }
        RatingSummary rating = item.containsKey("rating")
                ? Json.read(item.get("rating").s(), RatingSummary.class) : null;
        return Optional.of(new SimilarItems(itemId, list(item), rating));
    }

    @Override
    public Optional<Item> getItem(String itemId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(itemsTable)
                .key(Map.of("itemId", AttributeValue.fromS(itemId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Item(itemId, text(item, "title"), text(item, "category"),
                Double.parseDouble(item.get("price").n()), item.get("inStock").bool(), item.get("isProduct").bool()));
    }

    // "items" is a DynamoDB reserved word, hence the #items placeholders in the projections above.
    private static List<Recommendation> list(Map<String, AttributeValue> item) {
        try {
            return LIST.readValue(item.get("items").s());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable items attribute", e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static void stamp(Map<String, AttributeValue> item, BuildStamp stamp) {
        item.put("modelVersion", AttributeValue.fromS(stamp.modelVersion()));
        item.put("builtAt", AttributeValue.fromS(stamp.builtAt().toString()));
    }

    /** BatchWriteItem in chunks of 25; unprocessed items are sent again after 50 ms, 100 ms, … (at most 8 tries). */
    private void writeAll(String table, List<Map<String, AttributeValue>> items) {
        for (int start = 0; start < items.size(); start += BATCH_LIMIT) {
            List<WriteRequest> chunk = items.subList(start, Math.min(items.size(), start + BATCH_LIMIT)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, chunk);
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException(table + ": items still unprocessed after " + MAX_ATTEMPTS
                            + " BatchWriteItem attempts");
                }
                if (attempt > 1) {
                    pause(50L << (attempt - 2));
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed items", e);
        }
    }
}
