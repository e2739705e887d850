package io.shopsense.function.trackevents;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.http.ApiException;
import io.shopsense.http.ApiRequest;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads live events from a {@code POST /events} body: one event object or {@code {"events": [ … ]}}. Every field is
 * checked and a refusal names the field; an event without an {@code eventId} gets a stable hash of its content, so a
 * client that retries the same event is recognised.
 */
final class LiveEvents {
    static final int MAX_EVENTS = 500;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private final Clock clock;
    private final String defaultCurrency;

    LiveEvents(Clock clock, String defaultCurrency) {
        this.clock = clock;
        this.defaultCurrency = defaultCurrency;
    }

    List<Event> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body must be an event object or {\"events\": [ … ]}");
        }
        List<Event> events = new ArrayList<>();
        if (body.has("events")) {
            JsonNode list = body.get("events");
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_EVENTS) {
                throw ApiException.badRequest("events must be a list of 1 to " + MAX_EVENTS + " events");
            }
            for (int i = 0; i < list.size(); i++) {
                events.add(event(list.get(i), "events[" + i + "]"));
            }
        } else {
            events.add(event(body, "event"));
        }
        return events;
    }

    private Event event(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(where + " must be an object");
        }
        String userId = ApiRequest.checkId(where + ".userId", text(node, "userId", where, true));
        String itemId = ApiRequest.checkId(where + ".itemId", text(node, "itemId", where, true));
        EventType type;
        try {
            type = EventType.fromCode(text(node, "type", where, true).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(where + ".type must be one of view, cart, purchase, refund");
        }
        int quantity = (int) number(node, "quantity", where, 1, 1, 10_000, true);
        double unitPrice = number(node, "unitPrice", where, 0, 0, 1_000_000, false);
        if ((type == EventType.PURCHASE || type == EventType.REFUND) && unitPrice <= 0) {
            throw ApiException.badRequest(where + ".unitPrice must be positive on a " + type.code());
        }
        String currency = text(node, "currency", where, false);
        currency = currency == null ? defaultCurrency : currency.toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(currency).matches()) {
            throw ApiException.badRequest(where + ".currency must be a 3-letter ISO 4217 code");
        }
        Instant now = clock.instant();
        Instant ts = now;
        String tsText = text(node, "ts", where, false);
        if (tsText != null) {
            try {
                ts = Instant.parse(tsText);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(where + ".ts must be an ISO-8601 instant, e.g. 2026-11-28T10:15:30Z");
            }
            if (ts.isBefore(EARLIEST) || ts.isAfter(now.plus(Duration.ofDays(1)))) {
                throw ApiException.badRequest(where + ".ts must be after 1990 and at most a day in the future");
            }
        }
        String orderId = optionalId(node, "orderId", where);
        String channel = optionalId(node, "channel", where);
        String sessionId = optionalId(node, "sessionId", where);
        String eventId = optionalId(node, "eventId", where);
        if (eventId == null) {
            eventId = "live-" + hash(userId, itemId, type.code(), quantity, unitPrice, currency, ts, orderId, channel,
                    sessionId);
        }
        // No sourceId: a live event is its own source, which keeps it from being folded twice.
        return new Event(eventId, userId, itemId, type, quantity, unitPrice, currency, ts, orderId, channel,
                sessionId, null, 0);
    }

    private static String optionalId(JsonNode node, String field, String where) {
        String value = text(node, field, where, false);
        return value == null ? null : ApiRequest.checkId(where + "." + field, value);
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(where + "." + field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(where + "." + field + " must be text");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field, String where, double fallback, double min, double max,
                                 boolean whole) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || (whole && !value.isIntegralNumber()) || !Double.isFinite(value.asDouble())
                || value.asDouble() < min || value.asDouble() > max) {
            throw ApiException.badRequest(where + "." + field + " must be " + (whole ? "a whole number" : "a number")
                    + " between " + (long) min + " and " + (long) max);
        }
        return value.asDouble();
    }

    private static String hash(Object... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object field : fields) {
                sha.update(String.valueOf(field).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
