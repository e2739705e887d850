package io.shopsense.ads;

import java.util.List;

/**
 * Result of {@link OffPolicyEvaluator#evaluate}: per policy its estimates and, for every judged row, the policy's
 * probability π of the logged item at the logged position ({@code pi[i]} belongs to {@code judgedRowIds[i]}).
 *
 * @param loggedCtr    click rate of the judged rows under the logging policy
 * @param judgedRowIds the file's row ids (first CSV column) of the judged rows, in time order
 */
public record OffPolicyReport(List<Result> results, double loggedCtr, int trainRows, int[] judgedRowIds) {

    public OffPolicyReport {
        results = List.copyOf(results);
    }

    /** One policy's estimates and its per-row π of the logged action. */
    public record Result(PolicyEstimate estimate, double[] pi) {
    }
}
