package io.shopsense.clean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import io.shopsense.model.Review;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The canonical JSON Lines codec for {@code clean/} rows and rejects, field names exactly as docs/architecture.md §3. Writing is
 * hand-rolled into a {@link StringBuilder} (it is on the cleaning hot path: no reflection, no per-row generator);
 * reading uses Jackson's streaming parser. Nulls are written as JSON {@code null}; unknown fields are skipped on read.
 */
public final class CanonicalJson {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** {@link EventType#code()} lower-cases on every call; the hot path reads it from here. */
    static final String[] TYPE_CODES = java.util.Arrays.stream(EventType.values()).map(EventType::code)
            .toArray(String[]::new);

    private CanonicalJson() {
    }

    /** One event as a JSON object, no newline. */
    public static String eventLine(Event e) {
        StringBuilder b = new StringBuilder(256);
        appendEvent(b, e);
        return b.toString();
    }

    /** Appends one event as a JSON object. */
    public static void appendEvent(StringBuilder b, Event e) {
        appendEvent(b, e, e.ts().toString());
    }

    /** As {@link #appendEvent(StringBuilder, Event)} with the ISO-8601 form of {@code e.ts()} already made. */
    static void appendEvent(StringBuilder b, Event e, String isoTs) {
        b.append(EventFields.EVENT_ID_KEY);
        string(b, e.eventId());
        b.append(EventFields.USER_ID_KEY);
        string(b, e.userId());
        b.append(EventFields.ITEM_ID_KEY);
        string(b, e.itemId());
        b.append(EventFields.TYPE_KEY).append('"').append(TYPE_CODES[e.type().ordinal()]).append('"');
        b.append(EventFields.QUANTITY_KEY).append(e.quantity());
        b.append(EventFields.UNIT_PRICE_KEY);
        number(b, e.unitPrice());
        b.append(EventFields.CURRENCY_KEY);
        string(b, e.currency());
        b.append(EventFields.TS_KEY).append('"').append(isoTs).append('"');
        b.append(EventFields.ORDER_ID_KEY);
        string(b, e.orderId());
        b.append(EventFields.CHANNEL_KEY);
        string(b, e.channel());
        b.append(EventFields.SESSION_ID_KEY);
        string(b, e.sessionId());
        b.append(EventFields.SOURCE_ID_KEY);
        string(b, e.sourceId());
        b.append(EventFields.SOURCE_ROW_KEY).append(e.sourceRow()).append('}');
    }

    /** One catalogue row as a JSON object, no newline. */
    public static String itemLine(Item item) {
        StringBuilder b = new StringBuilder(128);
        b.append("{\"itemId\":");
        string(b, item.itemId());
        b.append(",\"title\":");
        string(b, item.title());
        b.append(",\"category\":");
        string(b, item.category());
        b.append(",\"price\":");
        number(b, item.price());
        b.append(",\"inStock\":").append(item.inStock());
        b.append(",\"isProduct\":").append(item.isProduct()).append('}');
        return b.toString();
    }

