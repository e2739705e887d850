package io.shopsense.profile;

import java.util.Collection;
import java.util.List;

/**
 * The seed's {@code User_Feature = Σ wᵢ·zᵢ}: the means and standard deviations that standardise each feature across a
 * shop's customers, and the weights (see {@link EngagementWeights} for the features and their defaults).
 *
 * @param weights the wᵢ
 * @param means   population mean per feature
 * @param stdDevs population standard deviation per feature (0 means the feature contributes nothing)
 */
public record EngagementModel(EngagementWeights weights, List<Double> means, List<Double> stdDevs) {

    static final int FEATURES = 5;

    public EngagementModel {
        means = List.copyOf(means);
        stdDevs = List.copyOf(stdDevs);
        if (means.size() != FEATURES || stdDevs.size() != FEATURES) {
            throw new IllegalArgumentException("expected " + FEATURES + " means and standard deviations");
        }
    }

    /** Raw feature values of one customer, in the order of {@link EngagementWeights}. */
    public static double[] features(CustomerHistory h) {
        double recency = h.daysSinceLastEvent() == null ? 0 : h.daysSinceLastEvent();
        double refundRate = h.revenue() > 0 ? h.refunds() / h.revenue() : 0;
        return new double[] {
            recency,
            Math.log1p(h.orders()),
            Math.log1p(Math.max(0, h.monetary())),
            Math.log1p(h.browsingEvents()),
            refundRate};
    }

    /** Standardises over every customer given (population moments). */
    public static EngagementModel fit(Collection<CustomerHistory> histories, EngagementWeights weights) {
        double[] sum = new double[FEATURES];
        double[] sumSq = new double[FEATURES];
        int n = histories.size();
        for (CustomerHistory h : histories) {
            double[] x = features(h);
            for (int k = 0; k < FEATURES; k++) {
                sum[k] += x[k];
            }
        }
        Double[] means = new Double[FEATURES];
        for (int k = 0; k < FEATURES; k++) {
            means[k] = n == 0 ? 0 : sum[k] / n;
        }
        // Two passes: the centred sum of squares is stable where E[x²] − E[x]² is not.
        for (CustomerHistory h : histories) {
            double[] x = features(h);
            for (int k = 0; k < FEATURES; k++) {
                double d = x[k] - means[k];
                sumSq[k] += d * d;
            }
        }
        Double[] sds = new Double[FEATURES];
        for (int k = 0; k < FEATURES; k++) {
            sds[k] = n == 0 ? 0 : Math.sqrt(sumSq[k] / n);
        }
        return new EngagementModel(weights, List.of(means), List.of(sds));
    }

    /** Σ wᵢ·(xᵢ − μᵢ)/σᵢ over the features with spread. */
    public double score(CustomerHistory history) {
        double[] x = features(history);
        double[] w = weights.asArray();
        double score = 0;
        for (int k = 0; k < FEATURES; k++) {
            double sd = stdDevs.get(k);
            if (sd > 0) {
                score += w[k] * (x[k] - means.get(k)) / sd;
            }
        }
        return score;
    }
}
