package io.shopsense.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.model.AdAllocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a plan's allocations, shared by the {@code AdPlans} item (its {@code allocations} document), the
 * report in {@code reports/ads/} and the API. Fields in a fixed order and doubles written exactly, so the same plan
 * always gives the same bytes and reads back equal.
 */
public final class AdPlanJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private AdPlanJson() {
    }

    /** One allocation as {@code {channel, hour, budget, capacity, expectedConversions, conversionRate, costPerClick}}. */
    public static ObjectNode allocation(AdAllocation a) {
        ObjectNode node = JSON.createObjectNode();
        if (a.audience() != null) { // only audience-targeted plans carry the field: others keep their bytes
            node.put("audience", a.audience());
        }
        node.put("channel", a.channel());
        node.put("hour", a.hour());
        node.put("budget", a.budget());
        number(node, "capacity", a.capacity());
        node.put("expectedConversions", a.expectedConversions());
        node.put("conversionRate", a.conversionRate());
        number(node, "costPerClick", a.costPerClick());
        return node;
    }

    public static ArrayNode allocations(List<AdAllocation> allocations) {
        ArrayNode array = JSON.createArrayNode();
        allocations.forEach(a -> array.add(allocation(a)));
        return array;
    }

    /** The allocations as one compact JSON array. */
    public static String allocationsText(List<AdAllocation> allocations) {
        try {
            return JSON.writeValueAsString(allocations(allocations));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("allocations are plain numbers and strings", e);
        }
    }

    /** Reads what {@link #allocationsText} wrote. */
    public static List<AdAllocation> readAllocations(String text) {
        try {
            List<AdAllocation> allocations = new ArrayList<>();
            for (JsonNode a : JSON.readTree(text)) {
                allocations.add(new AdAllocation(a.path("channel").asText(), a.path("hour").asInt(),
                        a.path("budget").asDouble(), doubleOf(a.path("capacity")),
                        a.path("expectedConversions").asDouble(), a.path("conversionRate").asDouble(),
                        doubleOf(a.path("costPerClick")), a.hasNonNull("audience") ? a.get("audience").asText() : null));
            }
            return allocations;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an allocations document: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON has no infinity: an unbounded capacity is written as null and read back as infinity. */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    private static double doubleOf(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.POSITIVE_INFINITY;
    }
}
