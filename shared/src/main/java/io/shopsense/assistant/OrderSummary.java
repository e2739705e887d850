package io.shopsense.assistant;

import java.time.Instant;
import java.util.List;

/**
 * One order of a customer, as the clean events tell it.
 *
 * @param orderId  the shop's order (invoice) number; null when the events carried none
 * @param placedAt time of the earliest purchase event of the order
 * @param lines    purchased items, in the order they were recorded (for a refund-only order: the refunded items)
 * @param total    money paid for the order, in {@code currency}
 * @param refunded money refunded against it, as a positive amount
 */
public record OrderSummary(String orderId, Instant placedAt, List<OrderLine> lines, double total, double refunded,
                           String currency, OrderStatus status) {
    public OrderSummary {
        lines = List.copyOf(lines);
    }

    /** Units across all lines. */
    public int units() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
