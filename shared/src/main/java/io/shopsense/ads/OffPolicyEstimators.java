package io.shopsense.ads;

import io.shopsense.math.Quantiles;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Off-policy value estimators over per-row arrays: reward {@code r}, importance weight {@code w = π(a|x)/p(a|x)} of
 * the logged action, reward-model prediction {@code q} of the logged action and the direct-method term
 * {@code d = Σ_a π(a|x) q̂(x, a)}; with percentile bootstrap intervals.
 */
public final class OffPolicyEstimators {
    private OffPolicyEstimators() {
    }

    /** Inverse propensity weighting (Horvitz &amp; Thompson 1952): {@code (1/n) Σ wᵢ rᵢ}. */
    public static double ipw(double[] w, double[] r) {
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += w[i] * r[i];
        }
        return sum / r.length;
    }

    /** Self-normalised IPW (Swaminathan &amp; Joachims 2015): {@code Σ wᵢ rᵢ / Σ wᵢ}. */
    public static double snipw(double[] w, double[] r) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < r.length; i++) {
            num += w[i] * r[i];
            den += w[i];
        }
        return den == 0 ? 0 : num / den;
    }

    /** Doubly robust (Dudík, Langford &amp; Li 2011): {@code (1/n) Σ [dᵢ + wᵢ (rᵢ − qᵢ)]}. */
    public static double doublyRobust(double[] w, double[] r, double[] q, double[] d) {
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += d[i] + w[i] * (r[i] - q[i]);
        }
        return sum / r.length;
    }

    /**
     * 95% percentile-bootstrap intervals of the three estimators from the same {@code rounds} resamples of the rows
     * (Efron 1979); returns {@code {ipwLow, ipwHigh, snipwLow, snipwHigh, drLow, drHigh}}.
     */
    public static double[] bootstrap(double[] w, double[] r, double[] q, double[] d, int rounds, long seed) {
        int n = r.length;
        double[][] stats = new double[3][rounds];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int b = 0; b < rounds; b++) {
            double wr = 0;
            double ws = 0;
            double dr = 0;
            for (int i = 0; i < n; i++) {
                int j = rng.nextInt(n);
                wr += w[j] * r[j];
                ws += w[j];
                dr += d[j] + w[j] * (r[j] - q[j]);
            }
            stats[0][b] = wr / n;
            stats[1][b] = ws == 0 ? 0 : wr / ws;
            stats[2][b] = dr / n;
        }
        double[] out = new double[6];
        for (int s = 0; s < 3; s++) {
            Arrays.sort(stats[s]);
            out[2 * s] = Quantiles.ofSorted(stats[s], 0.025);
            out[2 * s + 1] = Quantiles.ofSorted(stats[s], 0.975);
        }
        return out;
    }
}
