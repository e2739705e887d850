package io.shopsense.recommend;

/**
 * One algorithm's figures on a temporal hold-out, as the report and {@code recs evaluate} print them.
 *
 * @param coverage     distinct items in the users' top-10 lists over recommendable (product) items
 * @param trainSeconds wall-clock time of {@link Recommender#fit}
 * @param users        held-out users evaluated (known in training, with at least one held-out purchase)
 */
public record EvaluationResult(String algorithm, double ndcgAt10, double recallAt20, double precisionAt10,
                               double coverage, double trainSeconds, int users) {
}
