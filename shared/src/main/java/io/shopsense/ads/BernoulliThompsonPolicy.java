package io.shopsense.ads;

import io.shopsense.math.RandomVariates;
import java.util.SplittableRandom;

/**
 * Bernoulli Thompson sampling per item and position (Thompson 1933; Chapelle &amp; Li 2011): each (item, position)
 * has a Beta(α₀ + clicks, β₀ + non-clicks) posterior from the training rows; at a position the policy draws every
 * item's click rate and shows the highest. Its probability of showing item {@code a} at position {@code p} is
 * P(a's draw is the largest), estimated once per position by {@code draws} seeded Monte Carlo draws (it does not
 * depend on the user). An item that never wins in the draws gets π = 0 (its rows then carry IPW weight 0).
 */
public final class BernoulliThompsonPolicy implements SlotPolicy {
    private final double priorAlpha;
    private final double priorBeta;
    private final int draws;
    private final long seed;

    public BernoulliThompsonPolicy(double priorAlpha, double priorBeta, int draws, long seed) {
        this.priorAlpha = priorAlpha;
        this.priorBeta = priorBeta;
        this.draws = draws;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "bernoulli-ts";
    }

    @Override
    public ActionDistribution fit(BanditLog log, int[] trainRows, ItemContext items) {
        int k = log.itemCount();
        int positions = log.positionCount();
        double[][] shows = new double[positions][k];
        double[][] clicks = new double[positions][k];
        for (int r : trainRows) {
            shows[log.positions()[r]][log.items()[r]]++;
            clicks[log.positions()[r]][log.items()[r]] += log.clicks()[r];
        }
        double[][] pi = new double[positions][k];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int p = 0; p < positions; p++) {
            for (int m = 0; m < draws; m++) {
                int best = 0;
                double bestDraw = -1;
                for (int a = 0; a < k; a++) {
                    double draw = RandomVariates.beta(priorAlpha + clicks[p][a],
                            priorBeta + shows[p][a] - clicks[p][a], rng);
                    if (draw > bestDraw) {
                        bestDraw = draw;
                        best = a;
                    }
                }
                pi[p][best]++;
            }
            for (int a = 0; a < k; a++) {
                pi[p][a] /= draws;
            }
        }
        return (l, row, out) -> System.arraycopy(pi[l.positions()[row]], 0, out, 0, k);
    }
}
