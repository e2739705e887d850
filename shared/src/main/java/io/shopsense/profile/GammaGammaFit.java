package io.shopsense.profile;

/**
 * The outcome of fitting Gamma-Gamma by maximum likelihood.
 *
 * @param model         the estimates
 * @param logLikelihood total log-likelihood at the estimates
 * @param customers     customers with repeat transactions that were fitted
 * @param evaluations   likelihood evaluations the optimiser used
 * @param fitMillis     wall-clock time of the fit, for benchmarks
 */
public record GammaGammaFit(GammaGammaModel model, double logLikelihood, int customers, int evaluations,
                            double fitMillis) {
}
