package io.shopsense.recommend;

import io.shopsense.model.Item;

import java.util.Map;

/**
 * Which bought items may be recommended again: consumables (coffee, candles, printer ink) come back, durable goods
 * do not. Decided per catalogue category, with a default for the rest.
 *
 * @param repeatableByDefault whether items of an unlisted (or missing) category may come back once bought
 * @param byCategory          overrides per category name, exact match
 */
public record RepeatPolicy(boolean repeatableByDefault, Map<String, Boolean> byCategory) {

    public RepeatPolicy {
        byCategory = Map.copyOf(byCategory);
    }

    /** Bought items never come back. */
    public static RepeatPolicy neverRepeat() {
        return new RepeatPolicy(false, Map.of());
    }

    /** Bought items may always come back (a shop of consumables). */
    public static RepeatPolicy alwaysRepeat() {
        return new RepeatPolicy(true, Map.of());
    }

    /** True when a customer who bought {@code item} may be offered it again. */
    public boolean isRepeatable(Item item) {
        if (item.category() == null) {
            return repeatableByDefault;
        }
        return byCategory.getOrDefault(item.category(), repeatableByDefault);
    }
}
