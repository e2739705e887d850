package io.shopsense.profile;

import io.shopsense.math.NelderMead;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits BG/NBD by maximum likelihood over all customers. The optimiser works on log-parameters so every step stays in
 * the positive domain; the likelihood is summed in log space. Customers with identical (x, tx, T) are counted once
 * with a weight, which shrinks the work on cohorts where many customers share a first day and never return.
 */
public final class BgNbdFitter {

    private final NelderMead optimiser;

    public BgNbdFitter() {
        this(NelderMead.forLogParameters());
    }

    public BgNbdFitter(NelderMead optimiser) {
        this.optimiser = optimiser;
    }

    /** Fits on a transaction summary (weeks). */
    public BgNbdFit fit(TransactionSummary summary) {
        return fit(summary.x(), summary.tx(), summary.age());
    }

    /** Fits on parallel arrays of repeat transactions, last-transaction time and age (weeks). */
    public BgNbdFit fit(double[] x, double[] tx, double[] age) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no customers to fit");
        }
        long started = System.nanoTime();
        WeightedRows rows = WeightedRows.of(x, tx, age);
        NelderMead.Result result = optimiser.minimize(p -> -logLikelihood(p, rows), new double[4]);
        double[] p = result.point();
        BgNbdModel model = new BgNbdModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
        double millis = (System.nanoTime() - started) / 1e6;
        return new BgNbdFit(model, -result.value(), x.length, result.evaluations(), millis);
    }

    private static double logLikelihood(double[] logParams, WeightedRows rows) {
        double r = Math.exp(logParams[0]);
        double alpha = Math.exp(logParams[1]);
        double a = Math.exp(logParams[2]);
        double b = Math.exp(logParams[3]);
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || Double.isInfinite(r + alpha + a + b)) {
            return Double.NEGATIVE_INFINITY;
        }
        BgNbdModel model = new BgNbdModel(r, alpha, a, b);
        double sum = 0;
        for (int i = 0; i < rows.x.length; i++) {
            sum += rows.weight[i] * model.logLikelihood(rows.x[i], rows.tx[i], rows.age[i]);
        }
        return sum;
    }

    /** Distinct (x, tx, T) rows with their multiplicity. */
    private record WeightedRows(double[] x, double[] tx, double[] age, double[] weight) {
        static WeightedRows of(double[] x, double[] tx, double[] age) {
            Map<List<Double>, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < x.length; i++) {
                counts.merge(List.of(x[i], tx[i], age[i]), 1, Integer::sum);
            }
            int n = counts.size();
            double[] ux = new double[n];
            double[] utx = new double[n];
            double[] uage = new double[n];
            double[] w = new double[n];
            int i = 0;
            for (var entry : counts.entrySet()) {
                ux[i] = entry.getKey().get(0);
                utx[i] = entry.getKey().get(1);
                uage[i] = entry.getKey().get(2);
                w[i] = entry.getValue();
                i++;
            }
            return new WeightedRows(ux, utx, uage, w);
        }
    }
}