    /** One ad performance row as a JSON object, no newline. */
    public static String adLine(AdPerformance ad) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"date\":\"").append(ad.date()).append('"');
        b.append(",\"hour\":").append(ad.hour());
        b.append(",\"channel\":");
        string(b, ad.channel());
        b.append(",\"campaignId\":");
        string(b, ad.campaignId());
        b.append(",\"impressions\":").append(ad.impressions());
        b.append(",\"clicks\":").append(ad.clicks());
        b.append(",\"conversions\":").append(ad.conversions());
        b.append(",\"spend\":");
        number(b, ad.spend());
        b.append(",\"revenue\":");
        number(b, ad.revenue());
        if (ad.audience() != null) { // absent, not null, so rows without one keep their bytes (and event ids)
            b.append(",\"audience\":");
            string(b, ad.audience());
        }
        b.append('}');
        return b.toString();
    }

    // --- reviews (issue #17) ---
    /** One review row as a JSON object, no newline. */
    public static String reviewLine(Review r) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"reviewId\":");
        string(b, r.reviewId());
        b.append(",\"userId\":");
        string(b, r.userId());
        b.append(",\"itemId\":");
        string(b, r.itemId());
        b.append(",\"rating\":").append(r.rating());
        b.append(",\"title\":");
        string(b, r.title());
        b.append(",\"body\":");
        string(b, r.body());
        b.append(",\"ts\":\"").append(r.ts()).append('"');
        b.append(",\"sourceId\":");
        string(b, r.sourceId());
        b.append(",\"sourceRow\":").append(r.sourceRow()).append('}');
        return b.toString();
    }

    /** Reads a review line written by {@link #reviewLine}. */
    public static Review readReview(String line) {
        String reviewId = null, userId = null, itemId = null, title = null, body = null, sourceId = null;
        int rating = 0;
        Instant ts = null;
        long sourceRow = 0;
        try (JsonParser p = FACTORY.createParser(line)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "reviewId" -> reviewId = text(p, t);
                    case "userId" -> userId = text(p, t);
                    case "itemId" -> itemId = text(p, t);
                    case "rating" -> rating = p.getIntValue();
                    case "title" -> title = text(p, t);
                    case "body" -> body = text(p, t);
                    case "ts" -> ts = Instant.parse(text(p, t));
                    case "sourceId" -> sourceId = text(p, t);
                    case "sourceRow" -> sourceRow = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
            return new Review(reviewId, userId, itemId, rating, title, body, ts, sourceId, sourceRow);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a canonical review line: " + e.getMessage(), e);
        }
    }

    /**
     * One line of {@code rejects/{kind}/{sourceId}.jsonl}: {@code sourceId, sourceRow, reason, detail, raw}. The raw
     * text is kept verbatim (JSON-escaped) because it is the evidence; anything that turns rejects into a spreadsheet
     * must neutralise formula-looking cells itself.
     */
    public static String rejectLine(String sourceId, Reject r) {
        StringBuilder b = new StringBuilder(r.raw().length() + 96);
        b.append("{\"sourceId\":");
        string(b, sourceId);
        b.append(",\"sourceRow\":").append(r.sourceRow());
        b.append(",\"reason\":\"").append(r.reason().code()).append('"');
        b.append(",\"detail\":");
        string(b, EmailAddresses.pseudonymise(r.detail())); // a rejected Shopify row still names its customer
        b.append(",\"raw\":");
        string(b, EmailAddresses.pseudonymise(r.raw()));
        b.append('}');
        return b.toString();
    }

    /**
     * Reads an event line written by {@link #appendEvent} (or {@link EventLineWriter}), by {@link EventFields}' names
     * in any order. Throws {@link IllegalArgumentException} if it is not one.
     */
    public static Event readEvent(String line) {
        String eventId = null, userId = null, itemId = null, currency = null, orderId = null, channel = null;
        String sessionId = null, sourceId = null;
        EventType type = null;
        int quantity = 0;
        double unitPrice = 0;
        Instant ts = null;
        long sourceRow = 0;
        try (JsonParser p = FACTORY.createParser(line)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case EventFields.EVENT_ID -> eventId = text(p, t);
                    case EventFields.USER_ID -> userId = text(p, t);
                    case EventFields.ITEM_ID -> itemId = text(p, t);
                    case EventFields.TYPE -> type = EventType.fromCode(text(p, t));
                    case EventFields.QUANTITY -> quantity = p.getIntValue();
                    case EventFields.UNIT_PRICE -> unitPrice = p.getDoubleValue();
                    case EventFields.CURRENCY -> currency = text(p, t);
                    case EventFields.TS -> ts = Instant.parse(text(p, t));
                    case EventFields.ORDER_ID -> orderId = text(p, t);
                    case EventFields.CHANNEL -> channel = text(p, t);
                    case EventFields.SESSION_ID -> sessionId = text(p, t);
                    case EventFields.SOURCE_ID -> sourceId = text(p, t);
                    case EventFields.SOURCE_ROW -> sourceRow = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
            return new Event(eventId, userId, itemId, type, quantity, unitPrice, currency, ts, orderId, channel,
                    sessionId, sourceId, sourceRow);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a canonical event line: " + e.getMessage(), e);
        }
    }

    /** Reads a catalogue line written by {@link #itemLine}. */
    public static Item readItem(String line) {
        String itemId = null, title = null, category = null;
        double price = 0;
        boolean inStock = false, isProduct = false;
        try (JsonParser p = FACTORY.createParser(line)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "itemId" -> itemId = text(p, t);
                    case "title" -> title = text(p, t);
                    case "category" -> category = text(p, t);
                    case "price" -> price = p.getDoubleValue();
                    case "inStock" -> inStock = p.getBooleanValue();
                    case "isProduct" -> isProduct = p.getBooleanValue();
                    default -> p.skipChildren();
                }
            }
            return new Item(itemId, title, category, price, inStock, isProduct);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a canonical catalogue line: " + e.getMessage(), e);
        }
    }

    /** Reads an ad performance line written by {@link #adLine}. */
    public static AdPerformance readAd(String line) {
        LocalDate date = null;
        int hour = 0;
        String channel = null, campaignId = null, audience = null;
        long impressions = 0, clicks = 0, conversions = 0;
        double spend = 0, revenue = 0;
        try (JsonParser p = FACTORY.createParser(line)) {
            expectObject(p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "date" -> date = LocalDate.parse(text(p, t));
                    case "hour" -> hour = p.getIntValue();
                    case "channel" -> channel = text(p, t);
                    case "campaignId" -> campaignId = text(p, t);
                    case "impressions" -> impressions = p.getLongValue();
                    case "clicks" -> clicks = p.getLongValue();
                    case "conversions" -> conversions = p.getLongValue();
                    case "spend" -> spend = p.getDoubleValue();
                    case "revenue" -> revenue = p.getDoubleValue();
                    case "audience" -> audience = text(p, t);
                    default -> p.skipChildren();
                }
            }
            return new AdPerformance(date, hour, channel, campaignId, impressions, clicks, conversions, spend, revenue,
                    audience);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a canonical ad line: " + e.getMessage(), e);
        }
    }

    private static void expectObject(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("expected a JSON object");
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

    /** Appends {@code v} as {@link Double#toString} would, with a fast path for whole numbers and cents. */
    static void number(StringBuilder b, double v) {
        if (Math.abs(v) < 1e7 && v != 0) {
            long cents = Math.round(v * 100);
            if (cents / 100.0 == v) {
                if (cents < 0) {
                    b.append('-');
                    cents = -cents;
                }
                long whole = cents / 100;
                int frac = (int) (cents % 100);
                b.append(whole).append('.');
                if (frac == 0) {
                    b.append('0');
                } else if (frac % 10 == 0) {
                    b.append(frac / 10);
                } else {
                    if (frac < 10) {
                        b.append('0');
                    }
                    b.append(frac);
                }
                return;
            }
        }
        b.append(v);
    }

    /** Appends a JSON string literal (or null), escaping quotes, backslashes and control characters. */
    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        int n = s.length();
        int run = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029) {
                break;
            }
            i++;
        }
        if (i == n) {
            b.append(s).append('"'); // nothing to escape: one array copy, not a char loop
            return;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x2028 && c != 0x2029) {
                continue;
            }
            b.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        b.append(s, run, n).append('"');
    }
}
