package io.shopsense.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A campaign: an audience, an action, a window and a holdout share, as {@code raw/campaigns/{id}.json} or
 * {@code POST /campaigns} gives it.
 * <pre>{@code
 * {"id": "autumn-winback", "audience": "win-back", "action": "email",
 *  "start": "2011-10-01", "end": "2011-10-31", "holdout": 0.1, "offer": "AUTUMN10", "items": 3}
 * }</pre>
 * Actions: {@code email} (each treated member gets their own top recommendations with reasons, and the offer code),
 * {@code ads} (the treatment group as Meta and Google hashed-e-mail lists), {@code list} (the treatment group's ids).
 *
 * @param items recommended items per member in an {@code email} export
 */
public record CampaignDefinition(String id, String audience, String action, LocalDate start, LocalDate end,
                                 double holdout, String offer, int items) {
    public static final List<String> ACTIONS = List.of("email", "ads", "list");
    public static final double DEFAULT_HOLDOUT = 0.1;
    public static final int DEFAULT_ITEMS = 3;
    public static final int MAX_ITEMS = 10;
    /** A window longer than a year is a typo, not a campaign. */
    public static final int MAX_DAYS = 366;
    public static final int MAX_BYTES = 16 * 1024;
    /** Ids and audience names are key-safe slugs, as audience names are. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern OFFER = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Set<String> FIELDS = Set.of("id", "audience", "action", "start", "end", "holdout", "offer",
            "items");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public CampaignWindow window() {
        return new CampaignWindow(start, end);
    }

    /**
     * Reads a definition, all or nothing. {@code idFromKey} is the id its file name gives ({@code null} for the API):
     * the body's {@code id} may be left out then, and must match when given.
     */
    public static CampaignDefinition parse(String idFromKey, byte[] content) throws InvalidCampaignException {
        if (content.length > MAX_BYTES) {
            throw new InvalidCampaignException("body", "larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidCampaignException("body", "not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCampaignException("body", "must be a JSON object with audience, action, start and end");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidCampaignException(name, "unknown field; expected one of " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String id = text(root, "id", idFromKey == null);
        if (id == null) {
            id = idFromKey;
        } else if (idFromKey != null && !id.equals(idFromKey)) {
            throw new InvalidCampaignException("id", "\"" + abbreviate(id) + "\" differs from the file name's \""
                    + idFromKey + "\"");
        }
        requireSlug("id", id);
        String audience = text(root, "audience", true);
        requireSlug("audience", audience);
        String action = text(root, "action", true);
        if (!ACTIONS.contains(action)) {
            throw new InvalidCampaignException("action", "must be one of " + ACTIONS + ", was \"" + abbreviate(action)
                    + "\"");
        }
        LocalDate start = date(root, "start");
        LocalDate end = date(root, "end");
        if (end.isBefore(start)) {
            throw new InvalidCampaignException("end", "is before start");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new InvalidCampaignException("end", "the window may last at most " + MAX_DAYS + " days");
        }
        double holdout = DEFAULT_HOLDOUT;
        JsonNode holdoutNode = root.get("holdout");
        if (holdoutNode != null) {
            if (!holdoutNode.isNumber() || holdoutNode.asDouble() < 0.01 || holdoutNode.asDouble() > 0.5) {
                throw new InvalidCampaignException("holdout", "must be a number from 0.01 to 0.5 (the share held out)");
            }
            holdout = holdoutNode.asDouble();
        }
        String offer = text(root, "offer", false);
        if (offer != null && !OFFER.matcher(offer).matches()) {
            throw new InvalidCampaignException("offer", "must be 1 to 32 letters, digits, - or _");
        }
        if (offer != null && !action.equals("email")) {
            throw new InvalidCampaignException("offer", "only an email campaign carries an offer code");
        }
        int items = DEFAULT_ITEMS;
        JsonNode itemsNode = root.get("items");
        if (itemsNode != null) {
            if (!itemsNode.isIntegralNumber() || itemsNode.asInt() < 1 || itemsNode.asInt() > MAX_ITEMS) {
                throw new InvalidCampaignException("items", "must be a whole number from 1 to " + MAX_ITEMS);
            }
            items = itemsNode.asInt();
        }
        return new CampaignDefinition(id, audience, action, start, end, holdout, offer, items);
    }

    private static String text(JsonNode root, String field, boolean required) throws InvalidCampaignException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidCampaignException(field, "required, a text");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidCampaignException(field, "must be a text");
        }
        return node.asText();
    }

    private static void requireSlug(String field, String value) throws InvalidCampaignException {
        if (!SLUG.matcher(value).matches()) {
            throw new InvalidCampaignException(field, "must be lower-case letters, digits and dashes (at most 64), was \""
                    + abbreviate(value) + "\"");
        }
    }

    private static LocalDate date(JsonNode root, String field) throws InvalidCampaignException {
        String text = text(root, field, true);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidCampaignException(field, "must be a date YYYY-MM-DD, was \"" + abbreviate(text) + "\"");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
