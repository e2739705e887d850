package io.shopsense.model;

/**
 * Recency, frequency and monetary quintile scores, each 1 (worst fifth of the shop's customers) to 5 (best fifth).
 */
public record RfmScore(int recency, int frequency, int monetary) {

    public RfmScore {
        check("recency", recency);
        check("frequency", frequency);
        check("monetary", monetary);
    }

    /** The three digits as marketers write them, e.g. {@code "545"}. */
    public String code() {
        return "" + recency + frequency + monetary;
    }

    private static void check(String name, int score) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException(name + " score must be 1..5, was " + score);
        }
    }
}
