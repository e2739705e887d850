package io.shopsense.assistant;

import java.util.Locale;

/** What kind of reply an {@link Answer} is. */
public enum AnswerKind {
    /** Answered from an FAQ passage. */
    FAQ,
    /** Answered from a catalogue line. */
    CATALOGUE,
    /** About the shopper's orders, from their clean events (including "no such order"). */
    ORDERS,
    /** An order question from a shopper who is not signed in: they are asked to sign in or give an order number. */
    SIGN_IN,
    /** Nothing matched well enough: the reply says so and offers the shop's contact. A gap in the FAQ. */
    UNKNOWN;

    /** The lower-case spelling used in APIs: {@code faq}, {@code catalogue}, {@code orders}, … */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
