package io.shopsense.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.RowKind;
import io.shopsense.clean.UploadManifest;
import io.shopsense.model.Event;
import io.shopsense.model.Review;
import io.shopsense.security.ErasedCustomers;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ObjectStore.ObjectInfo;
import io.shopsense.store.ProfileStore;
import io.shopsense.store.RecommendationStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Removes erased customers from every place the system keeps them, after {@code DELETE /users/{id}} removed their
 * profile and recommendations and wrote the erasure record: the clean event history (affected partitions rewritten without them, the uploads'
 * manifests and dedup id lists adjusted so rows in = clean + rejected + erased still holds), the rejects files (their
 * lines removed), the assistant's unanswered questions that name them, and any profile or recommendation row still
 * there (an erasure recorded before keyed records, or a fold racing the delete). Idempotent: a second sweep finds
 * nothing.
 *
 * <p>Each place is one {@link Place} in {@link #places}; a new store of customer data (audiences, exports) is one more
 * entry there. Unkeyed erasure records whose id the sweep meets are re-keyed ({@link Erasures#rekey}).
 */
public final class ForgetSweep {
    /** What one sweep removed. */
    public record Result(int erased, Map<String, Long> removedByPlace, int objectsRewritten, int rekeyed) {
    }

    /** One place that keeps customer data in the bucket, and how it forgets the erased. */
    interface Place {
        String name();

        /** Removes every trace of the erased customers; returns how many rows, lines or objects went. */
        long forget(ErasedCustomers erased, Counts counts) throws IOException;
    }

    /** Running totals a sweep shares between its places. */
    static final class Counts {
        int objectsRewritten;
        /** Erased ids found in the data (the records name none). */
        final Set<String> idsMet = new LinkedHashSet<>();
        final Set<String> legacyIdsMet = new LinkedHashSet<>();
        private final java.util.function.Consumer<String> rekey;

        Counts(java.util.function.Consumer<String> rekey) {
            this.rekey = rekey;
        }

        /**
         * An id erased by an unkeyed record, met in the data: re-keyed at once, before its data is rewritten. Meeting
         * the id is the only way to learn it from a plain hash, and a sweep that failed after the rewrite and before
         * a later re-key would never meet it again, leaving the reversible record for good.
         */
        void metLegacy(String userId) {
            if (legacyIdsMet.add(userId)) {
                rekey.accept(userId);
            }
        }
        /** Per upload: rows and event lines leaving the clean history, rejects leaving by reason, event ids. */
        final Map<String, SourceChange> bySource = new TreeMap<>();

        SourceChange source(String sourceId) {
            return bySource.computeIfAbsent(sourceId, s -> new SourceChange());
        }
    }

    /** How one upload's manifest and id list change. */
    static final class SourceChange {
        final Set<Long> cleanRows = new HashSet<>();
        long eventLines;
        long reviewLines;
        final Map<String, Long> rejectsByReason = new TreeMap<>();
        final Set<Long> eventIds = new HashSet<>();
    }

    private final ObjectStore bucket;
    private final Erasures erasures;
    private final ProfileStore profiles;
    private final RecommendationStore recommendations;
    private final List<Place> places;

    public ForgetSweep(ObjectStore bucket, Erasures erasures, ProfileStore profiles,
                       RecommendationStore recommendations) {
        this.bucket = bucket;
        this.erasures = erasures;
        this.profiles = profiles;
        this.recommendations = recommendations;
        // The tables last: they also forget the ids the bucket's places met (a record from before keyed records,
        // or a profile folded in the moment between the API's delete and its record).
        this.places = List.of(new CleanEvents(), new CleanReviews(), new Rejects(), new UnansweredQuestions(),
                new Audiences(), new TaobaoOrders(), new Campaigns(), new CustomerTables());
    }

    public Result sweep() throws IOException {
        ErasedCustomers erased = erasures.load();
        Map<String, Long> removed = new LinkedHashMap<>();
        if (erased.isEmpty()) {
            return new Result(0, removed, 0, 0);
        }
        Counts counts = new Counts(erasures::rekey);
        for (Place place : places) {
            removed.put(place.name(), place.forget(erased, counts));
        }
        for (var change : counts.bySource.entrySet()) {
            adjustManifest(change.getKey(), change.getValue(), counts);
        }
        return new Result(erased.size(), removed, counts.objectsRewritten, counts.legacyIdsMet.size());
    }

    /** {@code clean/events/}: each partition object holding an erased customer's event is rewritten without it. */
    private final class CleanEvents implements Place {
        @Override
        public String name() {
            return "cleanEvents";
        }

        @Override
        public long forget(ErasedCustomers erased, Counts counts) throws IOException {
            long removed = 0;
            for (ObjectInfo info : bucket.list(Layout.cleanPrefix("events"))) {
                if (!info.key().endsWith(".jsonl.gz")) {
                    continue;
                }
                List<String> kept = new ArrayList<>();
                long dropped = 0;
                for (String line : lines(info.key())) {
                    Event event = CanonicalJson.readEvent(line);
                    if (!erased.contains(event.userId())) {
                        kept.add(line);
                        continue;
                    }
                    dropped++;
                    counts.idsMet.add(event.userId());
                    if (erased.isLegacy(event.userId())) {
                        counts.metLegacy(event.userId());
                    }
                    if (event.sourceId() != null) { // live events have no upload, hence no manifest
                        SourceChange change = counts.source(event.sourceId());
                        change.cleanRows.add(event.sourceRow());
                        change.eventLines++;
                        parseEventId(event.eventId()).ifPresent(change.eventIds::add);
                    }
                }
                if (dropped > 0) {
                    rewrite(info.key(), kept, true);
                    counts.objectsRewritten++;
                    removed += dropped;
                }
            }
            return removed;
        }
    }

    // --- reviews (issue #17) ---
    /** {@code clean/reviews/}: each partition object holding an erased customer's review is rewritten without it. */
    private final class CleanReviews implements Place {
        @Override
        public String name() {
            return "cleanReviews";
        }

        @Override
        public long forget(ErasedCustomers erased, Counts counts) throws IOException {
            long removed = 0;
            for (ObjectInfo info : bucket.list(Layout.cleanPrefix(ReviewRows.KIND))) {
                if (!info.key().endsWith(".jsonl.gz")) {
                    continue;
                }
                List<String> kept = new ArrayList<>();
                long dropped = 0;
                for (String line : lines(info.key())) {
                    Review review = CanonicalJson.readReview(line);
                    if (review.isAnonymous() || !erased.contains(review.userId())) {
                        kept.add(line);
                        continue;
                    }
                    dropped++;
                    counts.idsMet.add(review.userId());
                    if (erased.isLegacy(review.userId())) {
                        counts.metLegacy(review.userId());
                    }
                    SourceChange change = counts.source(review.sourceId());
                    change.cleanRows.add(review.sourceRow());
                    change.reviewLines++;
                }
                if (dropped > 0) {
                    rewrite(info.key(), kept, true);
                    counts.objectsRewritten++;
                    removed += dropped;
                }
            }
            return removed;
        }
    }
    // --- end reviews

    /** {@code rejects/}: a line whose raw text or detail names an erased customer goes. */
    private final class Rejects implements Place {
        @Override
        public String name() {
            return "rejects";
        }

        @Override
        public long forget(ErasedCustomers erased, Counts counts) throws IOException {
            long removed = 0;
            for (ObjectInfo info : bucket.list(Layout.REJECTS)) {
                List<String> kept = new ArrayList<>();
                long dropped = 0;
                for (String line : lines(info.key())) {
                    JsonNode reject = Json.MAPPER.readTree(line);
                    if (!erased.mentionedIn(reject.path("raw").asText()) && !erased.mentionedIn(reject.path("detail").asText())) {
                        kept.add(line);
                        continue;
                    }
                    dropped++;
                    counts.source(reject.path("sourceId").asText()).rejectsByReason
                            .merge(reject.path("reason").asText(), 1L, Long::sum);
                }
                if (dropped > 0) {
                    rewrite(info.key(), kept, false);
                    counts.objectsRewritten++;
                    removed += dropped;
                }
            }
            return removed;
        }
    }

    /** The assistant's unanswered questions: an ask that names an erased customer (id or pseudonym) is deleted. */
    private final class UnansweredQuestions implements Place {
        @Override
        public String name() {
            return "unansweredQuestions";
        }

        @Override
        public long forget(ErasedCustomers erased, Counts counts) throws IOException {
            long removed = 0;
            for (ObjectInfo info : bucket.list(UnansweredLog.PREFIX)) {
                JsonNode ask;
                try (InputStream in = bucket.open(info.key())) {
                    ask = Json.MAPPER.readTree(in);
                }
                if (ask != null && erased.mentionedIn(ask.path("question").asText())) {
                    bucket.delete(info.key());
                    removed++;
                }
            }
            return removed;
        }
    }

    /** The Profiles and Recommendations tables: rows of erased customers go. */
    /** build-audiences' member pages, index and the exports of every date ({@link AudienceBuild#forget}). */
    private final class Audiences implements Place {
        @Override
        public String name() {
            return "audiences";
        }

        @Override
        public long forget(ErasedCustomers erased, Counts counts) throws IOException {
            return new AudienceBuild(bucket, profiles, () -> erased::contains).forget(erased::contains);
        }
    }

    /** The Taobao order index: an erased buyer's orders keep only their id, marked erased ({@link OrderIndex#forget}). */
    private final class TaobaoOrders implements Place {
        @Override
        public String name() {
            return "taobaoOrderIndex";
        }

        @Override
        public long forget(ErasedCustomers erased, Counts counts) {
            return new OrderIndex(bucket, io.shopsense.clean.OrderBook.DEFAULT_HOLD_WINDOW).forget(erased::contains);
        }
    }

    /** Launched campaigns' frozen assignments and treatment exports: the erased customer's lines go. */
    private final class Campaigns implements Place {
        @Override
        public String name() {
            return "campaigns";
        }

        @Override
        public long forget(ErasedCustomers erased, Counts counts) throws IOException {
            return new CampaignLaunch(bucket, recommendations, () -> erased::contains).forget(erased::contains);
        }
    }

    private final class CustomerTables implements Place {
        @Override
        public String name() {
            return "profilesAndRecommendations";
        }

        @Override
        public long forget(ErasedCustomers erased, Counts counts) {
            Set<String> ids = new LinkedHashSet<>(counts.idsMet);
            profiles.scan(stored -> {
                if (erased.contains(stored.userId())) {
                    ids.add(stored.userId());
                    if (erased.isLegacy(stored.userId())) {
                        counts.metLegacy(stored.userId());
                    }
                }
            });
            long removed = 0;
            for (String id : ids) {
                removed += (profiles.delete(id) ? 1 : 0) + (recommendations.delete(id) ? 1 : 0);
            }
            return removed;
        }
    }

    /**
     * The upload's manifest after its erased rows left: clean rows and rejected rows become erased rows, so
     * {@code rowsIn = rowsClean + rowsRejected + rowsErased} still holds; its dedup id list loses their event ids.
     */
    private void adjustManifest(String sourceId, SourceChange change, Counts counts) throws IOException {
        String key = Layout.manifestKey(sourceId);
        if (bucket.find(key).isEmpty()) {
            return; // an upload cleaned by the command line, or its manifest is not written yet
        }
        UploadManifest manifest;
        try (InputStream in = bucket.open(key)) {
            manifest = UploadManifest.read(in);
        }
        CleanReport report = manifest.report().withRowsErased(change.cleanRows.size(), change.rejectsByReason,
                Map.of(RowKind.EVENTS.prefix(), change.eventLines, ReviewRows.KIND, change.reviewLines));
        bucket.put(key, manifest.withReport(report).toJson(), "application/json");
        counts.objectsRewritten++;
        if (!change.eventIds.isEmpty()) {
            removeEventIds(Layout.eventIdsKey(sourceId), change.eventIds, counts);
        }
    }

    private void removeEventIds(String key, Set<Long> gone, Counts counts) throws IOException {
        if (bucket.find(key).isEmpty()) {
            return;
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(bucket.open(key), 1 << 16));
             DataOutputStream out = new DataOutputStream(kept)) {
            while (true) {
                long id = in.readLong();
                if (!gone.contains(id)) {
                    out.writeLong(id);
                }
            }
        } catch (EOFException end) {
            // every id read
        }
        bucket.put(key, kept.toByteArray(), "application/octet-stream");
        counts.objectsRewritten++;
    }

    private static java.util.Optional<Long> parseEventId(String eventId) {
        try {
            return eventId != null && eventId.length() == 16
                    ? java.util.Optional.of(Long.parseUnsignedLong(eventId, 16)) : java.util.Optional.empty();
        } catch (NumberFormatException notAnUploadId) {
            return java.util.Optional.empty();
        }
    }

    private List<String> lines(String key) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream raw = bucket.open(key);
             InputStream in = key.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /**
     * Writes the kept lines back under the same key, an empty object when none are left: objects are rewritten,
     * never deleted, so an upload keeps the outputs its manifest describes.
     */
    private void rewrite(String key, List<String> kept, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes) {
            for (String line : kept) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        bucket.put(key, bytes.toByteArray(), "application/x-ndjson");
    }
}
