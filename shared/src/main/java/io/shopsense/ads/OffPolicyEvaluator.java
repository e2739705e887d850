package io.shopsense.ads;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Judges slot policies on a logged file: the entry point of {@code shopsense ads evaluate}. Rows are ordered by
 * timestamp; policies learn on the earlier half and are judged on the later half by IPW, self-normalised IPW and
 * doubly robust estimates with seeded bootstrap intervals. The doubly robust reward model is the per item × position
 * click rate of the training half, shrunk towards the overall rate with {@code shrinkage} pseudo-impressions.
 */
public final class OffPolicyEvaluator {
    private final long seed;
    private final int bootstrapRounds;
    private final double shrinkage;

    public OffPolicyEvaluator(long seed, int bootstrapRounds) {
        this(seed, bootstrapRounds, 10);
    }

    public OffPolicyEvaluator(long seed, int bootstrapRounds, double shrinkage) {
        this.seed = seed;
        this.bootstrapRounds = bootstrapRounds;
        this.shrinkage = shrinkage;
    }

    /** Evaluates every policy on the later half of {@code log}. */
    public OffPolicyReport evaluate(BanditLog log, ItemContext items, List<SlotPolicy> policies) {
        int[] order = IntStream.range(0, log.size()).boxed()
                .sorted(Comparator.comparingLong(r -> log.timestamps()[r])).mapToInt(Integer::intValue).toArray();
        int half = order.length / 2;
        int[] train = java.util.Arrays.copyOfRange(order, 0, half);
        int[] judged = java.util.Arrays.copyOfRange(order, half, order.length);
        double[][] q = rewardModel(log, train);

        int n = judged.length;
        int k = log.itemCount();
        double[] r = new double[n];
        double[] qLogged = new double[n];
        int[] rowIds = new int[n];
        for (int i = 0; i < n; i++) {
            int row = judged[i];
            r[i] = log.clicks()[row];
            qLogged[i] = q[log.positions()[row]][log.items()[row]];
            rowIds[i] = log.rowIds()[row];
        }
        List<OffPolicyReport.Result> results = new ArrayList<>();
        for (SlotPolicy policy : policies) {
            SlotPolicy.ActionDistribution pi = policy.fit(log, train, items);
            double[] w = new double[n];
            double[] d = new double[n];
            double[] piLogged = new double[n];
            double[] dist = new double[k];
            for (int i = 0; i < n; i++) {
                int row = judged[i];
                pi.probabilities(log, row, dist);
                piLogged[i] = dist[log.items()[row]];
                w[i] = piLogged[i] / log.propensities()[row];
                double[] qp = q[log.positions()[row]];
                for (int a = 0; a < k; a++) {
                    d[i] += dist[a] * qp[a];
                }
            }
            double[] ci = OffPolicyEstimators.bootstrap(w, r, qLogged, d, bootstrapRounds, seed);
            PolicyEstimate estimate = new PolicyEstimate(policy.name(), OffPolicyEstimators.ipw(w, r),
                    OffPolicyEstimators.snipw(w, r), OffPolicyEstimators.doublyRobust(w, r, qLogged, d),
                    ci[0], ci[1], ci[2], ci[3], ci[4], ci[5]);
            results.add(new OffPolicyReport.Result(estimate, piLogged));
        }
        return new OffPolicyReport(results, log.clickRate(judged), train.length, rowIds);
    }

    /** q̂(position, item) = (clicks + κ·m) / (shows + κ), m the training click rate. */
    double[][] rewardModel(BanditLog log, int[] train) {
        int positions = log.positionCount();
        double[][] shows = new double[positions][log.itemCount()];
        double[][] clicks = new double[positions][log.itemCount()];
        for (int row : train) {
            shows[log.positions()[row]][log.items()[row]]++;
            clicks[log.positions()[row]][log.items()[row]] += log.clicks()[row];
        }
        double m = log.clickRate(train);
        double[][] q = new double[positions][log.itemCount()];
        for (int p = 0; p < positions; p++) {
            for (int a = 0; a < log.itemCount(); a++) {
                q[p][a] = (clicks[p][a] + shrinkage * m) / (shows[p][a] + shrinkage);
            }
        }
        return q;
    }
}
