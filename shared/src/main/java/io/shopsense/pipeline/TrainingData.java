package io.shopsense.pipeline;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.CleanOutput;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.CleanRequest;
import io.shopsense.clean.ExportCleaner;
import io.shopsense.clean.Reject;
import io.shopsense.clean.RowKind;
import io.shopsense.model.Event;
import io.shopsense.model.Item;
import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What recommendation training reads: a shop's clean events and its catalogue (one row per item, the last row read
 * winning), from the bucket's {@code clean/events/} and {@code clean/catalog/} or from one export cleaned in memory.
 */
public record TrainingData(List<Event> events, List<Item> catalogue) {
    public static final String EVENTS_PREFIX = Layout.cleanPrefix(RowKind.EVENTS.prefix());
    public static final String CATALOG_PREFIX = Layout.cleanPrefix(RowKind.CATALOG.prefix());

    public TrainingData {
        events = List.copyOf(events);
        catalogue = List.copyOf(catalogue);
    }

    /** Every clean event and catalogue row in {@code store}, in key order. */
    /** The same data without the events of erased customers. */
    public TrainingData without(io.shopsense.security.ErasedCustomers erased) {
        if (erased.isEmpty()) {
            return this;
        }
        return new TrainingData(events.stream().filter(e -> !erased.contains(e.userId())).toList(), catalogue);
    }

    public static TrainingData read(ObjectStore store) throws IOException {
        List<Event> events = onceEachLiveEvent(CleanRows.allEvents(store, EVENTS_PREFIX));
        List<Item> rows = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : cleanObjects(store, CATALOG_PREFIX)) {
            rows.addAll(CleanRows.read(store, info.key(), CanonicalJson::readItem));
        }
        return new TrainingData(events, latestPerItem(rows));
    }

    /**
     * The catalogue's names and prices alone (no events read): the lookup a part that shows items to a person uses
     * when it has no catalogue in hand (campaign exports, reports), the same rows the nightly build names lists from.
     */
    public static io.shopsense.model.ItemNames itemNames(ObjectStore store) throws IOException {
        List<Item> rows = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : cleanObjects(store, CATALOG_PREFIX)) {
            rows.addAll(CleanRows.read(store, info.key(), CanonicalJson::readItem));
        }
        return io.shopsense.model.ItemNames.of(latestPerItem(rows));
    }

    /**
     * Item id → category from the clean catalogue (no events read): what profiles sum category affinities by. The
     * latest row that names a category wins; a row without one (an orders export's catalogue rows carry none) does not
     * erase what a catalogue upload said.
     */
    public static Map<String, String> itemCategories(ObjectStore store) throws IOException {
        Map<String, String> categories = new java.util.HashMap<>();
        for (ObjectStore.ObjectInfo info : cleanObjects(store, CATALOG_PREFIX)) {
            for (Item item : CleanRows.read(store, info.key(), CanonicalJson::readItem)) {
                if (item.category() != null && !item.category().isBlank()) {
                    categories.put(item.itemId(), item.category());
                }
            }
        }
        return categories;
    }

    /** The {@code .jsonl(.gz)} objects under a clean prefix, in key order (what {@link CleanRows} reads). */
    public static List<ObjectStore.ObjectInfo> cleanObjects(ObjectStore store, String prefix) {
        return store.list(prefix).stream()
                .filter(info -> info.key().endsWith(".jsonl.gz") || info.key().endsWith(".jsonl"))
                .toList();
    }

    /**
     * Cleans one export in memory (the command line's raw-file input). Rejected rows are dropped.
     *
     * @throws IllegalArgumentException when the file cannot be cleaned at all (its report's error and message)
     */
    public static TrainingData clean(InputStream raw, CleanRequest request) {
        List<Event> events = new ArrayList<>();
        List<Item> rows = new ArrayList<>();
        CleanReport report = new ExportCleaner().clean(raw, request, new CleanOutput() {
            @Override
            public void row(RowKind kind, LocalDate dt, String jsonLine) {
                switch (kind) {
                    case EVENTS -> events.add(CanonicalJson.readEvent(jsonLine));
                    case CATALOG -> rows.add(CanonicalJson.readItem(jsonLine));
                    default -> { }   // ad rows train nothing here
                }
            }

            @Override
            public void reject(Reject reject) {
            }
        });
        if (!report.ok()) {
            throw new IllegalArgumentException(request.objectKey() + " could not be cleaned: " + report.errorCode()
                    + ": " + report.errorMessage());
        }
        return new TrainingData(events, latestPerItem(rows));
    }

    /**
     * A live event (no sourceId) is re-published whenever a client retries it into another training batch; its
     * eventId is what makes it one event, as it is for the profile fold.
     */
    private static List<Event> onceEachLiveEvent(List<Event> events) {
        java.util.Set<String> liveIds = new java.util.HashSet<>();
        List<Event> once = new ArrayList<>(events.size());
        for (Event event : events) {
            if (event.sourceId() != null || liveIds.add(event.eventId())) {
                once.add(event);
            }
        }
        return once;
    }

    /**
     * The items recommendations may name: the catalogue; for a shop that never uploaded one (its exports carry no
     * catalogue rows, as generic event or OTTO exports do), the items its uploaded exports name. Live events from
     * {@code POST /events} never add an item: nobody but the caller vouches for them.
     */
    public List<Item> listedItems() {
        if (!catalogue.isEmpty()) {
            return catalogue;
        }
        Map<String, Item> uploaded = new LinkedHashMap<>();
        for (Event e : events) {
            if (e.sourceId() != null) {
                uploaded.putIfAbsent(e.itemId(), new Item(e.itemId(), null, null, 0, true, true));
            }
        }
        return new ArrayList<>(uploaded.values());
    }

    /** The time of the latest event, if any. */
    public Optional<Instant> latestEvent() {
        return events.stream().map(Event::ts).max(Instant::compareTo);
    }

    private static List<Item> latestPerItem(Collection<Item> rows) {
        Map<String, Item> latest = new LinkedHashMap<>();
        rows.forEach(item -> latest.put(item.itemId(), item));
        return new ArrayList<>(latest.values());
    }
}
