package io.shopsense.recommend;

/** Whether items a customer already bought may be recommended (and count as hits) in an offline evaluation. */
public enum EvaluationMode {
    /** Repeat purchases are allowed: bought items stay candidates and count as hits when bought again. */
    REPEATS_ALLOWED,
    /** Bought items are excluded from the ranking, and from the held-out truth of the user who bought them. */
    BOUGHT_EXCLUDED
}
