package io.shopsense.model;

import java.util.List;
import java.util.Objects;

/** The precomputed, filtered top-N list for one customer: one row of the {@code Recommendations} table. */
public record UserRecommendations(String userId, String algorithm, List<Recommendation> items) {
    public UserRecommendations {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(algorithm, "algorithm");
        items = List.copyOf(items);
    }
}
