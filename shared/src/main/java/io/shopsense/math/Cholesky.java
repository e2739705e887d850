package io.shopsense.math;

/**
 * Cholesky factorisation {@code A = L·Lᵀ} of a symmetric positive-definite matrix, and the solves it makes cheap.
 * Used for the ridge normal equations and for sampling correlated normals.
 */
public final class Cholesky {
    private final double[][] lower;

    private Cholesky(double[][] lower) {
        this.lower = lower;
    }

    /** Cholesky–Banachiewicz, row by row; throws when {@code a} is not positive definite. */
    public static Cholesky factor(double[][] a) {
        return factor(a, 0);
    }

    /**
     * As {@link #factor}, but a pivot below {@code minPivot} (before its square root) is raised to it instead of
     * failing: for Newton steps on a Hessian that rounding can leave barely positive semi-definite.
     */
    public static Cholesky factorWithFloor(double[][] a, double minPivot) {
        if (!(minPivot > 0)) {
            throw new IllegalArgumentException("minPivot must be > 0, was " + minPivot);
        }
        return factor(a, minPivot);
    }

    /** {@code minPivot} 0: no floor, a pivot that is not positive fails. */
    private static Cholesky factor(double[][] a, double minPivot) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (minPivot > 0) {
                        sum = Math.max(sum, minPivot);
                    } else if (!(sum > 0)) {
                        throw new IllegalArgumentException("matrix is not positive definite at row " + i);
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return new Cholesky(l);
    }

    /** Solves {@code A x = b} by forward then backward substitution. */
    public double[] solve(double[] b) {
        int n = lower.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= lower[i][k] * y[k];
            }
            y[i] = sum / lower[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= lower[k][i] * x[k];
            }
            x[i] = sum / lower[i][i];
        }
        return x;
    }

    /** The factor's entry {@code L[i][j]}. */
    public double lower(int i, int j) {
        return lower[i][j];
    }

    public int size() {
        return lower.length;
    }
}
