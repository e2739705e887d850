package io.shopsense.pipeline;

import io.shopsense.clean.CleanLimits;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.CleanRequest;
import io.shopsense.clean.DedupWindow;
import io.shopsense.clean.ExportCleaner;
import io.shopsense.clean.ErasedFilter;
import io.shopsense.clean.ExportFormat;
import io.shopsense.clean.InMemoryDedupWindow;
import io.shopsense.clean.KnownItems;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.UploadManifest;
import io.shopsense.store.IngestionLedger;
import io.shopsense.store.IngestionLedger.Entry;
import io.shopsense.store.IngestionLedger.Status;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ObjectStore.ObjectInfo;
import io.shopsense.store.SourceIds;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * clean-upload's work, the same for the Lambda (S3 in, S3 out) and the command line (a file in, a directory out):
 * clean one uploaded export into {@code clean/{kind}/dt=…/{sourceId}.jsonl.gz}, {@code rejects/{kind}/{sourceId}.jsonl}
 * and {@code manifests/{sourceId}.json}, then record it in the ledger.
 *
 * <p>Idempotent: a delivery already in the ledger is skipped. Resumable: outputs are built on local disk and published
 * only when the whole file is cleaned, each object appearing whole, the manifest last and the ledger after it; a
 * retry after a crash rewrites the same keys with the same bytes. Cross-file duplicates are found against the event
 * ids of earlier uploads ({@code manifests/{sourceId}.eventids}) within the dedup window.
 */
public final class UploadCleaner {
    public static final String FUNCTION = "clean-upload";

    /**
     * The object to clean: where it is and which version (ETag).
     *
     * @param eventTime when S3 received the object: the cleaner's "now", so a retry tomorrow writes the same output
     * @param size      the object's bytes as the S3 event gives them (what the Spark hand-off measures), or -1 when
     *                  the caller does not know: then it is found by listing, which the function's grants do not allow
     */
    public record Upload(String bucket, String key, String eTag, java.time.Instant eventTime, long size) {
        public Upload(String bucket, String key, String eTag, java.time.Instant eventTime) {
            this(bucket, key, eTag, eventTime, -1);
        }
    }

    /**
     * What happened to one upload.
     *
     * @param detail the outcome record's decision when it says more than the status (a hand-off's reason), else null
     */
    public record Outcome(String sourceId, String key, String status, CleanReport report, String detail) {
        public static final String CLEANED = "cleaned";
        /** Past the upload size threshold: the Spark clean job cleans it, load-spark-results finishes it. */
        public static final String HANDED_OFF = "handed-off";
        public static final String FAILED = "failed";
        public static final String ALREADY_DONE = "already-done";
        /**
         * {@code raw/faq/} (the assistant's FAQ), the ad constraints, audience rules and campaign definitions are
         * settings, not rows to clean.
         */
        public static final String NOT_ROW_DATA = "not-row-data";

        public Outcome(String sourceId, String key, String status, CleanReport report) {
            this(sourceId, key, status, report, null);
        }
    }

    /** Settings from the template's environment. */
    public record Settings(ZoneId shopZone, CleanLimits limits, Duration dedupWindow, int dedupCapacity,
                           String currency, Path workDirectory) {
    }

    /** Sample events carry 1970 as their time; such a time would make every row look like it came from the future. */
    private static final java.time.Instant PLAUSIBLE_EVENT_TIME = java.time.Instant.parse("2000-01-01T00:00:00Z");

    private final ObjectStore store;
    private final IngestionLedger ledger;
    private final Settings settings;
    private final Clock clock;
    private final Supplier<ErasedFilter> erased;
    private final OrderIndex orderIndex;
    private final SparkCleanHandOff sparkClean;
    /** The erasure records, for the names a handed-off job is given (null without any). */
    private final Erasures erasures;

    /** A cleaner for a store without erasure records (the command line's local files, tests). */
    public UploadCleaner(ObjectStore store, IngestionLedger ledger, Settings settings, Clock clock) {
        this(store, ledger, settings, clock, () -> ErasedFilter.NONE, SparkCleanHandOff.never(), null);
    }

    /** A cleaner that drops the rows of customers erased in {@code erasures} (listed once per upload). */
    public UploadCleaner(ObjectStore store, IngestionLedger ledger, Settings settings, Clock clock,
                         Erasures erasures) {
        this(store, ledger, settings, clock, erasures::load, SparkCleanHandOff.never(), erasures);
    }

