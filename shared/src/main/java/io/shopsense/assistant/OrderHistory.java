package io.shopsense.assistant;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer's orders, newest first, folded from their clean purchase and refund events.
 *
 * <p>Events are grouped by {@code orderId} (events without one, by their timestamp, since one checkout shares it).
 * A refund joins the purchase order with the same id, or with the id it cancels when it carries the
 * Online-Retail-style {@code C} prefix ({@code C536379} cancels {@code 536379}); a refund whose order is not among
 * the events stands as its own, refunded, order. Repeated event ids are counted once.
 */
public record OrderHistory(String userId, List<OrderSummary> orders) {
    private static final double CENT = 0.005;

    public OrderHistory {
        orders = List.copyOf(orders);
    }

    /** The history of {@code userId} from events, keeping only that user's purchases and refunds. */
    public static OrderHistory of(String userId, List<Event> events, Map<String, String> titlesByItemId) {
        List<Event> own = events.stream().filter(e -> userId != null && userId.equals(e.userId())).toList();
        return new OrderHistory(userId, fold(own, titlesByItemId));
    }

    /** The orders in events regardless of user, for a lookup by order number. */
    static List<OrderSummary> ordersOf(List<Event> events, Map<String, String> titlesByItemId) {
        return fold(events, titlesByItemId);
    }

    /** The {@code n} most recent orders. */
    public List<OrderSummary> latest(int n) {
        return orders.subList(0, Math.min(n, orders.size()));
    }

    /** The order with this number (case-insensitive), if the customer has it. */
    public Optional<OrderSummary> find(String orderId) {
        return orders.stream().filter(o -> o.orderId() != null && o.orderId().equalsIgnoreCase(orderId)).findFirst();
    }

    private static List<OrderSummary> fold(List<Event> events, Map<String, String> titles) {
        List<Event> sorted = new ArrayList<>(events.stream()
                .filter(e -> e.type() == EventType.PURCHASE || e.type() == EventType.REFUND).toList());
        sorted.sort(Comparator.comparing(Event::ts).thenComparingLong(Event::sourceRow));
        Set<String> seen = new HashSet<>();
        Map<String, Builder> purchases = new LinkedHashMap<>();
        List<Event> refunds = new ArrayList<>();
        for (Event e : sorted) {
            if (!seen.add(e.eventId())) {
                continue;
            }
            if (e.type() == EventType.PURCHASE) {
                purchases.computeIfAbsent(keyOf(e), k -> new Builder(e.orderId(), e.ts(), e.currency()))
                        .addLine(e, titles);
            } else {
                refunds.add(e);
            }
        }
        Map<String, Builder> refundOnly = new LinkedHashMap<>();
        for (Event r : refunds) {
            Builder target = purchases.get(keyOf(r));
            if (target == null && r.orderId() != null && r.orderId().toUpperCase(Locale.ROOT).startsWith("C")) {
                target = purchases.get("order:" + r.orderId().substring(1));
            }
            if (target == null) {
                target = refundOnly.computeIfAbsent(keyOf(r), k -> new Builder(r.orderId(), r.ts(), r.currency()));
                target.addLine(r, titles);
            }
            target.refunded += Math.abs(r.quantity() * r.unitPrice());
        }
        List<OrderSummary> out = new ArrayList<>();
        purchases.values().forEach(b -> out.add(b.build(false)));
        refundOnly.values().forEach(b -> out.add(b.build(true)));
        out.sort(Comparator.comparing(OrderSummary::placedAt).reversed()
                .thenComparing(o -> o.orderId() == null ? "" : o.orderId()));
        return out;
    }

    private static String keyOf(Event e) {
        return e.orderId() != null ? "order:" + e.orderId() : "ts:" + e.ts();
    }

    private static final class Builder {
        private final String orderId;
        private final Instant placedAt;
        private final String currency;
        private final Map<String, OrderLine> lines = new LinkedHashMap<>();
        private double total;
        private double refunded;

        Builder(String orderId, Instant placedAt, String currency) {
            this.orderId = orderId;
            this.placedAt = placedAt;
            this.currency = currency;
        }

        void addLine(Event e, Map<String, String> titles) {
            String title = titles.getOrDefault(e.itemId(), e.itemId());
            int units = Math.abs(e.quantity());
            lines.merge(e.itemId(), new OrderLine(e.itemId(), title, units, e.unitPrice()),
                    (a, b) -> new OrderLine(a.itemId(), a.title(), a.quantity() + b.quantity(), a.unitPrice()));
            if (e.type() == EventType.PURCHASE) {
                total += units * e.unitPrice();
            }
        }

        OrderSummary build(boolean refundOnly) {
            OrderStatus status;
            if (refundOnly || (refunded > 0 && refunded >= total - CENT)) {
                status = OrderStatus.REFUNDED;
            } else if (refunded > CENT) {
                status = OrderStatus.PARTLY_REFUNDED;
            } else {
                status = OrderStatus.PURCHASED;
            }
            return new OrderSummary(orderId, placedAt, List.copyOf(lines.values()), total, refunded, currency,
                    status);
        }
    }
}
