package io.shopsense.assistant;

/**
 * One retrieval hit.
 *
 * @param passage    the passage found
 * @param score      its BM25 score for the question
 * @param matchedIdf sum of the IDFs of the distinct question terms the passage contains, the numerator of the
 *                   assistant's coverage (see {@link Assistant})
 */
public record ScoredPassage(Passage passage, double score, double matchedIdf) {
}
