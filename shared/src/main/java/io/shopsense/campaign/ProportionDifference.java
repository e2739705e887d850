package io.shopsense.campaign;

/**
 * Intervals for the difference of two conversion rates, treatment minus holdout ({@code x₁/n₁ − x₂/n₂}).
 * <ul>
 *   <li>{@link #newcombe}: for one look at the data when the window ends. Newcombe's hybrid score interval
 *       (Statistics in Medicine 17, 1998, method 10): it combines the two Wilson intervals and keeps near-nominal
 *       coverage with small groups and rates near 0 or 1, where the Wald interval does not (a 10% holdout of a small
 *       shop's audience is a few dozen customers).</li>
 *   <li>{@link #alwaysValid}: for looking every night. The normal-mixture SPRT confidence interval of Johari, Pekelis
 *       and Walsh ("Always valid inference", Operations Research 70, 2022), the one behind Optimizely's Stats Engine:
 *       with a N(0, τ²) mixture over the effect, the interval at any look is
 *       {@code θ̂ ± √(V(V+τ²)/τ² · (ln((V+τ²)/V) + 2 ln(1/α)))}, and the chance that any look, ever, excludes the true
 *       effect is at most α. It is a closed formula (one line per night), needs no planned horizon, and reduces to a
 *       normal approximation we can test. Its price is width: about 1.5–2.5× the fixed interval at our group sizes.
 *       θ̂ and V use the Agresti–Caffo estimates (one success and one failure added to each group), so a group where
 *       nobody (or everybody) converted still has a variance.</li>
 * </ul>
 */
public final class ProportionDifference {
    /** z for a two-sided 95% interval, Φ⁻¹(0.975). */
    public static final double Z_95 = 1.959963984540054;
    /** The mixture's scale: effects of a few percentage points are what campaigns move (τ = 5 pp). */
    public static final double DEFAULT_TAU = 0.05;

    private ProportionDifference() {
    }

    /** Newcombe's hybrid score interval for {@code x1/n1 − x2/n2} at normal quantile {@code z}. */
    public static Interval newcombe(long x1, long n1, long x2, long n2, double z) {
        requireCounts(x1, n1);
        requireCounts(x2, n2);
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double[] w1 = wilson(x1, n1, z);
        double[] w2 = wilson(x2, n2, z);
        double d = p1 - p2;
        double low = d - Math.sqrt(square(p1 - w1[0]) + square(w2[1] - p2));
        double high = d + Math.sqrt(square(w1[1] - p1) + square(p2 - w2[0]));
        return new Interval(low, high);
    }

    /** The Wilson score interval {@code [low, high]} for {@code x/n} (Wilson 1927). */
    static double[] wilson(long x, long n, double z) {
        double p = (double) x / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double scale = 1 + z2 / n;
        return new double[] {Math.max(0, (centre - spread) / scale), Math.min(1, (centre + spread) / scale)};
    }

    /**
     * The always-valid (1 − α) interval for the difference at this look; see the class comment.
     *
     * @param tau the mixture's standard deviation, on the scale of the difference (0.05 = 5 pp)
     */
    public static Interval alwaysValid(long x1, long n1, long x2, long n2, double alpha, double tau) {
        requireCounts(x1, n1);
        requireCounts(x2, n2);
        double p1 = (x1 + 1.0) / (n1 + 2.0);
        double p2 = (x2 + 1.0) / (n2 + 2.0);
        double variance = p1 * (1 - p1) / (n1 + 2.0) + p2 * (1 - p2) / (n2 + 2.0);
        double tau2 = tau * tau;
        double halfWidth = Math.sqrt(variance * (variance + tau2) / tau2
                * (Math.log((variance + tau2) / variance) + 2 * Math.log(1 / alpha)));
        double d = p1 - p2;
        return new Interval(d - halfWidth, d + halfWidth);
    }

    private static void requireCounts(long x, long n) {
        if (n <= 0 || x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 <= converted <= members and members > 0, was " + x + "/" + n);
        }
    }

    private static double square(double x) {
        return x * x;
    }
}
