package io.shopsense.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An {@link IngestionLedger} in memory: for the command line's one-off runs and for tests. */
public final class InMemoryIngestionLedger implements IngestionLedger {
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.Set<String> counted = new java.util.HashSet<>();
    private Totals totals = Totals.NONE;

    @Override
    public Optional<Entry> find(String sourceId) {
        return Optional.ofNullable(entries.get(sourceId));
    }

    @Override
    public boolean finish(Entry entry) {
        return entries.putIfAbsent(entry.sourceId(), entry) == null;
    }

    @Override
    public synchronized void count(String sourceId, long rows, java.time.Instant latestEvent) {
        if (counted.add(sourceId)) {
            totals = totals.plus(rows, latestEvent);
        }
    }

    @Override
    public synchronized Totals totals() {
        return totals;
    }
}
