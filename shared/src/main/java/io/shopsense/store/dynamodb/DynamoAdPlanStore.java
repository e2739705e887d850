package io.shopsense.store.dynamodb;

import io.shopsense.model.AdPlan;
import io.shopsense.store.AdPlanJson;
import io.shopsense.store.AdPlanStore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link AdPlanStore} in the {@code AdPlans} table (pk {@code campaignId}, sk {@code date} as ISO text, so keys sort
 * by day). Figures are number attributes and the allocations one JSON document; nothing time-dependent is written,
 * so a replayed run puts an identical item.
 */
public final class DynamoAdPlanStore implements AdPlanStore {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoAdPlanStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void put(AdPlan plan) {
        dynamoDb.putItem(b -> b.tableName(table).item(item(plan)));
    }

    @Override
    public Optional<AdPlan> get(String campaignId, LocalDate date) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("campaignId", AttributeValue.fromS(campaignId),
                        "date", AttributeValue.fromS(date.toString())))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(plan(item));
    }

    @Override
    public Optional<AdPlan> latestBefore(String campaignId, LocalDate date) {
        List<Map<String, AttributeValue>> items = dynamoDb.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("campaignId = :c AND #d < :d")
                .expressionAttributeNames(Map.of("#d", "date"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(campaignId),
                        ":d", AttributeValue.fromS(date.toString())))
                .scanIndexForward(false)
                .limit(1)).items();
        return items.isEmpty() ? Optional.empty() : Optional.of(plan(items.get(0)));
    }

    /** The item for a plan; public so tests and the API can compare what is stored. */
    public static Map<String, AttributeValue> item(AdPlan plan) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("campaignId", AttributeValue.fromS(plan.campaignId()));
        item.put("date", AttributeValue.fromS(plan.date().toString()));
        item.put("seed", AttributeValue.fromN(Long.toString(plan.seed())));
        item.put("budget", number(plan.budget()));
        item.put("allocatedBudget", number(plan.allocatedBudget()));
        item.put("unallocated", number(plan.unallocated()));
        item.put("expectedConversions", number(plan.expectedConversions()));
        item.put("conversionsLow", number(plan.conversionsLow()));
        item.put("conversionsHigh", number(plan.conversionsHigh()));
        item.put("expectedRevenue", number(plan.expectedRevenue()));
        item.put("revenueLow", number(plan.revenueLow()));
        item.put("revenueHigh", number(plan.revenueHigh()));
        item.put("cells", AttributeValue.fromN(Integer.toString(plan.allocations().size())));
        item.put("allocations", AttributeValue.fromS(AdPlanJson.allocationsText(plan.allocations())));
        item.put("notes", AttributeValue.fromL(plan.notes().stream().map(AttributeValue::fromS).toList()));
        return item;
    }

    static AdPlan plan(Map<String, AttributeValue> item) {
        return new AdPlan(item.get("campaignId").s(), LocalDate.parse(item.get("date").s()),
                Long.parseLong(item.get("seed").n()), number(item, "budget"),
                AdPlanJson.readAllocations(item.get("allocations").s()), number(item, "expectedConversions"),
                number(item, "conversionsLow"), number(item, "conversionsHigh"), number(item, "expectedRevenue"),
                number(item, "revenueLow"), number(item, "revenueHigh"), number(item, "unallocated"),
                item.getOrDefault("notes", AttributeValue.fromL(List.of())).l().stream().map(AttributeValue::s)
                        .toList());
    }

    private static AttributeValue number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a plan figure is not finite: " + value);
        }
        return AttributeValue.fromN(BigDecimal.valueOf(value).toString());
    }

    private static double number(Map<String, AttributeValue> item, String name) {
        return Double.parseDouble(item.get(name).n());
    }
}
