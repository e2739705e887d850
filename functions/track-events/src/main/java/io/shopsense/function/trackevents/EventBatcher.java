package io.shopsense.function.trackevents;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.Event;
import io.shopsense.pipeline.Layout;
import io.shopsense.store.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Collects live events in the container and writes them to {@code clean/events/dt=…/live-….jsonl.gz} in batches (at
 * {@link #MAX_EVENTS} events or when the oldest has waited {@link #MAX_AGE}), so training sees them without one S3
 * object per event. Profiles are updated before an event is buffered; a container that is reclaimed with a
 * non-empty buffer loses those events from the training files only (see the README).
 */
final class EventBatcher {
    static final int MAX_EVENTS = 100;
    static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final ObjectStore bucket;
    private final Clock clock;
    private final List<Event> buffer = new ArrayList<>();
    /** Event ids this container has buffered or written (bounded): a retried POST is not published twice. */
    private final java.util.Set<String> published = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 100_000;
                }
            });
    private Instant oldest;

    EventBatcher(ObjectStore bucket, Clock clock) {
        this.bucket = bucket;
        this.clock = clock;
    }

    /** Adds events; writes the buffer if it is full or old enough. Returns the keys written, if any. */
    synchronized List<String> add(List<Event> events) {
        List<Event> fresh = events.stream().filter(e -> published.add(e.eventId())).toList();
        if (fresh.isEmpty()) {
            return List.of(); // a client's retry: these events are buffered or written already
        }
        if (buffer.isEmpty()) {
            oldest = clock.instant();
        }
        buffer.addAll(fresh);
        if (buffer.size() >= MAX_EVENTS || !clock.instant().isBefore(oldest.plus(MAX_AGE))) {
            return flush();
        }
        return List.of();
    }

    synchronized List<String> flush() {
        Map<LocalDate, List<Event>> byDay = new TreeMap<>();
        buffer.forEach(e -> byDay.computeIfAbsent(e.ts().atOffset(ZoneOffset.UTC).toLocalDate(), d -> new ArrayList<>()).add(e));
        List<String> keys = new ArrayList<>();
        byDay.forEach((day, events) -> {
            String key = Layout.cleanKey("events", day, "live-" + digest(events));
            bucket.put(key, gzipLines(events), "application/x-ndjson");
            keys.add(key);
        });
        buffer.clear();
        return keys;
    }

    /**
     * The batch's name: a hash of its event ids, so a replayed batch rewrites the same object with the same bytes
     * instead of adding a copy (a container id and counter named a new object on every replay).
     */
    private static String digest(List<Event> events) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            events.forEach(e -> sha.update((e.eventId() + "\n").getBytes(StandardCharsets.UTF_8)));
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzipLines(List<Event> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Event event : events) {
                gzip.write((CanonicalJson.eventLine(event) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
