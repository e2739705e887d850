package io.shopsense.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger that makes every trigger idempotent without transactions: a delivery whose {@code sourceId} is recorded
 * as finished is skipped; finishing is a conditional write, so of two concurrent runs only one records completion
 * (both write identical outputs, so either may win).
 */
public interface IngestionLedger {

    /** How a delivery ended: its outputs are complete (DONE), or the whole input was refused (FAILED). */
    enum Status { DONE, FAILED }

    /** What the ledger keeps of one finished delivery. */
    record Entry(String sourceId, String function, Status status, Map<String, String> details) {
    }

    Optional<Entry> find(String sourceId);

    /**
     * Records a finished delivery unless one is already recorded.
     *
     * @return true if this call recorded it, false if it was already there
     */
    boolean finish(Entry entry);

    /**
     * The running total of clean event rows over every upload cleaned (docs/architecture.md §7), so the Spark
     * hand-off measures its input with one read instead of one per upload manifest.
     *
     * @param uploads     uploads counted
     * @param rows        their clean event rows
     * @param latestEvent the latest event time among them; null before any
     */
    record Totals(long uploads, long rows, Instant latestEvent) {
        public static final Totals NONE = new Totals(0, 0, null);

        /** These totals with one more upload. */
        public Totals plus(long uploadRows, Instant uploadLatest) {
            Instant latest = latestEvent == null || (uploadLatest != null && uploadLatest.isAfter(latestEvent))
                    ? uploadLatest : latestEvent;
            return new Totals(uploads + 1, rows + uploadRows, latest);
        }
    }

    /**
     * Adds one upload's clean event rows and latest event time to the totals, once per {@code sourceId} however often
     * the upload is delivered or its cleaning retried (the ledger remembers it for its time to live).
     */
    void count(String sourceId, long rows, Instant latestEvent);

    /** The totals (one read). */
    Totals totals();
}
