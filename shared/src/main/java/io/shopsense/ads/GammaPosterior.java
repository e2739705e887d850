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
