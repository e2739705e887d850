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

    /**
     * An event named by the five fields nearly every caller sets; the rest default to one unit at price 0, no
     * currency, order, channel, session or source (a source of its own marks a live event, as a track-events one).
     */
    public static Builder builder(String eventId, String userId, String itemId, EventType type, Instant ts) {
        return new Builder(eventId, userId, itemId, type, ts);
    }

    /** Builds an {@link Event}: set what differs from {@link #builder}'s defaults, then {@link #build()}. */
    public static final class Builder {
        private final String eventId;
        private final String userId;
        private final String itemId;
        private final EventType type;
        private final Instant ts;
        private int quantity = 1;
        private double unitPrice;
        private String currency;
        private String orderId;
        private String channel;
        private String sessionId;
        private String sourceId;
        private long sourceRow;

        private Builder(String eventId, String userId, String itemId, EventType type, Instant ts) {
            this.eventId = eventId;
            this.userId = userId;
            this.itemId = itemId;
            this.type = type;
            this.ts = ts;
        }

        public Builder quantity(int quantity) {
            this.quantity = quantity;
            return this;
        }

        /** The price of one unit and its currency. */
        public Builder price(double unitPrice, String currency) {
            this.unitPrice = unitPrice;
            this.currency = currency;
            return this;
        }

        public Builder orderId(String orderId) {
            this.orderId = orderId;
            return this;
        }

        public Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** The upload the event was cleaned from and its row there. */
        public Builder source(String sourceId, long sourceRow) {
            this.sourceId = sourceId;
            this.sourceRow = sourceRow;
            return this;
        }

        public Event build() {
            return new Event(eventId, userId, itemId, type, quantity, unitPrice, currency, ts, orderId, channel,
                    sessionId, sourceId, sourceRow);
        }
    }
}
