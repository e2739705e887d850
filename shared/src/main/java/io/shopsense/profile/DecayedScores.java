package io.shopsense.profile;

import io.shopsense.model.Affinity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exponentially decayed sums per key, stored as their values at one reference instant:
 * {@code score(k, t) = Σ wᵢ · 2^(−(t − tᵢ) / halfLife)}. Because decay is multiplicative, scores can be moved to any
 * instant by one factor, and events can be added in any order; that makes the sums mergeable across files.
 *
 * @param reference the instant the scores are valid at; null when empty
 * @param scores    key → score at {@code reference}
 */
public record DecayedScores(Instant reference, Map<String, Double> scores) {

    private static final double MILLIS_PER_DAY = 86_400_000.0;

    public DecayedScores {
        scores = Map.copyOf(scores);
    }

    /** No scores. */
    public static DecayedScores empty() {
        return new DecayedScores(null, Map.of());
    }

    /** The factor 2^(−Δ/h) that carries a score from {@code from} to {@code to}. */
    static double decay(Instant from, Instant to, double halfLifeDays) {
        double days = (to.toEpochMilli() - from.toEpochMilli()) / MILLIS_PER_DAY;
        return Math.pow(2, -days / halfLifeDays);
    }

    /** The strongest positive scores as of {@code asOf}, best first (ties by key), at most {@code limit}. */
    public List<Affinity> top(Instant asOf, double halfLifeDays, int limit) {
        if (reference == null) {
            return List.of();
        }
        double factor = decay(reference, asOf, halfLifeDays);
        List<Affinity> all = new ArrayList<>();
        for (Map.Entry<String, Double> entry : scores.entrySet()) {
            double score = entry.getValue() * factor;
            if (score > 0) {
                all.add(new Affinity(entry.getKey(), score));
            }
        }
        all.sort((x, y) -> Ties.key(x.score()) != Ties.key(y.score())
                ? Double.compare(Ties.key(y.score()), Ties.key(x.score())) : x.key().compareTo(y.key()));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** Mutable accumulator used while folding one batch. */
    static final class Accumulator {
        private Instant reference;
        private final Map<String, Double> scores;

        Accumulator(DecayedScores start) {
            this.reference = start.reference;
            this.scores = new HashMap<>(start.scores);
        }

        /** Moves the reference forward to {@code instant} if it is later, decaying every score once. */
        void advanceTo(Instant instant, double halfLifeDays) {
            if (reference == null) {
                reference = instant;
            } else if (instant.isAfter(reference)) {
                double factor = decay(reference, instant, halfLifeDays);
                scores.replaceAll((k, v) -> v * factor);
                reference = instant;
            }
        }

        /** Adds weight {@code w} of an event at {@code ts} (at or before the reference). */
        void add(String key, double w, Instant ts, double halfLifeDays) {
            scores.merge(key, w * decay(ts, reference, halfLifeDays), Double::sum);
        }

        /** Keeps the {@code max} keys with the largest scores (ties by key) so stored items stay small. */
        DecayedScores build(int max) {
            Map<String, Double> kept = new TreeMap<>(scores);
            if (kept.size() > max) {
                List<Map.Entry<String, Double>> entries = new ArrayList<>(kept.entrySet());
                entries.sort((x, y) -> Ties.key(x.getValue()) != Ties.key(y.getValue())
                        ? Double.compare(Ties.key(y.getValue()), Ties.key(x.getValue()))
                        : x.getKey().compareTo(y.getKey()));
                kept = new TreeMap<>();
                for (Map.Entry<String, Double> entry : entries.subList(0, max)) {
                    kept.put(entry.getKey(), entry.getValue());
                }
            }
            return new DecayedScores(reference, kept);
        }
    }
}
