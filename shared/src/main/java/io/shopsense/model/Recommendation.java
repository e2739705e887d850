package io.shopsense.model;

import java.util.Objects;

/**
 * One recommended item as it is stored and served: the item, its blended score (higher is better; comparable only
 * within one list), a short human-readable reason ("bought with …", "popular in …", "because you viewed …",
 * "trending"), and the item's catalogue name and price so a person (or a storefront) reads a product, not a code.
 *
 * @param name     the catalogue title when the list was built, null when the catalogue has none
 * @param price    the catalogue price when the list was built, null when unknown (absent or not positive)
 * @param category the catalogue category when the list was built, {@value #NO_CATEGORY} when the catalogue gives none;
 *                 null in a list stored before categories were kept (the API then looks the item up)
 */
public record Recommendation(String itemId, double score, String reason, String name, Double price, String category) {
    /** The category of an item the catalogue gives none (or does not list), as stored with a list. */
    public static final String NO_CATEGORY = "";

    public Recommendation {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(reason, "reason");
    }

    /** A named recommendation whose category is not known (a list from before categories were kept). */
    public Recommendation(String itemId, double score, String reason, String name, Double price) {
        this(itemId, score, reason, name, price, null);
    }

    /** A recommendation not yet named (the algorithms build these; {@link ItemNames} names them). */
    public Recommendation(String itemId, double score, String reason) {
        this(itemId, score, reason, null, null, null);
    }
}
