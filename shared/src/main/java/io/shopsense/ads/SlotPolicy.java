package io.shopsense.ads;

import java.util.List;

/**
 * A slot (item × position) policy to be judged offline: {@link #fit} learns from training rows of a log and
 * returns the policy's action distribution for any row.
 */
public interface SlotPolicy {

    /** Short name used in reports, e.g. {@code bernoulli-ts}. */
    String name();

    /** Learns from {@code trainRows} of {@code log}. */
    ActionDistribution fit(BanditLog log, int[] trainRows, ItemContext items);

    /** The policies judged by default: uniform random, Bernoulli Thompson sampling, epsilon-greedy ridge. */
    static List<SlotPolicy> defaults(long seed) {
        return List.of(new UniformPolicy(), new BernoulliThompsonPolicy(1, 1, 20_000, seed),
                new EpsilonGreedyRidgePolicy(0.2, 1.0));
    }

    /** A fitted policy: probabilities of every item at a row's logged position, given the row's user. */
    @FunctionalInterface
    interface ActionDistribution {
        /** Writes π(item | user of {@code row}, position of {@code row}) for every item into {@code out}. */
        void probabilities(BanditLog log, int row, double[] out);
    }
}
