package io.shopsense.model;

import java.util.List;
import java.util.Objects;

/**
 * The precomputed most similar items of one item: one row of the {@code SimilarItems} table, with the item's own
 * rating summary when it has reviews ({@code rating} null otherwise).
 */
public record SimilarItems(String itemId, List<Recommendation> similar, RatingSummary rating) {
    public SimilarItems {
        Objects.requireNonNull(itemId, "itemId");
        similar = List.copyOf(similar);
    }

    /** Without a rating summary (an item nobody reviewed). */
    public SimilarItems(String itemId, List<Recommendation> similar) {
        this(itemId, similar, null);
    }
}
