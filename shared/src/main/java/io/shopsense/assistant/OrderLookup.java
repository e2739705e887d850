package io.shopsense.assistant;

import io.shopsense.model.Event;

import java.util.List;

/**
 * The port through which the assistant reads clean events for order questions; the function wires it to its store
 * (for example a query over {@code clean/events/} or a per-user table). Events of other users returned by mistake
 * are ignored.
 */
@FunctionalInterface
public interface OrderLookup {
    /** A lookup that knows no orders, for callers without order data. */
    OrderLookup NONE = userId -> List.of();

    /** The clean events of one customer (any types; only purchases and refunds are used). */
    List<Event> eventsOfUser(String userId);

    /**
     * The clean events of one order number, for shoppers who are not signed in but give their order number. The
     * default knows none, so such shoppers are asked to sign in. The assistant also asks for {@code "C" + orderId},
     * the Online-Retail-style cancellation number, so refunds of the order are seen.
     */
    default List<Event> eventsOfOrder(String orderId) {
        return List.of();
    }
}