    /** The function's cleaner: it hands an upload past the size threshold to the Spark clean job. */
    public UploadCleaner(ObjectStore store, IngestionLedger ledger, Settings settings, Clock clock,
                         Erasures erasures, SparkCleanHandOff sparkClean) {
        this(store, ledger, settings, clock, erasures::load, sparkClean, erasures);
    }

    private UploadCleaner(ObjectStore store, IngestionLedger ledger, Settings settings, Clock clock,
                          Supplier<ErasedFilter> erased, SparkCleanHandOff sparkClean, Erasures erasures) {
        this.erased = erased;
        this.sparkClean = sparkClean;
        this.erasures = erasures;
        this.store = store;
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
        this.orderIndex = new OrderIndex(store, io.shopsense.clean.OrderBook.DEFAULT_HOLD_WINDOW);
    }

    /** The Taobao order index this cleaner reads and extends (the command line reports what it still holds). */
    public OrderIndex orderIndex() {
        return orderIndex;
    }

    /** Cleans an object of the store (the Lambda path). */
    public Outcome clean(Upload upload) throws IOException {
        String sourceId = SourceIds.of(upload.bucket(), upload.key(), upload.eTag());
        if (Layout.kindFromRawKey(upload.key()).filter("faq"::equals).isPresent()) {
            publishFaq(upload.key());
            return new Outcome(sourceId, upload.key(), Outcome.NOT_ROW_DATA, null);
        }
        if (upload.key().startsWith(Layout.CAMPAIGN_DEFINITIONS)) {
            publishCampaign(upload.key());
            return new Outcome(sourceId, upload.key(), Outcome.NOT_ROW_DATA, null);
        }
        if (upload.key().equals(Layout.AD_CONSTRAINTS_KEY) || upload.key().startsWith(Layout.AUDIENCE_RULES)) {
            return new Outcome(sourceId, upload.key(), Outcome.NOT_ROW_DATA, null);
        }
        Optional<Entry> done = ledger.find(sourceId);
        if (done.isPresent()) {
            return new Outcome(sourceId, upload.key(), Outcome.ALREADY_DONE, null);
        }
        Optional<String> copyOf = earlierCopy(upload, sourceId);
        Optional<Outcome> handedOff = handOff(upload, sourceId, copyOf);
        if (handedOff.isPresent()) {
            return handedOff.get();
        }
        try (InputStream raw = store.open(upload.key())) {
            return clean(sourceId, upload.key(), raw, null, upload.eventTime(), copyOf);
        }
    }

    /**
     * Past the upload size threshold, starts the Spark clean job instead of cleaning (docs/architecture.md §7): only
     * for formats the job cleans alone ({@link SparkCleanHandOff#jobCleans}, judged from the file's start).
     */
    private Optional<Outcome> handOff(Upload upload, String sourceId, Optional<String> copyOf) throws IOException {
        if (!sparkClean.enabled()) {
            return Optional.empty();
        }
        long bytes = upload.size() >= 0 ? upload.size()
                : store.find(upload.key()).map(ObjectInfo::size).orElse(0L);
        if (!sparkClean.pastThreshold(bytes, true)) {
            return Optional.empty(); // small even if it were gzip: nothing more to read
        }
        java.time.Instant receivedAt = receivedAt(upload.eventTime());
        ExportFormat format;
        boolean gzip;
        try (InputStream start = new BufferedInputStream(store.open(upload.key()), 1 << 16)) {
            start.mark(2);
            gzip = start.read() == 0x1f && start.read() == 0x8b;
            start.reset();
            if (!sparkClean.pastThreshold(bytes, gzip)) {
                return Optional.empty();
            }
            format = io.shopsense.clean.ExportParts.plan(start, CleanRequest.of(sourceId, upload.key())
                    .withZone(settings.shopZone()).withLimits(settings.limits())
                    .withDefaultCurrency(settings.currency()).withReceivedAt(receivedAt)).format();
        }
        if (!SparkCleanHandOff.jobCleans(format, upload.key())) {
            return Optional.empty();
        }
        SparkCleanHandOff.Earlier earlier = new SparkCleanHandOff.Earlier() {
            @Override
            public void eventIds(String id, java.util.function.LongConsumer ids) throws IOException {
                earlierEventIds(id, (other, eventId) -> ids.accept(eventId));
            }

            @Override
            public java.util.List<String> erasureNames() {
                return erasures == null ? java.util.List.of() : erasures.recordNames();
            }
        };
        SparkHandOff.HandedOff run = sparkClean.start(new SparkCleanHandOff.Candidate(sourceId, upload.key(), bytes,
                gzip, format, receivedAt, copyOf), earlier, settings.shopZone(), settings.currency(),
                settings.workDirectory(), ledger);
        return Optional.of(new Outcome(sourceId, upload.key(), Outcome.HANDED_OFF, null, run.decision()));
    }

