package io.shopsense.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One canonical interaction: a row of {@code clean/events/}. {@code userId} is null for anonymous purchases
 * (they still count for item popularity); {@code orderId}, {@code channel} and {@code sessionId} may be null.
 *
 * @param eventId   stable hash of the row's content, the key for deduplication
 * @param quantity  units; positive for purchases, refunds carry the refunded units as a positive number
 * @param unitPrice price of one unit in {@code currency}
 * @param sourceRow 1-based row number in the uploaded file (header excluded)
 */
public record Event(
        String eventId,
        String userId,
        String itemId,
        EventType type,
        int quantity,
        double unitPrice,
        String currency,
        Instant ts,
        String orderId,
        String channel,
        String sessionId,
        String sourceId,
        long sourceRow) {

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ts, "ts");
    }

    /** Money this event moved: quantity × unit price, negative for refunds. */
    public double amount() {
        double gross = quantity * unitPrice;
        return type == EventType.REFUND ? -gross : gross;
    }

    public boolean isAnonymous() {
        return userId == null;
    }
}
