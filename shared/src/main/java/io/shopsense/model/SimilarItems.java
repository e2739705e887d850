package io.shopsense.model;

import java.util.List;
import java.util.Objects;

/** The precomputed most similar items of one item: one row of the {@code SimilarItems} table. */
public record SimilarItems(String itemId, List<Recommendation> similar) {
    public SimilarItems {
        Objects.requireNonNull(itemId, "itemId");
        similar = List.copyOf(similar);
    }
}
