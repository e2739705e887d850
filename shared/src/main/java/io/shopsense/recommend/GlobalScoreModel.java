package io.shopsense.recommend;

/** A model that gives every user the same scores (popularity, trending): one vector, copied per call. */
final class GlobalScoreModel implements ScoringModel {
    private final String algorithm;
    private final double[] itemScores;

    GlobalScoreModel(String algorithm, double[] itemScores) {
        this.algorithm = algorithm;
        this.itemScores = itemScores;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public void score(int user, double[] scores) {
        System.arraycopy(itemScores, 0, scores, 0, itemScores.length);
    }

    /** The shared score of one item. */
    double itemScore(int item) {
        return itemScores[item];
    }
}