    /** The cleaner's "now": the S3 event's time, unless it is implausible (samples carry 1970). */
    private java.time.Instant receivedAt(java.time.Instant eventTime) {
        return eventTime != null && eventTime.isAfter(PLAUSIBLE_EVENT_TIME) ? eventTime : clock.instant();
    }

    /**
     * Publishes an FAQ upload unchanged under {@code clean/faq/}, where the assistant's index is built from: S3
     * cannot send {@code raw/faq/} to a second function while {@code raw/} goes to this one (prefixes of one event
     * type may not overlap), so the index builder listens to {@code clean/faq/} instead.
     */
    private void publishFaq(String rawKey) throws IOException {
        byte[] faq;
        try (InputStream in = store.open(rawKey)) {
            faq = in.readAllBytes();
        }
        store.put(Layout.publishedFaqKey(rawKey), faq,
                "text/plain; charset=utf-8");
    }

    /**
     * Publishes a campaign definition unchanged under {@code clean/campaigns/}, launch-campaign's trigger, for the
     * reason the FAQ goes to {@code clean/faq/}; launch-campaign validates it and records a rejection there.
     */
    private void publishCampaign(String rawKey) throws IOException {
        byte[] definition;
        try (InputStream in = store.open(rawKey)) {
            definition = in.readNBytes(io.shopsense.campaign.CampaignDefinition.MAX_BYTES + 1);
        }
        store.put(Layout.publishedCampaignKey(rawKey), definition, "application/json");
    }

    /**
     * The source of an earlier upload with the same bytes (same ETag) within the dedup window, if another upload
     * claimed this content first. Cross-file dedup alone misses copies cleaned at the same time (neither has
     * published its event ids yet), so both were cleaned and their events folded twice; the claim is a conditional
     * write in the ledger, so exactly one of them cleans the rows and the other rejects them as duplicates, as it
     * would had it arrived later.
     */
    private Optional<String> earlierCopy(Upload upload, String sourceId) {
        if (upload.eTag() == null || upload.eTag().isBlank()) {
            return Optional.empty();
        }
        String contentId = "content-" + SourceIds.of(upload.bucket(), "", upload.eTag());
        Map<String, String> claim = Map.of("sourceId", sourceId, "claimedAt", Long.toString(clock.millis()));
        if (ledger.finish(new Entry(contentId, FUNCTION, Status.DONE, claim))) {
            return Optional.empty();
        }
        long windowStart = clock.millis() - settings.dedupWindow().toMillis();
        return ledger.find(contentId).map(Entry::details)
                .filter(first -> !sourceId.equals(first.get("sourceId")))
                .filter(first -> Long.parseLong(first.getOrDefault("claimedAt", "0")) >= windowStart)
                .map(first -> first.get("sourceId"));
    }

