package io.shopsense.pipeline;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.Event;
import io.shopsense.store.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/** Reads canonical rows back from {@code clean/…} objects (gzip JSON Lines, one row per line). */
public final class CleanRows {
    private CleanRows() {
    }

    public static List<Event> events(ObjectStore store, String key) throws IOException {
        return read(store, key, CanonicalJson::readEvent);
    }

    /** Every event under a prefix, e.g. {@code clean/events/} (for rebuilds and model training). */
    public static List<Event> allEvents(ObjectStore store, String prefix) throws IOException {
        List<Event> events = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : store.list(prefix)) {
            if (info.key().endsWith(".jsonl.gz") || info.key().endsWith(".jsonl")) {
                events.addAll(events(store, info.key()));
            }
        }
        return events;
    }

    public static <T> List<T> read(ObjectStore store, String key, Function<String, T> parse) throws IOException {
        List<T> rows = new ArrayList<>();
        try (InputStream raw = store.open(key);
             InputStream in = key.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(parse.apply(line));
                }
            }
        }
        return rows;
    }
}
