package io.shopsense.profile;

import io.shopsense.math.SpecialFunctions;

/**
 * A fitted Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value curves"): a customer's
 * transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ), independent of the purchase process.
 */
public record GammaGammaModel(double p, double q, double gamma) {

    public GammaGammaModel {
        if (!(p > 0 && q > 0 && gamma > 0)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be positive: " + p + ", " + q + ", " + gamma);
        }
    }

    /** Log-likelihood of one customer's mean value {@code meanValue} over {@code x} transactions (x &gt; 0). */
    public double logLikelihood(double x, double meanValue) {
        double px = p * x;
        return SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) - SpecialFunctions.logGamma(q)
                + q * Math.log(gamma) + (px - 1) * Math.log(meanValue) + px * Math.log(x)
                - (px + q) * Math.log(gamma + x * meanValue);
    }

    /** Mean transaction value across the population, pγ/(q−1); infinite when q ≤ 1. */
    public double populationMeanValue() {
        return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
    }

    /**
     * E[M | x, m̄], eq. (5) of the paper: a weighted average of the population mean and the customer's observed mean.
     * A customer without repeat transactions gets the population mean. When q ≤ 1 the population mean does not exist
     * and the observed mean (or NaN without one) is returned instead.
     */
    public double expectedAverageValue(double x, double meanValue) {
        if (x <= 0 || !(meanValue > 0)) {
            return q > 1 ? populationMeanValue() : Double.NaN;
        }
        if (q <= 1) {
            return meanValue;
        }
        double px = p * x;
        double weight = (q - 1) / (px + q - 1);
        return weight * populationMeanValue() + (1 - weight) * meanValue;
    }
}
