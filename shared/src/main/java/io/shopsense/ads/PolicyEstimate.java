package io.shopsense.ads;

/**
 * A policy's estimated click rate on the judged rows by three estimators, each with its 95% bootstrap interval.
 * {@link #ciLow()} / {@link #ciHigh()} are the IPW interval (IPW is unbiased with the known logging propensities).
 */
public record PolicyEstimate(String policy, double ipw, double snipw, double dr, double ipwLow, double ipwHigh,
                             double snipwLow, double snipwHigh, double drLow, double drHigh) {

    public double ciLow() {
        return ipwLow;
    }

    public double ciHigh() {
        return ipwHigh;
    }
}
