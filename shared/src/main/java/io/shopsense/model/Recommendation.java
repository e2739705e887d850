package io.shopsense.model;

import java.util.Objects;

/**
 * One recommended item as it is stored and served: the item, its blended score (higher is better; comparable only
 * within one list) and a short human-readable reason ("bought with …", "popular in …", "because you viewed …",
 * "trending").
 */
public record Recommendation(String itemId, double score, String reason) {
    public Recommendation {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(reason, "reason");
    }
}
