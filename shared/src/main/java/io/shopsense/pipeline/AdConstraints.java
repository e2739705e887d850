package io.shopsense.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.ads.PlanConstraints;
import io.shopsense.ads.PlanObjective;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shop's ad planning constraints file ({@code raw/ads/constraints.json}, or {@code --constraints FILE}):
 * <pre>{@code
 * {"dailyBudget": 1000, "channelMin": {"search": 100}, "channelMax": {"display": 200},
 *  "hourCaps": {"3": 10}, "channels": ["email"],
 *  "audienceMin": {"win-back": 50}, "audienceMax": {"new-customers": 300}, "objective": "value",
 *  "campaigns": {"spring-sale": {"dailyBudget": 400, "channelMax": {"display": 50}}}}
 * }</pre>
 * Audience bounds and the objective ({@code conversions}, the default, {@code revenue} or {@code value}) matter for
 * campaigns whose results name audiences; the objective also weighs an untargeted campaign's channels by revenue.
 * Every field is optional. A campaign's own entry replaces the top-level field of the same name; the budget falls
 * back to the caller's default (the function's {@code AD_DAILY_BUDGET}).
 */
public final class AdConstraints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("dailyBudget", "channelMin", "channelMax", "hourCaps",
            "channels", "campaigns", "audienceMin", "audienceMax", "objective");

    private final ObjectNode root;

    private AdConstraints(ObjectNode root) {
        this.root = root;
    }

    /** No file: only the default budget. */
    public static AdConstraints none() {
        return new AdConstraints(JSON.createObjectNode());
    }

    /** Parses a constraints document; {@link IllegalArgumentException} with a one-line reason if it is not one. */
    public static AdConstraints parse(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("constraints are not JSON: " + firstLine(e.getMessage()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("constraints must be a JSON object");
        }
        checkFields(object, "constraints");
        if (object.has("campaigns")) {
            if (!object.get("campaigns").isObject()) {
                throw new IllegalArgumentException("constraints.campaigns must be an object of campaign ids");
            }
            object.get("campaigns").fields().forEachRemaining(e -> {
                if (!e.getValue().isObject()) {
                    throw new IllegalArgumentException("constraints.campaigns." + e.getKey() + " must be an object");
                }
                checkFields((ObjectNode) e.getValue(), "constraints.campaigns." + e.getKey());
            });
        }
        return new AdConstraints(object);
    }

    /** The campaign's constraints; its budget is the file's (campaign, then top level), else {@code defaultBudget}. */
    public PlanConstraints forCampaign(String campaignId, double defaultBudget) {
        JsonNode budget = field(campaignId, "dailyBudget");
        return build(campaignId, budget == null ? defaultBudget : number(budget, "dailyBudget"));
    }

    /** The campaign's constraints with this budget, whatever the file says (the CLI's {@code --budget}). */
    public PlanConstraints withBudget(String campaignId, double budget) {
        return build(campaignId, budget);
    }

    private PlanConstraints build(String campaignId, double budget) {
        Map<Integer, Double> hourCaps = new TreeMap<>();
        moneyMap(field(campaignId, "hourCaps"), "hourCaps").forEach((hour, cap) -> {
            try {
                hourCaps.put(Integer.parseInt(hour), cap);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hourCaps keys must be hours 0..23, not '" + hour + "'");
            }
        });
        List<String> channels = new ArrayList<>();
        JsonNode named = field(campaignId, "channels");
        if (named != null) {
            if (!named.isArray()) {
                throw new IllegalArgumentException("channels must be an array of channel names");
            }
            named.forEach(c -> channels.add(c.asText()));
        }
        JsonNode objective = field(campaignId, "objective");
        if (objective != null && !objective.isTextual()) {
            throw new IllegalArgumentException("objective must be \"conversions\", \"revenue\" or \"value\"");
        }
        return new PlanConstraints(budget, moneyMap(field(campaignId, "channelMin"), "channelMin"),
                moneyMap(field(campaignId, "channelMax"), "channelMax"), hourCaps, channels,
                moneyMap(field(campaignId, "audienceMin"), "audienceMin"),
                moneyMap(field(campaignId, "audienceMax"), "audienceMax"),
                objective == null ? PlanObjective.CONVERSIONS : PlanObjective.parse(objective.asText()));
    }

    private JsonNode field(String campaignId, String name) {
        JsonNode own = root.path("campaigns").path(campaignId).get(name);
        return own != null ? own : root.get(name);
    }

    private static Map<String, Double> moneyMap(JsonNode node, String name) {
        Map<String, Double> values = new TreeMap<>();
        if (node == null) {
            return values;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + " must be an object of amounts");
        }
        node.fields().forEachRemaining(e -> values.put(e.getKey(), number(e.getValue(), name + "." + e.getKey())));
        return values;
    }

    private static double number(JsonNode node, String name) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number, was " + node);
        }
        return node.asDouble();
    }

    private static void checkFields(ObjectNode object, String where) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) || (name.equals("campaigns") && !where.equals("constraints"))) {
                throw new IllegalArgumentException(where + " has an unknown field '" + name + "'");
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
