package io.shopsense.math;

import java.util.SplittableRandom;

/**
 * Draws from the distributions the planner, the simulator and the policies sample, all from one seeded
 * {@link SplittableRandom} so that the same seed gives the same draws.
 */
public final class RandomVariates {
    private RandomVariates() {
    }

    /** Standard normal by the Marsaglia polar method. */
    public static double normal(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Gamma(shape, rate 1) by Marsaglia &amp; Tsang (2000); shapes below 1 use the {@code U^(1/k)} boost. */
    public static double gamma(double shape, SplittableRandom rng) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("shape must be > 0, was " + shape);
        }
        if (shape < 1) {
            return gamma(shape + 1, rng) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** Beta(a, b) as {@code X/(X+Y)} with {@code X ~ Gamma(a)}, {@code Y ~ Gamma(b)}. */
    public static double beta(double a, double b, SplittableRandom rng) {
        double x = gamma(a, rng);
        double y = gamma(b, rng);
        return x / (x + y);
    }

    /** Poisson(mean): Knuth's product method for small means, a rounded normal approximation above 50. */
    public static long poisson(double mean, SplittableRandom rng) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
        }
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            k++;
        }
        return k;
    }

    /** Binomial(n, p): Bernoulli sum for small n, a rounded normal approximation for large n·p·(1−p). */
    public static long binomial(long n, double p, SplittableRandom rng) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (n > 200 && n * p * (1 - p) > 20) {
            long k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(rng));
            return Math.min(n, Math.max(0, k));
        }
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (rng.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
