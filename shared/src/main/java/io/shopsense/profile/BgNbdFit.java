package io.shopsense.profile;

/**
 * The outcome of fitting BG/NBD by maximum likelihood.
 *
 * @param model         the estimates
 * @param logLikelihood total log-likelihood at the estimates
 * @param customers     number of customers fitted
 * @param evaluations   likelihood evaluations the optimiser used
 * @param fitMillis     wall-clock time of the fit, for benchmarks (never asserted in tests)
 */
public record BgNbdFit(BgNbdModel model, double logLikelihood, int customers, int evaluations, double fitMillis) {
}
