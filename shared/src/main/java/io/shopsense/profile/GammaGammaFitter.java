package io.shopsense.profile;

import io.shopsense.math.NelderMead;

/**
 * Fits Gamma-Gamma by maximum likelihood on the customers with repeat transactions, using the mean value of those
 * repeat transactions (the first transaction is left out, as in the paper). Log-parameters, Nelder-Mead with restarts.
 */
public final class GammaGammaFitter {

    private final NelderMead optimiser;

    public GammaGammaFitter() {
        this(NelderMead.forLogParameters());
    }

    public GammaGammaFitter(NelderMead optimiser) {
        this.optimiser = optimiser;
    }

    /** Fits on the repeat customers of a summary; throws when there are none. */
    public GammaGammaFit fit(TransactionSummary summary) {
        return fit(summary.x(), summary.meanRepeatValue());
    }

    /** Fits on rows with {@code x > 0} and a positive mean value; other rows are skipped. */
    public GammaGammaFit fit(double[] x, double[] meanValue) {
        long started = System.nanoTime();
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x[i], meanValue[i])) {
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no customers with repeat transactions to fit");
        }
        double[] xs = new double[n];
        double[] ms = new double[n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (usable(x[i], meanValue[i])) {
                xs[j] = x[i];
                ms[j++] = meanValue[i];
            }
        }
        NelderMead.Result result = optimiser.minimize(p -> -logLikelihood(p, xs, ms), new double[3]);
        double[] p = result.point();
        GammaGammaModel model = new GammaGammaModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]));
        double millis = (System.nanoTime() - started) / 1e6;
        return new GammaGammaFit(model, -result.value(), n, result.evaluations(), millis);
    }

    private static boolean usable(double x, double meanValue) {
        return x > 0 && meanValue > 0 && Double.isFinite(meanValue);
    }

    private static double logLikelihood(double[] logParams, double[] xs, double[] ms) {
        double p = Math.exp(logParams[0]);
        double q = Math.exp(logParams[1]);
        double gamma = Math.exp(logParams[2]);
        if (!(p > 0 && q > 0 && gamma > 0) || Double.isInfinite(p + q + gamma)) {
            return Double.NEGATIVE_INFINITY;
        }
        GammaGammaModel model = new GammaGammaModel(p, q, gamma);
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            sum += model.logLikelihood(xs[i], ms[i]);
        }
        return sum;
    }
}
