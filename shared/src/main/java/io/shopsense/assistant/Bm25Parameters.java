package io.shopsense.assistant;

/**
 * The two BM25 knobs.
 *
 * @param k1 how fast repeated occurrences of a term stop adding score (0 = presence only); usual range 1.2–2.0
 * @param b  how much a long passage is penalised against the average length (0 = not at all, 1 = fully)
 */
public record Bm25Parameters(double k1, double b) {
    public Bm25Parameters {
        if (!(k1 >= 0) || Double.isInfinite(k1)) {
            throw new IllegalArgumentException("k1 must be a finite number >= 0, was " + k1);
        }
        if (!(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("b must be in [0, 1], was " + b);
        }
    }

    /** The common defaults, k1 = 1.2 and b = 0.75. */
    public static Bm25Parameters defaults() {
        return new Bm25Parameters(1.2, 0.75);
    }
}
