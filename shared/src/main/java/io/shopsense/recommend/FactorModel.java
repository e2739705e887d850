package io.shopsense.recommend;

/**
 * A latent-factor model: user and item vectors of one rank, stored row-major in flat arrays, scoring
 * {@code s(u,i) = x_u · y_i}. iALS produces it here; factors trained elsewhere (Spark MLlib ALS on EMR) can be
 * wrapped the same way, provided their rows follow the indices of the {@link InteractionData} used for serving.
 */
public final class FactorModel implements ScoringModel {
    private final String algorithm;
    private final int rank;
    private final double[] userFactors;
    private final double[] itemFactors;

    /**
     * @param userFactors users × rank, row-major
     * @param itemFactors items × rank, row-major
     */
    public FactorModel(String algorithm, int rank, double[] userFactors, double[] itemFactors) {
        if (rank < 1 || userFactors.length % rank != 0 || itemFactors.length % rank != 0) {
            throw new IllegalArgumentException("factor arrays must be a multiple of the rank");
        }
        this.algorithm = algorithm;
        this.rank = rank;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    public int rank() {
        return rank;
    }

    /** Dot product of the user's vector with every item's vector. */
    @Override
    public void score(int user, double[] scores) {
        int uo = user * rank;
        int items = itemFactors.length / rank;
        for (int i = 0; i < items; i++) {
            int io = i * rank;
            double s = 0;
            for (int f = 0; f < rank; f++) {
                s += userFactors[uo + f] * itemFactors[io + f];
            }
            scores[i] = s;
        }
    }

    /** A copy of one user's vector. */
    public double[] userVector(int user) {
        return java.util.Arrays.copyOfRange(userFactors, user * rank, (user + 1) * rank);
    }

    /** A copy of one item's vector. */
    public double[] itemVector(int item) {
        return java.util.Arrays.copyOfRange(itemFactors, item * rank, (item + 1) * rank);
    }
}
