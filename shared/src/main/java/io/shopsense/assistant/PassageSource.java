package io.shopsense.assistant;

import java.util.Locale;

/** Where a passage the assistant answers from comes from. */
public enum PassageSource {
    /** A question and answer from the shop's uploaded FAQ (Markdown or CSV). */
    FAQ,
    /** A product line of the shop's catalogue. */
    CATALOGUE,
    /** The asking customer's own orders, read from their clean events. */
    ORDERS;

    /** The lower-case spelling used in APIs: {@code faq}, {@code catalogue}, {@code orders}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
