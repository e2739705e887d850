package io.shopsense.recommend;

import java.util.Map;

/**
 * A training algorithm: turns interaction data into an immutable {@link ScoringModel}. Implementations hold only
 * their hyper-parameters, so the same instance can be fitted on many shops or splits.
 */
public interface Recommender {

    /** Short stable name used in reports and on the command line, e.g. {@code "ials"}. */
    String name();

    /**
     * The hyper-parameters that, with {@link #name()}, reproduce this recommender (recorded in the model artefact);
     * empty when it has none.
     */
    default Map<String, Object> parameters() {
        return Map.of();
    }

    /** Trains on {@code data}; the returned model scores the users and items of {@code data}. */
    ScoringModel fit(InteractionData data);

    /** False when the data is beyond what this algorithm handles (EASE's item limit); selection then skips it. */
    default boolean canFit(InteractionData data) {
        return true;
    }
}
