package io.shopsense.ads;

import io.shopsense.math.Cholesky;

/**
 * Regularised least squares (ridge; Hoerl &amp; Kennard 1970): {@code min Σ wᵢ(yᵢ − xᵢβ)² + λ Σ_{j≥p} βⱼ²}, the seed's
 * {@code min Σ (yᵢ − xᵢ)²} with a penalty. Solved through the normal equations {@code (XᵀWX + λD) β = XᵀWy} with a
 * Cholesky factorisation; the first {@code unpenalised} columns (the intercept) carry no penalty.
 */
public final class RidgeRegression {
    private RidgeRegression() {
    }

    /** Unweighted ridge with every coefficient penalised: {@code β = (XᵀX + λI)⁻¹ Xᵀy}. */
    public static double[] fit(double[][] x, double[] y, double lambda) {
        return fit(x, y, null, lambda, 0);
    }

    /**
     * Weighted ridge. {@code weights} may be null (all 1); the first {@code unpenalised} coefficients get no penalty
     * so that an intercept is not shrunk towards zero.
     */
    public static double[] fit(double[][] x, double[] y, double[] weights, double lambda, int unpenalised) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows, y has " + y.length);
        }
        if (lambda < 0) {
            throw new IllegalArgumentException("lambda must be >= 0, was " + lambda);
        }
        int p = x.length == 0 ? 0 : x[0].length;
        double[][] gram = new double[p][p];
        double[] rhs = new double[p];
        for (int i = 0; i < x.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            double[] row = x[i];
            for (int a = 0; a < p; a++) {
                if (row[a] == 0) {
                    continue; // one-hot rows are sparse; skipping zeros keeps the fit linear in non-zeros
                }
                double wa = w * row[a];
                rhs[a] += wa * y[i];
                for (int b = 0; b <= a; b++) {
                    gram[a][b] += wa * row[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                gram[b][a] = gram[a][b];
            }
            // a tiny ridge on unpenalised columns keeps the factorisation defined when a column is all zero
            gram[a][a] += a < unpenalised ? 1e-12 : lambda;
        }
        return Cholesky.factor(gram).solve(rhs);
    }

    /** The prediction {@code x·β}. */
    public static double predict(double[] x, double[] beta) {
        double sum = 0;
        for (int j = 0; j < beta.length; j++) {
            sum += x[j] * beta[j];
        }
        return sum;
    }
}
