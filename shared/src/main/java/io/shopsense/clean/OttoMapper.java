package io.shopsense.clean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shopsense.model.EventType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * OTTO sessions: one JSON object per line, {@code {"session":n, "events":[{"aid":n, "ts":ms, "type":t}]}}.
 * <b>Each event is a row</b> ({@code sourceRow} is the line number, the reject's raw text is the event object); a line
 * that is not valid JSON, or has no session or no events, is one rejected row with the whole line. A line is parsed
 * completely before any of its events is written, so a line broken half-way yields no events. {@code clicks} →
 * view, {@code carts} → cart, {@code orders} → purchase, quantity 1, no price. The session is both {@code sessionId}
 * and {@code userId} (OTTO has no other user identity).
 */
final class OttoMapper extends RowMapper {
    private static final JsonFactory JSON = new JsonFactory();

    private record RawEvent(String aid, Long ts, String type, String raw) {}

    OttoMapper(CleanRun run) {
        super(run);
    }

    @Override
    void map(RecordReader rec, long row) {
        String line = rec.raw();
        String session = null;
        List<RawEvent> events = new ArrayList<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                reject(rec, row, RejectReason.BAD_JSON, "not a JSON object");
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("session") && t.isScalarValue()) {
                    session = CleanRun.normaliseId(p.getText());
                } else if (name.equals("events") && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        events.add(readEvent(p, line));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                reject(rec, row, RejectReason.BAD_JSON, "text after the JSON object");
                return;
            }
        } catch (IOException e) {
            reject(rec, row, RejectReason.BAD_JSON, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        if (session == null || events.isEmpty()) {
            reject(rec, row, RejectReason.MISSING_FIELD, session == null ? "no session" : "no events");
            return;
        }
        if (session.length() > run.limits.maxFieldChars()) {
            reject(rec, row, RejectReason.FIELD_TOO_LONG, "session id longer than " + run.limits.maxFieldChars());
            return;
        }
        for (RawEvent e : events) {
            map(e, session, row);
        }
    }

    private static RawEvent readEvent(JsonParser p, String line) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        String aid = null;
        Long ts = null;
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "aid" -> aid = t.isScalarValue() && t != JsonToken.VALUE_NULL ? p.getText() : null;
                case "ts" -> ts = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                case "type" -> type = t == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }
        int end = (int) p.currentLocation().getCharOffset();
        String raw = start >= 0 && end <= line.length() && start < end ? line.substring(start, end) : "";
        return new RawEvent(aid, ts, type, raw);
    }

    private void map(RawEvent e, String session, long row) {
        String aid = CleanRun.normaliseId(e.aid());
        if (aid == null) {
            run.reject(row, e.raw(), RejectReason.MISSING_FIELD, "no aid");
            return;
        }
        if (aid.length() > run.limits.maxFieldChars() || (e.type() != null
                && e.type().length() > run.limits.maxFieldChars())) {
            run.reject(row, e.raw(), RejectReason.FIELD_TOO_LONG, "aid or type longer than "
                    + run.limits.maxFieldChars());
            return;
        }
        if (e.ts() == null) {
            run.reject(row, e.raw(), RejectReason.BAD_DATE, "ts is not epoch milliseconds");
            return;
        }
        EventType type = e.type() == null ? null : switch (e.type()) {
            case "clicks" -> EventType.VIEW;
            case "carts" -> EventType.CART;
            case "orders" -> EventType.PURCHASE;
            default -> null;
        };
        if (type == null) {
            run.reject(row, e.raw(), RejectReason.UNKNOWN_TYPE, "type '" + e.type() + "'");
            return;
        }
        RejectReason r = run.event(session, aid, type, 1, 0, false, null, Instant.ofEpochMilli(e.ts()), null, null,
                session, row);
        if (r == null) {
            run.accept();
        } else {
            run.reject(row, e.raw(), r, run.detail);
        }
    }
}
