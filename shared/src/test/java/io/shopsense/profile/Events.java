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
        return Event.builder(id, user, item, EventType.PURCHASE, Instant.parse(ts)).quantity(qty).price(price, "GBP")
                .orderId(order).channel("web").source(source, 1).build();
    }

    static Event event(String id, String user, String item, EventType type, String ts, String channel, String source) {
        return Event.builder(id, user, item, type, Instant.parse(ts)).price(10.0, "GBP").channel(channel)
                .source(source, 1).build();
    }
}
