package io.shopsense.store.dynamodb;

import io.shopsense.model.Profile;
import io.shopsense.profile.CustomerAggregate;
import io.shopsense.store.Json;
import io.shopsense.store.ProfileStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link ProfileStore} on the {@code Profiles} table. The aggregate is stored gzipped (it is only read by the
 * functions), the profile as JSON (the API returns it as is), and {@code segment} and {@code clv} as top-level
 * attributes for the {@code bySegment} index, which lists a segment's customers by lifetime value.
 */
public final class DynamoProfileStore implements ProfileStore {
    public static final String SEGMENT_INDEX = "bySegment";
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoProfileStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<StoredProfile> get(String userId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(userId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(decode(item));
    }

    @Override
    public Map<String, StoredProfile> getAll(Collection<String> userIds) {
        Map<String, StoredProfile> found = new HashMap<>();
        List<String> ids = new ArrayList<>(userIds);
        for (int start = 0; start < ids.size(); start += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = ids.subList(start, Math.min(ids.size(), start + BATCH_GET_LIMIT))
                    .stream().map(DynamoProfileStore::key).toList();
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get("userId").s(), decode(item)));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        return found;
    }

    @Override
    public boolean put(StoredProfile stored, long expectedVersion) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("userId", AttributeValue.fromS(stored.userId()));
        item.put("version", AttributeValue.fromN(Long.toString(stored.version())));
        item.put("aggregate", AttributeValue.fromB(SdkBytes.fromByteArray(Json.writeGzip(stored.aggregate()))));
        Profile profile = stored.profile();
        if (profile != null) {
            item.put("profile", AttributeValue.fromS(Json.write(profile)));
            item.put("asOf", AttributeValue.fromS(profile.asOf().toString()));
            item.put("churn", AttributeValue.fromN(number(profile.churnProbability())));
            if (profile.segment() != null) {
                item.put("segment", AttributeValue.fromS(profile.segment().label()));
                item.put("clv", AttributeValue.fromN(number(profile.clv12Months())));
            }
        }
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(userId)" : "version = :expected")
                    .expressionAttributeValues(expectedVersion == 0 ? null
                            : Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion)))));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    @Override
    public void scan(Consumer<StoredProfile> each) {
        dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> each.accept(decode(item)));
    }

    @Override
    public SegmentPage segment(String segment, int limit, String cursor) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(table).indexName(SEGMENT_INDEX)
                .keyConditionExpression("#segment = :segment")
                .expressionAttributeValues(Map.of(":segment", AttributeValue.fromS(segment)))
                .projectionExpression("#profile")
                .expressionAttributeNames(Map.of("#segment", "segment", "#profile", "profile"))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(cursor == null ? null : decodeCursor(cursor, segment)));
        List<Profile> profiles = response.items().stream()
                .filter(item -> item.containsKey("profile"))
                .map(item -> Json.read(item.get("profile").s(), Profile.class))
                .toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? encodeCursor(response.lastEvaluatedKey()) : null;
        return new SegmentPage(profiles, next);
    }

    @Override
    public boolean delete(String userId) {
        return !dynamoDb.deleteItem(b -> b.tableName(table).key(key(userId))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD))
                .attributes().isEmpty();
    }

    @Override
    public Optional<String> profileJson(String userId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(userId))
                .projectionExpression("#profile").expressionAttributeNames(Map.of("#profile", "profile"))).item();
        return item == null || !item.containsKey("profile") ? Optional.empty() : Optional.of(item.get("profile").s());
    }

    private static StoredProfile decode(Map<String, AttributeValue> item) {
        CustomerAggregate aggregate = item.containsKey("aggregate")
                ? Json.readGzip(item.get("aggregate").b().asByteArray(), CustomerAggregate.class) : null;
        Profile profile = item.containsKey("profile") ? Json.read(item.get("profile").s(), Profile.class) : null;
        return new StoredProfile(item.get("userId").s(), Long.parseLong(item.get("version").n()), aggregate, profile);
    }

    private static Map<String, AttributeValue> key(String userId) {
        return Map.of("userId", AttributeValue.fromS(userId));
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "0";
    }

    /** The last evaluated key (userId, segment, clv) as an opaque URL-safe cursor. */
    private static String encodeCursor(Map<String, AttributeValue> key) {
        String plain = key.get("userId").s() + "\n" + key.get("segment").s() + "\n" + key.get("clv").n();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a cursor names, checked as DynamoDB would check it (so a bad one is the caller's 400, never a 500): three
     * parts, a non-empty customer id, the segment asked for, and a plain decimal within DynamoDB's number range.
     */
    private static Map<String, AttributeValue> decodeCursor(String cursor, String segment) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3 || parts[0].isEmpty() || !parts[1].equals(segment)) {
                throw new IllegalArgumentException("cursor is not one this API gave out");
            }
            java.math.BigDecimal clv = new java.math.BigDecimal(parts[2]); // refuses NaN, Infinity, 1d, 0x10
            if (clv.abs().compareTo(java.math.BigDecimal.TEN.pow(125)) >= 0) {
                throw new IllegalArgumentException("cursor is not one this API gave out");
            }
        } catch (IllegalArgumentException malformed) { // NumberFormatException is one
            throw new IllegalArgumentException("cursor is not one this API gave out");
        }
        return Map.of("userId", AttributeValue.fromS(parts[0]), "segment", AttributeValue.fromS(parts[1]),
                "clv", AttributeValue.fromN(parts[2]));
    }
}
