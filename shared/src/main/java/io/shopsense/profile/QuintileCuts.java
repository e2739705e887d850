package io.shopsense.profile;

import java.util.Arrays;

/**
 * Where the quintile scores 2..5 of one RFM dimension begin, on a "higher is better" scale. The method is a min-rank
 * quintile: a customer's score is {@code 1 + floor(5·k / n)}, where k is the number of the n customers with a
 * strictly worse value. Ties therefore always share a score (the lowest their group reaches), whatever the input
 * order, and a score s means at least (s−1)/5 of customers are strictly worse. Equivalently, score s is reached by
 * values strictly above the value at 0-based sorted position ceil((s−1)·n/5) − 1, which is what is stored here so a
 * new customer can be scored against the last rebuild's population.
 *
 * @param second lower bound (exclusive) of score 2
 * @param third  lower bound (exclusive) of score 3
 * @param fourth lower bound (exclusive) of score 4
 * @param fifth  lower bound (exclusive) of score 5
 */
public record QuintileCuts(double second, double third, double fourth, double fifth) {

    /** Cuts for a population of values (higher is better); an empty population gives everyone score 1. */
    public static QuintileCuts of(double[] values) {
        if (values.length == 0) {
            double inf = Double.POSITIVE_INFINITY;
            return new QuintileCuts(inf, inf, inf, inf);
        }
        double[] sorted = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            sorted[i] = Ties.key(values[i]);
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        return new QuintileCuts(cut(sorted, 2, n), cut(sorted, 3, n), cut(sorted, 4, n), cut(sorted, 5, n));
    }

    private static double cut(double[] sorted, int score, int n) {
        // Integer arithmetic for ceil((s−1)·n/5) avoids rounding surprises.
        int position = ((score - 1) * n + 4) / 5 - 1;
        return sorted[Math.max(0, position)];
    }

    /** The score 1..5 of a value. */
    public int score(double raw) {
        double value = Ties.key(raw);
        int score = 1;
        if (value > second) {
            score++;
        }
        if (value > third) {
            score++;
        }
        if (value > fourth) {
            score++;
        }
        if (value > fifth) {
            score++;
        }
        return score;
    }
}
