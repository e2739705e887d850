package io.shopsense.recommend;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The 5 × 6 hand-checkable shop: users u1..u5, items A..F, every interaction a purchase (weight 4) unless noted.
 * <pre>
 *   u1: A B C      (2 days ago)         item users:  A {1,2,5}  B {1,2,3}  C {1,3}
 *   u2: A B        (2 days ago)                      D {3,4}    E {4,5}    F {5}
 *   u3: B C D      (2 days ago)
 *   u4: D E        (2 days ago)
 *   u5: A E F      (20 days ago)        plus one anonymous purchase of F 2 days ago
 * </pre>
 */
final class Fixtures {
    static final Instant NOW = Instant.parse("2024-03-01T00:00:00Z");

    private Fixtures() {
    }

    static List<Event> events() {
        List<Event> events = new ArrayList<>();
        add(events, "u1", 2, "A", "B", "C");
        add(events, "u2", 2, "A", "B");
        add(events, "u3", 2, "B", "C", "D");
        add(events, "u4", 2, "D", "E");
        add(events, "u5", 20, "A", "E", "F");
        add(events, null, 2, "F");
        return events;
    }

    static List<Item> catalogue() {
        return List.of(
                new Item("A", "red candle", "candles", 5, true, true),
                new Item("B", "blue candle", "candles", 5, true, true),
                new Item("C", "red mug", "mugs", 7, true, true),
                new Item("D", "blue mug", "mugs", 7, true, true),
                new Item("E", "green vase", "vases", 20, true, true),
                new Item("F", "green candle", "candles", 5, true, true));
    }

    static InteractionData data() {
        return InteractionData.from(events(), catalogue(), InteractionWeights.defaults(), NOW);
    }

    static void add(List<Event> events, String user, int daysAgo, String... items) {
        for (String item : items) {
            events.add(event(user, item, EventType.PURCHASE, daysAgo));
        }
    }

    static Event event(String user, String item, EventType type, int daysAgo) {
        return Event.builder("e" + user + item + type + daysAgo, user, item, type, NOW.minus(Duration.ofDays(daysAgo)))
                .price(5, "EUR").source("fixture", 1).build();
    }
}
