package io.shopsense.math;

/** The few special functions the lifetime models need, in double precision: log-gamma, log-sum-exp and ₂F₁. */
public final class SpecialFunctions {

    private static final double LANCZOS_G = 7.0;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x > 0, by the Lanczos approximation (g = 7, n = 9; relative error about 1e-15). */
    public static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection keeps the approximation accurate near zero: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + LANCZOS_G + 0.5;
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
    public static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln(eᵃ + eᵇ) without overflow or underflow; either argument may be −∞. */
    public static double logSumExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    /**
     * Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series, summed until the terms stop
     * changing the sum. Terms shrink roughly like zⁿ, so convergence slows as z nears 1; the cap bounds the work.
     */
    public static double hyp2f1(double a, double b, double c, double z) {
        if (z < 0 || z >= 1) {
            throw new IllegalArgumentException("z must be in [0, 1), was " + z);
        }
        double term = 1;
        double sum = 1;
        for (int n = 0; n < 2_000_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
                return sum;
            }
        }
        return sum;
    }
}
