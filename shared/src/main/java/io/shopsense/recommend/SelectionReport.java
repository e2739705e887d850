package io.shopsense.recommend;

import java.util.List;

/**
 * The outcome of {@link ModelSelection#evaluate}: every algorithm's figures, the chosen one (best nDCG@10), and the
 * names of algorithms skipped because the data was beyond their limits (EASE on a large catalogue).
 */
public record SelectionReport(EvaluationMode mode, List<EvaluationResult> results, EvaluationResult chosen,
                              List<String> skipped) {
    public SelectionReport {
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
    }
}
