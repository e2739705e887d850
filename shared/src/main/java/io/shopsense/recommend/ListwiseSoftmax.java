package io.shopsense.recommend;

import io.shopsense.math.Cholesky;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A listwise ranking model for {@link LearnedRanker}'s few features, fitted by Newton's method: each customer's
 * candidates get a softmax {@code p_q = exp(β·z_q) / Σ_r exp(β·z_r)} and the fit maximises
 * {@code Σ_u mean_{q bought in the window} log p_q − λ/2 ‖β‖²} over customers with at least one purchase among their
 * candidates (ListNet with one-hot targets, Cao et al. 2007). It ranks within each customer, as nDCG judges, so no
 * capacity goes to how much a customer buys; every customer weighs the same. z are the standardised features, and
 * the coefficients come back on the features' own scale. The objective is concave, so Newton converges in a few steps.
 */
final class ListwiseSoftmax {
    private static final int MAX_ITERATIONS = 30;
    private static final double TOLERANCE = 1e-7;

    private ListwiseSoftmax() {
    }

    /**
     * @param x         rows × {@code d} features, row-major; customer u's candidates are rows
     *                  {@code listStart[u] .. listStart[u+1]-1}
     * @param label     whether each row was bought in the window
     * @param included  the customers (list indices) that take part
     * @param lambda    L2 penalty on the standardised coefficients
     * @return {@code d} coefficients (a feature constant over the rows gets 0)
     */
    static double[] fit(double[] x, int d, int[] listStart, boolean[] label, IntPredicate included, double lambda) {
        int rows = label.length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[r * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = rows > 0 ? mean[j] / rows : 0;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                double v = x[r * d + j] - mean[j];
                sd[j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = rows > 0 ? Math.sqrt(sd[j] / rows) : 0;
        }
        double[] beta = new double[d];
        double[] z = new double[d];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d];
            double[] hessian = new double[d * d];
            for (int u = 0; u + 1 < listStart.length; u++) {
                if (included.test(u)) {
                    addList(x, d, listStart[u], listStart[u + 1], label, mean, sd, beta, z, gradient, hessian);
                }
            }
            for (int j = 0; j < d; j++) {
                gradient[j] -= lambda * beta[j];
                hessian[j * d + j] += lambda + 1e-9;   // a constant feature leaves its row empty
            }
            double[] step = solve(hessian, gradient, d);
            double largest = 0;
            for (int j = 0; j < d; j++) {
                beta[j] += step[j];
                largest = Math.max(largest, Math.abs(step[j]));
            }
            if (largest < TOLERANCE) {
                break;
            }
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            out[j] = sd[j] > 0 ? beta[j] / sd[j] : 0;
        }
        return out;
    }

    /** One customer's gradient {@code mean_pos(z) − E_p[z]} and Hessian {@code Cov_p[z]} (negated log-likelihood's). */
    private static void addList(double[] x, int d, int from, int to, boolean[] label, double[] mean, double[] sd,
                                double[] beta, double[] z, double[] gradient, double[] hessian) {
        int positives = 0;
        double top = Double.NEGATIVE_INFINITY;
        double[] s = new double[to - from];
        for (int r = from; r < to; r++) {
            positives += label[r] ? 1 : 0;
            standardise(x, r, d, mean, sd, z);
            double v = 0;
            for (int j = 0; j < d; j++) {
                v += beta[j] * z[j];
            }
            s[r - from] = v;
            top = Math.max(top, v);
        }
        if (positives == 0) {
            return;   // nothing bought among the candidates: no evidence about the order
        }
        double norm = 0;
        for (int q = 0; q < s.length; q++) {
            s[q] = Math.exp(s[q] - top);
            norm += s[q];
        }
        double[] expected = new double[d];
        double[] second = new double[d * d];
        for (int r = from; r < to; r++) {
            double p = s[r - from] / norm;
            standardise(x, r, d, mean, sd, z);
            for (int j = 0; j < d; j++) {
                expected[j] += p * z[j];
                if (label[r]) {
                    gradient[j] += z[j] / positives;
                }
                double pz = p * z[j];
                for (int k = 0; k <= j; k++) {
                    second[j * d + k] += pz * z[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            gradient[j] -= expected[j];
            for (int k = 0; k <= j; k++) {
                double cov = second[j * d + k] - expected[j] * expected[k];
                hessian[j * d + k] += cov;
                if (k != j) {
                    hessian[k * d + j] += cov;
                }
            }
        }
    }

    private static void standardise(double[] x, int r, int d, double[] mean, double[] sd, double[] z) {
        for (int j = 0; j < d; j++) {
            z[j] = sd[j] > 0 ? (x[r * d + j] - mean[j]) / sd[j] : 0;
        }
    }

    /**
     * Solves the symmetric positive definite system {@code A s = b} ({@code a} row-major n × n) by Cholesky
     * decomposition, pivots floored at 1e-12 so a nearly singular Hessian still gives a step.
     */
    static double[] solve(double[] a, double[] b, int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(a, i * n, (i + 1) * n);
        }
        return Cholesky.factorWithFloor(rows, 1e-12).solve(b);
    }
}
