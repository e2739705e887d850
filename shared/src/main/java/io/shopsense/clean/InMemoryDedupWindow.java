package io.shopsense.clean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DedupWindow} held in memory as compact 64-bit hashes (about 24 bytes per id at most), remembering at least
 * the last {@code capacity / 2} ids and at most {@code capacity}; older ones are forgotten first. One instance can
 * serve a warm Lambda container or a CLI run across several files.
 */
public final class InMemoryDedupWindow implements DedupWindow {
    private final LongSet ids;
    private final Map<String, Integer> sourceTags = new HashMap<>();
    private final List<String> sources = new ArrayList<>();

    /** A window of up to {@code capacity} ids. */
    public InMemoryDedupWindow(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2, was " + capacity);
        }
        this.ids = new LongSet(capacity, true);
    }

    @Override
    public boolean seenElsewhere(long id, String sourceId) {
        int tag = ids.get(id);
        return tag >= 0 && !sources.get(tag).equals(sourceId);
    }

    @Override
    public void record(long id, String sourceId) {
        ids.add(id, sourceTags.computeIfAbsent(sourceId, s -> {
            sources.add(s);
            return sources.size() - 1;
        }));
    }
}
