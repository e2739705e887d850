package io.shopsense.audience;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.model.Segment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one shop audience rule file ({@code raw/audiences/*.json}), all or nothing: either every condition is
 * understood, or the file is rejected with the first field at fault; a half-understood rule is never applied.
 *
 * <pre>{@code
 * {"name": "mug-fans", "description": "…",
 *  "where": {"all": [{"field": "segment", "in": ["Champions", "Loyal"]},
 *                    {"any": [{"field": "clv", "gte": 100},
 *                             {"field": "affinity", "category": "MUGS", "gte": 0.5}]}]}}
 * }</pre>
 * Fields: {@code segment} ({@code in}: segment labels), {@code clv}, {@code churn}, {@code orders},
 * {@code daysSinceLastOrder} ({@code gte} and/or {@code lte}: numbers), {@code affinity} ({@code category} and
 * {@code gte}/{@code lte}). {@code all} is and, {@code any} is or; they nest.
 */
public final class RuleParser {
    static final int MAX_DEPTH = 8;
    static final int MAX_PARTS = 100;
    /** Larger rule files are rejected unread: a rule is a few lines. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Duplicate keys and trailing content refused, as the API's strict JSON (which lives with Lambda types in http). */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final List<String> FIELDS = List.of("segment", "clv", "churn", "orders", "daysSinceLastOrder",
            "affinity");

    private RuleParser() {
    }

    /** The audience a rule file defines; {@code source} is kept for the manifest. */
    public static AudienceDefinition parse(String source, byte[] content) throws InvalidRuleException {
        if (content.length > MAX_BYTES) {
            throw new InvalidRuleException("file", "larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidRuleException("file", "not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRuleException("file", "must be a JSON object with name and where");
        }
        allowOnly(root, "", Set.of("name", "description", "where"));
        JsonNode name = root.get("name");
        if (name == null || !name.isTextual()) {
            throw new InvalidRuleException("name", "required, a text");
        }
        if (!AudienceDefinition.NAME.matcher(name.asText()).matches()) {
            throw new InvalidRuleException("name", "must be lower-case letters, digits and dashes (at most 64), was \""
                    + abbreviate(name.asText()) + "\"");
        }
        JsonNode description = root.get("description");
        if (description != null && !description.isTextual()) {
            throw new InvalidRuleException("description", "must be a text");
        }
        JsonNode where = root.get("where");
        if (where == null) {
            throw new InvalidRuleException("where", "required: the condition customers must meet");
        }
        return new AudienceDefinition(name.asText(), description == null ? "" : description.asText(),
                condition(where, "where", 1), source);
    }

    private static Condition condition(JsonNode node, String path, int depth) throws InvalidRuleException {
        if (!node.isObject()) {
            throw new InvalidRuleException(path, "must be an object: {\"field\": …}, {\"all\": […]} or {\"any\": […]}");
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidRuleException(path, "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.has("all") || node.has("any")) {
            String op = node.has("all") ? "all" : "any";
            allowOnly(node, path, Set.of(op));
            JsonNode parts = node.get(op);
            String at = path + "." + op;
            if (!parts.isArray()) {
                throw new InvalidRuleException(at, "must be a list of conditions");
            }
            if (parts.isEmpty()) {
                throw new InvalidRuleException(at, "must not be empty");
            }
            if (parts.size() > MAX_PARTS) {
                throw new InvalidRuleException(at, "more than " + MAX_PARTS + " conditions");
            }
            List<Condition> conditions = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                conditions.add(condition(parts.get(i), at + "[" + i + "]", depth + 1));
            }
            return op.equals("all") ? new Condition.All(conditions) : new Condition.Any(conditions);
        }
        JsonNode field = node.get("field");
        if (field == null || !field.isTextual()) {
            throw new InvalidRuleException(path + ".field", "required, one of " + FIELDS
                    + " (or use all/any to combine conditions)");
        }
        String at = path + ".field";
        return switch (field.asText()) {
            case "segment" -> segment(node, path);
            case "affinity" -> affinity(node, path);
            case "clv" -> range(node, path, Condition.NumericField.CLV);
            case "churn" -> range(node, path, Condition.NumericField.CHURN);
            case "orders" -> range(node, path, Condition.NumericField.ORDERS);
            case "daysSinceLastOrder" -> range(node, path, Condition.NumericField.DAYS_SINCE_LAST_ORDER);
            default -> throw new InvalidRuleException(at, "unknown field \"" + abbreviate(field.asText())
                    + "\"; fields are " + FIELDS);
        };
    }

    private static Condition segment(JsonNode node, String path) throws InvalidRuleException {
        allowOnly(node, path, Set.of("field", "in"));
        JsonNode in = node.get("in");
        String at = path + ".in";
        if (in == null || !in.isArray()) {
            throw new InvalidRuleException(at, "required for segment, a list of segment names");
        }
        if (in.isEmpty()) {
            throw new InvalidRuleException(at, "must not be empty");
        }
        Set<Segment> segments = EnumSet.noneOf(Segment.class);
        for (int i = 0; i < in.size(); i++) {
            JsonNode label = in.get(i);
            if (!label.isTextual()) {
                throw new InvalidRuleException(at + "[" + i + "]", "must be a segment name (text)");
            }
            try {
                segments.add(Segment.fromLabel(label.asText()));
            } catch (IllegalArgumentException unknown) {
                throw new InvalidRuleException(at + "[" + i + "]", "unknown segment \"" + abbreviate(label.asText())
                        + "\"; segments are " + Arrays.stream(Segment.values()).map(Segment::label).toList());
            }
        }
        return new Condition.SegmentIn(segments);
    }

    private static Condition affinity(JsonNode node, String path) throws InvalidRuleException {
        allowOnly(node, path, Set.of("field", "category", "gte", "lte"));
        JsonNode category = node.get("category");
        if (category == null || !category.isTextual() || category.asText().isBlank()) {
            throw new InvalidRuleException(path + ".category", "required for affinity, a category name");
        }
        Double[] bounds = bounds(node, path, false);
        return new Condition.CategoryAffinity(category.asText(), bounds[0], bounds[1]);
    }

    private static Condition range(JsonNode node, String path, Condition.NumericField field)
            throws InvalidRuleException {
        allowOnly(node, path, Set.of("field", "gte", "lte"));
        Double[] bounds = bounds(node, path, field.whole());
        return new Condition.Range(field, bounds[0], bounds[1]);
    }

    private static Double[] bounds(JsonNode node, String path, boolean whole) throws InvalidRuleException {
        Double atLeast = number(node, "gte", path, whole);
        Double atMost = number(node, "lte", path, whole);
        if (atLeast == null && atMost == null) {
            throw new InvalidRuleException(path + ".gte", "a bound is required: gte, lte or both");
        }
        if (atLeast != null && atMost != null && atLeast > atMost) {
            throw new InvalidRuleException(path + ".lte", "is below gte: no customer could match");
        }
        return new Double[] {atLeast, atMost};
    }

    private static Double number(JsonNode node, String key, String path, boolean whole) throws InvalidRuleException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        String at = path + "." + key;
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new InvalidRuleException(at, "must be a number, was " + abbreviate(value.toString()));
        }
        if (whole && value.asDouble() != Math.rint(value.asDouble())) {
            throw new InvalidRuleException(at, "must be a whole number, was " + value.asText());
        }
        return value.asDouble();
    }

    private static void allowOnly(JsonNode node, String path, Set<String> keys) throws InvalidRuleException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                throw new InvalidRuleException(path.isEmpty() ? abbreviate(name) : path + "." + abbreviate(name),
                        "unknown key; expected " + keys.stream().sorted().toList());
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
