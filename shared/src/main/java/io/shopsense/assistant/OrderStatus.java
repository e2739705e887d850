package io.shopsense.assistant;

import java.util.Locale;

/**
 * What the clean events say about an order. They record purchases and refunds only, so shipping progress is not
 * known here and the assistant never claims it.
 */
public enum OrderStatus {
    /** Bought and not refunded. */
    PURCHASED,
    /** Some lines or units refunded. */
    PARTLY_REFUNDED,
    /** Refunded in full (or a refund whose purchase is not among the events). */
    REFUNDED;

    /** The lower-case spelling used in APIs: {@code purchased}, {@code partly_refunded}, {@code refunded}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
