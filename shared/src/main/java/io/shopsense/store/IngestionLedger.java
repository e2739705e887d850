package io.shopsense.store;

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
}
