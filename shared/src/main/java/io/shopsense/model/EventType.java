package io.shopsense.model;

import java.util.Locale;

/** What a customer did with an item; the canonical spelling is the lower-case name. */
public enum EventType {
    VIEW, CART, PURCHASE, REFUND;

    /** The canonical spelling used in clean rows and APIs: {@code view}, {@code cart}, {@code purchase}, {@code refund}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a canonical code; throws {@link IllegalArgumentException} naming the value when it is not one. */
    public static EventType fromCode(String code) {
        for (EventType type : values()) {
            if (type.code().equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown event type: " + code);
    }
}
