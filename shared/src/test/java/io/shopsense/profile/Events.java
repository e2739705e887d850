package io.shopsense.profile;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.time.Instant;

/** Small event builders for hand-computed fixtures. */
final class Events {

    private Events() {
    }

    static Event purchase(String id, String user, String item, int qty, double price, String ts, String order,
                          String source) {
        return new Event(id, user, item, EventType.PURCHASE, qty, price, "GBP", Instant.parse(ts), order, "web", null,
                source, 1);
    }

    static Event event(String id, String user, String item, EventType type, String ts, String channel, String source) {
        return new Event(id, user, item, type, 1, 10.0, "GBP", Instant.parse(ts), null, channel, null, source, 1);
    }
}
