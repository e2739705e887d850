package io.shopsense.recommend;

/**
 * A training algorithm: turns interaction data into an immutable {@link ScoringModel}. Implementations hold only
 * their hyper-parameters, so the same instance can be fitted on many shops or splits.
 */
public interface Recommender {

    /** Short stable name used in reports and on the command line, e.g. {@code "ials"}. */
    String name();

    /** Trains on {@code data}; the returned model scores the users and items of {@code data}. */
    ScoringModel fit(InteractionData data);

    /** False when the data is beyond what this algorithm handles (EASE's item limit); selection then skips it. */
    default boolean canFit(InteractionData data) {
        return true;
    }
}