    /**
     * The audience names an ad row may target: those of the last audience build ({@code audiences/index.json}; none
     * before the first). Read for ad uploads only; other kinds carry no audience.
     */
    private java.util.Set<String> adAudiences(String name) throws IOException {
        if (!Layout.kindFromRawKey(name).filter("ads"::equals).isPresent()) {
            return null;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        AudienceBuild.index(store).ifPresent(index -> index.audiences().forEach(e -> names.add(e.name())));
        return names;
    }

    /**
     * Cleans a stream that is not in the store (the command line's local file); {@code forcedFormat} may be null.
     */
    public Outcome clean(String sourceId, String name, InputStream raw, ExportFormat forcedFormat,
                         java.time.Instant receivedAt) throws IOException {
        return clean(sourceId, name, raw, forcedFormat, receivedAt, Optional.empty());
    }

    private Outcome clean(String sourceId, String name, InputStream raw, ExportFormat forcedFormat,
                          java.time.Instant receivedAt, Optional<String> copyOf) throws IOException {
        DedupWindow window = copyOf.isPresent() ? DedupWindow.everyIdSeen() : dedupWindow(sourceId);
        KnownItems catalogue = KnownItems.lazily(this::catalogueItems);
        CleanRequest request = CleanRequest.of(sourceId, name)
                .withFormat(forcedFormat)
                .withExpectedKind(Layout.rowKindFromRawKey(name).orElse(null)) // the cleaner reads no key
                .withZone(settings.shopZone())
                .withLimits(settings.limits())
                .withDedup(window)
                .withDefaultCurrency(settings.currency())
                .withErased(erased.get())
                .withKnownItems(catalogue)
                .withOrderBook(orderIndex.bookFor(sourceId))
                .withAudiences(adAudiences(name))
                .withReceivedAt(receivedAt(receivedAt));
        Path work = Files.createTempDirectory(settings.workDirectory(), "clean-" + sourceId + "-");
        PartitionFiles files = new PartitionFiles(work, sourceId);
        try {
            CleanReport report;
            try (files) {
                report = new ExportCleaner(clock).clean(new BufferedInputStream(raw, 1 << 16), request, files);
            }
            publish(sourceId, name, report, files, request.orderBook(), catalogue);
            countEvents(ledger, sourceId, report);
            Status status = report.ok() ? Status.DONE : Status.FAILED;
            ledger.finish(new Entry(sourceId, FUNCTION, status, summary(name, report)));
            return new Outcome(sourceId, name, report.ok() ? Outcome.CLEANED : Outcome.FAILED, report);
        } finally {
            files.delete();
        }
    }

    /**
     * Adds the upload's clean event rows to the ledger's running totals (what the Spark hand-off measures), after
     * its outputs are published and before the ledger records it done: a retry after a crash between the two counts
     * nothing twice (the totals remember the source), and a delivery the ledger skips was counted already.
     */
    private static void countEvents(IngestionLedger ledger, String sourceId, CleanReport report) {
        long events = report.outputsByKind().getOrDefault(io.shopsense.clean.RowKind.EVENTS.prefix(), 0L);
        if (report.ok() && events > 0) {
            ledger.count(sourceId, events, report.lastTs());
        }
    }

    private void publish(String sourceId, String name, CleanReport report, PartitionFiles files,
                         io.shopsense.clean.OrderBook orderBook, KnownItems catalogue) throws IOException {
        String kind = kindOf(name, report);
        if (!report.ok()) {
            // A file that failed as a whole (truncated gzip, unknown format) publishes no rows, only its manifest.
            store.put(Layout.manifestKey(sourceId), manifestOf(name, kind, report, catalogue).toJson(),
                    "application/json");
            return;
        }
        for (PartitionFiles.Partition partition : files.partitions()) {
            store.putFile(Layout.cleanKey(partition.kind().prefix(), partition.dt(), sourceId), partition.file(),
                    "application/x-ndjson");
        }
        if (files.rejectCount() > 0) {
            store.putFile(Layout.rejectsKey(kind, sourceId), files.rejectsFile(), "application/x-ndjson");
        }
        if (Files.size(files.eventIdsFile()) > 0) {
            store.putFile(Layout.eventIdsKey(sourceId), files.eventIdsFile(), "application/octet-stream");
        }
        // after the rows it released, so a crash in between re-releases them on retry (same ids, same bytes)
        orderIndex.publish(sourceId, orderBook);
        // The manifest goes last: its presence says every output above is complete.
        store.put(Layout.manifestKey(sourceId), manifestOf(name, kind, report, catalogue).toJson(),
                "application/json");
    }

    /**
     * The item ids of the clean catalogue ({@code clean/catalog/}), which reviews are checked against; read only when
     * a reviews upload asks. A catalogue that cannot be read fails the invocation (retried), never the rows.
     */
    private java.util.Set<String> catalogueItems() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ObjectInfo info : TrainingData.cleanObjects(store, TrainingData.CATALOG_PREFIX)) {
            try {
                CleanRows.read(store, info.key(), CanonicalJson::readItem).forEach(item -> ids.add(item.itemId()));
            } catch (IOException | IllegalArgumentException e) {
                throw new java.io.UncheckedIOException(new IOException("catalogue " + info.key() + " unreadable", e));
            }
        }
        return ids;
    }

    /** Event ids of earlier uploads whose id lists were written within the window. */
    private InMemoryDedupWindow dedupWindow(String sourceId) throws IOException {
        InMemoryDedupWindow window = new InMemoryDedupWindow(settings.dedupCapacity());
        earlierEventIds(sourceId, (otherSource, id) -> window.record(id, otherSource));
        return window;
    }

    /** Receives one event id of an earlier upload. */
    @FunctionalInterface
    private interface EventIdSink {
        void accept(String sourceId, long id);
    }

    /** Every event id of the uploads other than {@code sourceId} whose id lists were written within the window. */
    private void earlierEventIds(String sourceId, EventIdSink sink) throws IOException {
        long since = clock.millis() - settings.dedupWindow().toMillis();
        for (ObjectInfo info : store.list(Layout.MANIFESTS)) {
            if (!info.key().endsWith(Layout.EVENT_IDS_SUFFIX) || info.lastModifiedMillis() < since) {
                continue;
            }
            String otherSource = Layout.sourceIdOfEventIds(info.key());
            if (otherSource.equals(sourceId)) {
                continue; // our own ids from an interrupted run are not duplicates
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(store.open(info.key()), 1 << 16))) {
                while (true) {
                    sink.accept(otherSource, in.readLong());
                }
            } catch (EOFException end) {
                // every id of this source is recorded
            }
        }
    }

    /** The kind an upload's rejects are filed under: its {@code raw/{kind}/} prefix, else its format's kind. */
    public static String kindOf(String name, CleanReport report) {
        return Layout.kindFromRawKey(name).orElseGet(() -> {
            try {
                return ExportFormat.fromCode(report.format()).kind().prefix();
            } catch (RuntimeException unknownFormat) {
                return "unknown";
            }
        });
    }

    /**
     * The manifest of an upload cleaned elsewhere (the Spark clean job, docs/architecture.md §7), as {@link #clean}
     * publishes it. Not for reviews, whose manifest says whether the bucket's catalogue was checked.
     */
    public static UploadManifest manifestOf(String name, CleanReport report) {
        String kind = kindOf(name, report);
        if (ReviewRows.KIND.equals(kind)) {
            throw new IllegalArgumentException("a reviews manifest depends on the bucket's catalogue");
        }
        return UploadManifest.of(name, kind, report);
    }

    private static UploadManifest manifestOf(String name, String kind, CleanReport report, KnownItems catalogue) {
        return ReviewRows.KIND.equals(kind)
                // whether UNKNOWN_ITEM could be judged: before any catalogue upload every item is accepted
                ? new UploadManifest(name, kind, catalogue.checkable(), report)
                : UploadManifest.of(name, kind, report);
    }

    private static Map<String, String> summary(String name, CleanReport report) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("input", name);
        details.put("format", String.valueOf(report.format()));
        details.put("rowsIn", Long.toString(report.rowsIn()));
        details.put("rowsClean", Long.toString(report.rowsClean()));
        details.put("rowsRejected", Long.toString(report.rowsRejected()));
        details.put("rowsErased", Long.toString(report.rowsErased()));
        details.put("rowsHeld", Long.toString(report.rowsHeld()));
        details.put("status", report.status().code());
        return details;
    }

    /**
     * What clean-upload does after cleaning, for an upload the Spark clean job cleaned (docs/architecture.md §7): the
     * job has written the rows, rejects and event ids; this publishes its manifest (written by
     * {@link #manifestOf(String, CleanReport)}) and then records the upload in the ledger, as {@link #clean} does.
     * Repeating it changes nothing (same bytes; the ledger keeps its first entry).
     *
     * @return the upload's clean report, as the manifest holds it
     */
    public static CleanReport finishCleanedElsewhere(ObjectStore store, IngestionLedger ledger, byte[] manifest)
            throws IOException {
        UploadManifest parsed = UploadManifest.read(manifest);
        CleanReport report = parsed.report();
        if (report.sourceId() == null || report.sourceId().isEmpty()) {
            throw new IOException("not an upload manifest: it names no source id");
        }
        store.put(Layout.manifestKey(report.sourceId()), manifest, "application/json");
        countEvents(ledger, report.sourceId(), report);
        Status status = report.ok() ? Status.DONE : Status.FAILED;
        ledger.finish(new Entry(report.sourceId(), FUNCTION, status, summary(parsed.input(), report)));
        return report;
    }
}
