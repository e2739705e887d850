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

/**
 * {@link IngestionLedger} in the {@code Ingestions} table; entries expire through DynamoDB TTL. The totals are one
 * more item of the table ({@value #TOTALS_KEY}, never expiring), rewritten by a conditional put on its version: it
 * carries the uploads counted within the ledger's time to live, so a redelivered or retried upload is recognised in
 * the same atomic write that would count it (the local emulator has no transactions), and older ids are dropped as
 * the ledger forgets their entries.
 */
public final class DynamoIngestionLedger implements IngestionLedger {
    static final String TOTALS_KEY = "totals/clean-events";
    private static final int COUNT_ATTEMPTS = 50;
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

    @Override
    public void count(String sourceId, long rows, java.time.Instant latestEvent) {
        for (int attempt = 0; attempt < COUNT_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item = totalsItem();
            Map<String, AttributeValue> counted = new HashMap<>(item.getOrDefault("counted",
                    AttributeValue.fromM(Map.of())).m());
            if (counted.containsKey(sourceId)) {
                return;   // this upload is in the totals already
            }
            long now = clock.instant().getEpochSecond();
            counted.values().removeIf(at -> Long.parseLong(at.n()) < now - timeToLive.toSeconds());
            counted.put(sourceId, AttributeValue.fromN(Long.toString(now)));
            Totals next = totals(item).plus(rows, latestEvent);
            long version = item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0;
            Map<String, AttributeValue> written = new HashMap<>(Map.of(
                    "sourceId", AttributeValue.fromS(TOTALS_KEY),
                    "uploads", AttributeValue.fromN(Long.toString(next.uploads())),
                    "rows", AttributeValue.fromN(Long.toString(next.rows())),
                    "counted", AttributeValue.fromM(counted),
                    "version", AttributeValue.fromN(Long.toString(version + 1))));
            if (next.latestEvent() != null) {
                written.put("latestEventMs", AttributeValue.fromN(Long.toString(next.latestEvent().toEpochMilli())));
            }
            try {
                dynamoDb.putItem(b -> b.tableName(table).item(written)
                        .conditionExpression(version == 0 ? "attribute_not_exists(sourceId)" : "#v = :v")
                        .expressionAttributeNames(version == 0 ? null : Map.of("#v", "version"))
                        .expressionAttributeValues(version == 0 ? null
                                : Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
                return;
            } catch (ConditionalCheckFailedException anotherUploadCounted) {
                // read again and retry on the newer totals
            }
        }
        throw new IllegalStateException("the clean totals changed " + COUNT_ATTEMPTS + " times while counting "
                + sourceId + "; the invocation will be retried");
    }

    @Override
    public Totals totals() {
        return totals(totalsItem());
    }

    private Map<String, AttributeValue> totalsItem() {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("sourceId", AttributeValue.fromS(TOTALS_KEY)))).item();
        return item == null ? Map.of() : item;
    }

    private static Totals totals(Map<String, AttributeValue> item) {
        if (!item.containsKey("rows")) {
            return Totals.NONE;
        }
        return new Totals(Long.parseLong(item.get("uploads").n()), Long.parseLong(item.get("rows").n()),
                item.containsKey("latestEventMs")
                        ? java.time.Instant.ofEpochMilli(Long.parseLong(item.get("latestEventMs").n())) : null);
    }
}
