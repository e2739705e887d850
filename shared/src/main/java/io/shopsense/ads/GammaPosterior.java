package io.shopsense.ads;

import io.shopsense.math.RandomVariates;
import java.util.SplittableRandom;

/**
 * A Gamma(shape, rate) belief about a Poisson rate per unit of exposure; here clicks per unit of (saturated) spend,
 * whose inverse is the cost per click. Seeing {@code k} events over exposure {@code e} gives Gamma(shape + k, rate + e).
 */
public record GammaPosterior(double shape, double rate) {

    public GammaPosterior {
        if (!(shape > 0) || !(rate > 0)) {
            throw new IllegalArgumentException("shape and rate must be > 0, were " + shape + ", " + rate);
        }
    }

    /** A prior with the given mean worth {@code strength} pseudo-events: Gamma(κ, κ/m). */
    public static GammaPosterior fromMean(double mean, double strength) {
        double m = Math.max(1e-12, mean);
        return new GammaPosterior(strength, strength / m);
    }

    /** Bounds of an estimated prior strength, in events: from nearly free to pinned at the prior mean. */
    static final double MIN_PSEUDO_EVENTS = 0.5;
    static final double MAX_PSEUDO_EVENTS = 1e6;

    /**
     * The empirical-Bayes strength {@code m} of a Gamma(m, m) prior (mean 1) on Poisson rate ratios, from units with
     * {@code observed} events where {@code expected} were predicted: the method-of-moments variance of the true
     * ratios, {@code v = Σ[(O − E)² − O] / Σ E²} (the Poisson noise subtracted; Marshall 1991, the disease-mapping
     * estimator), and {@code m = 1/v} within [{@value #MIN_PSEUDO_EVENTS}, {@value #MAX_PSEUDO_EVENTS}]: deviations no
     * larger than the noise pin the ratios at 1.
     */
    static double ratioPriorStrength(double[] observed, double[] expected) {
        double excess = 0;
        double scale = 0;
        for (int i = 0; i < observed.length; i++) {
            double gap = observed[i] - expected[i];
            excess += gap * gap - observed[i];
            scale += expected[i] * expected[i];
        }
        if (!(scale > 0) || !(excess > 0)) {
            return MAX_PSEUDO_EVENTS;
        }
        return Math.max(MIN_PSEUDO_EVENTS, Math.min(MAX_PSEUDO_EVENTS, scale / excess));
    }

    /** Poisson–Gamma conjugate update: Gamma(shape + events, rate + exposure). */
    public GammaPosterior update(double events, double exposure) {
        return new GammaPosterior(shape + events, rate + exposure);
    }

    /** Posterior mean shape / rate. */
    public double mean() {
        return shape / rate;
    }

    public double sample(SplittableRandom rng) {
        return RandomVariates.gamma(shape, rng) / rate;
    }
}
