package io.shopsense.store.dynamodb;

import io.shopsense.store.IngestionLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link IngestionLedger} in the {@code Ingestions} table; entries expire through DynamoDB TTL. */
public final class DynamoIngestionLedger implements IngestionLedger {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration timeToLive;
    private final Clock clock;

    public DynamoIngestionLedger(DynamoDbClient dynamoDb, String table, Duration timeToLive, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Optional<Entry> find(String sourceId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("sourceId", AttributeValue.fromS(sourceId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> details = new TreeMap<>();
        item.getOrDefault("details", AttributeValue.fromM(Map.of())).m()
                .forEach((name, value) -> details.put(name, value.s()));
        return Optional.of(new Entry(sourceId, item.get("function").s(), Status.valueOf(item.get("status").s()),
                details));
    }

    @Override
    public boolean finish(Entry entry) {
        Map<String, AttributeValue> details = new HashMap<>();
        entry.details().forEach((name, value) -> details.put(name, AttributeValue.fromS(value)));
        long now = clock.instant().getEpochSecond();
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(Map.of(
                            "sourceId", AttributeValue.fromS(entry.sourceId()),
                            "function", AttributeValue.fromS(entry.function()),
                            "status", AttributeValue.fromS(entry.status().name()),
                            "details", AttributeValue.fromM(details),
                            "finishedAt", AttributeValue.fromN(Long.toString(now)),
                            "expiresAt", AttributeValue.fromN(Long.toString(now + timeToLive.toSeconds()))))
                    .conditionExpression("attribute_not_exists(sourceId)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyFinished) {
            return false;
        }
    }
}
