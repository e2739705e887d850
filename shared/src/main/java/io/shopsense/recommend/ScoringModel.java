package io.shopsense.recommend;

/**
 * A trained model: fills a score for every item for one known user (higher is better). Implementations are
 * immutable and thread-safe, so all users can be scored in parallel; scratch space is per call.
 */
public interface ScoringModel {

    /** Name of the algorithm that trained this model. */
    String algorithm();

    /**
     * Writes the score of every item for {@code user} (an index of the training data) into {@code scores}, whose
     * length is the training data's item count. Items the model knows nothing about get a finite low score.
     */
    void score(int user, double[] scores);
}
