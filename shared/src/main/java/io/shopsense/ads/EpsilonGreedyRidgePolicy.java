package io.shopsense.ads;

/**
 * A contextual policy: a ridge regression of click on user, item and position features, acted on epsilon-greedily
 * (Sutton &amp; Barto §2.2): the item with the highest predicted click gets {@code 1 − ε} (split among ties) and every
 * item gets {@code ε / K}, so π is exact and never zero.
 *
 * <p>Features of (user, item, position): intercept, position one-hot, item one-hot, the user-item affinity, the
 * item's numeric feature, and every user feature's one-hot crossed with the item's first categorical feature
 * (so that which items win can depend on who the user is).
 */
public final class EpsilonGreedyRidgePolicy implements SlotPolicy {
    private final double epsilon;
    private final double lambda;

    public EpsilonGreedyRidgePolicy(double epsilon, double lambda) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1]");
        }
        this.epsilon = epsilon;
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return "epsilon-greedy-ridge";
    }

    @Override
    public ActionDistribution fit(BanditLog log, int[] trainRows, ItemContext items) {
        Features features = new Features(log, items);
        double[][] x = new double[trainRows.length][];
        double[] y = new double[trainRows.length];
        for (int i = 0; i < trainRows.length; i++) {
            int r = trainRows[i];
            x[i] = features.dense(log, r, log.items()[r], log.positions()[r]);
            y[i] = log.clicks()[r];
        }
        double[] beta = RidgeRegression.fit(x, y, null, lambda, 1);
        int k = log.itemCount();
        return (l, row, out) -> {
            double best = Double.NEGATIVE_INFINITY;
            int ties = 0;
            double[] scores = new double[k];
            for (int a = 0; a < k; a++) {
                scores[a] = features.score(l, row, a, l.positions()[row], beta);
                if (scores[a] > best + 1e-15) {
                    best = scores[a];
                    ties = 1;
                } else if (Math.abs(scores[a] - best) <= 1e-15) {
                    ties++;
                }
            }
            for (int a = 0; a < k; a++) {
                out[a] = epsilon / k + (Math.abs(scores[a] - best) <= 1e-15 ? (1 - epsilon) / ties : 0);
            }
        };
    }

    /** The feature layout; scores sparsely so that judging K items per row stays cheap. */
    static final class Features {
        private final ItemContext items;
        private final int positionOffset = 1;
        private final int itemOffset;
        private final int affinityIndex;
        private final int numericIndex;
        private final int crossOffset;
        private final int[] userOffsets;
        private final int crossLevels;
        private final int size;

        Features(BanditLog log, ItemContext items) {
            this.items = items;
            itemOffset = positionOffset + log.positionCount();
            affinityIndex = itemOffset + log.itemCount();
            numericIndex = affinityIndex + 1;
            crossOffset = numericIndex + 1;
            crossLevels = items.levels().length > 0 ? items.levels()[0] : 1;
            userOffsets = new int[log.userLevels().length];
            int next = crossOffset;
            for (int j = 0; j < userOffsets.length; j++) {
                userOffsets[j] = next;
                next += log.userLevels()[j] * crossLevels;
            }
            size = next;
        }

        private int category(int item) {
            return item < items.size() && items.categorical()[item].length > 0 ? items.categorical()[item][0] : 0;
        }

        private double numeric(int item) {
            return item < items.size() ? items.numeric()[item] : 0;
        }

        double[] dense(BanditLog log, int row, int item, int position) {
            double[] x = new double[size];
            x[0] = 1;
            x[positionOffset + position] = 1;
            x[itemOffset + item] = 1;
            x[affinityIndex] = log.affinity()[row][item];
            x[numericIndex] = numeric(item);
            int cat = category(item);
            for (int j = 0; j < userOffsets.length; j++) {
                x[userOffsets[j] + log.userFeatures()[row][j] * crossLevels + cat] = 1;
            }
            return x;
        }

        double score(BanditLog log, int row, int item, int position, double[] beta) {
            double s = beta[0] + beta[positionOffset + position] + beta[itemOffset + item]
                    + beta[affinityIndex] * log.affinity()[row][item] + beta[numericIndex] * numeric(item);
            int cat = category(item);
            for (int j = 0; j < userOffsets.length; j++) {
                int code = log.userFeatures()[row][j];
                if (code < log.userLevels()[j]) {
                    s += beta[userOffsets[j] + code * crossLevels + cat];
                }
            }
            return s;
        }
    }
}
