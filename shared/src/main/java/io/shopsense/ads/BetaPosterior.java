package io.shopsense.ads;

import io.shopsense.math.RandomVariates;
import java.util.SplittableRandom;

/**
 * A Beta(α, β) belief about a rate (click-through or conversion). Conjugate to binomial counts: seeing {@code s}
 * successes in {@code n} trials gives Beta(α + s, β + n − s).
 */
public record BetaPosterior(double alpha, double beta) {

    public BetaPosterior {
        if (!(alpha > 0) || !(beta > 0)) {
            throw new IllegalArgumentException("alpha and beta must be > 0, were " + alpha + ", " + beta);
        }
    }

    /** A prior with the given mean worth {@code strength} pseudo-trials: Beta(m·κ, (1−m)·κ). */
    public static BetaPosterior fromMean(double mean, double strength) {
        double m = Math.min(1 - 1e-6, Math.max(1e-6, mean));
        return new BetaPosterior(m * strength, (1 - m) * strength);
    }

    /** Bayes' rule for binomial data: Beta(α + successes, β + failures). */
    public BetaPosterior update(double successes, double failures) {
        return new BetaPosterior(alpha + successes, beta + failures);
    }

    /** Posterior mean α / (α + β). */
    public double mean() {
        return alpha / (alpha + beta);
    }

    public double sample(SplittableRandom rng) {
        return RandomVariates.beta(alpha, beta, rng);
    }
}
