package io.shopsense.jobs;

import io.shopsense.clean.CleanLimits;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.CleanRequest;
import io.shopsense.clean.DedupWindow;
import io.shopsense.clean.ExportCleaner;
import io.shopsense.clean.ExportFormat;
import io.shopsense.clean.ExportParts;
import io.shopsense.clean.RowKind;
import io.shopsense.pipeline.Layout;
import io.shopsense.pipeline.PartitionFiles;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.store.SourceIds;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * clean-upload's work on one large upload as a Spark job: the file is cleaned in parts (byte ranges starting at line
 * starts), each by the project's own reader, mappers and rules ({@link ExportParts}), and the outputs are the objects
 * {@code ./shopsense clean FILE --out DIR} and the function write ({@code clean/…}, {@code rejects/…},
 * {@code manifests/{sourceId}.json} and {@code .eventids}; for a local directory also {@code manifest.json} and
 * {@code rejects.jsonl} at its top).
 *
 * <p>Dedup across parts: a first pass cleans each part with its output discarded and reports the dedup keys it saw
 * first; a shuffle by key gives every later part the keys an earlier part claimed, and the second pass rejects those
 * rows as in-file duplicates, as the whole-file cleaner rejects the second copy of a row. The first pass also counts
 * each part's records, which numbers the second pass's rows. So the input is read twice, in parallel.
 *
 * <p>Cleaned whole, in one task, by {@link ExportCleaner} itself: gzip and UTF-16 uploads, formats whose rows depend
 * on the rows before them (Shopify orders carry order fields down), files that fail at their start, and files whose
 * parts do not begin at record boundaries (a quoted line break across a part's end). Refused: Taobao reports and
 * reviews, whose cleaning reads the bucket's order index and catalogue (clean-upload cleans them).
 */
final class CleanJob {
    /** 64 MB parts: a few seconds of cleaning per core, few enough parts that each stays worth a task. */
    static final long DEFAULT_PART_BYTES = 64L << 20;

    /**
     * The cleaning settings {@code ./shopsense clean} and the function take from their options and environment.
     *
     * @param sourceId   null: derived as the command line derives it (a local file's path, size and time) or, for a
     *                   bucket object, as the function derives it (bucket, key, ETag)
     * @param receivedAt null: now (the command line's "now"; the function passes the S3 event's time)
     */
    record Settings(ZoneId zone, String currency, ExportFormat format, long partBytes, String sourceId,
                    Instant receivedAt) implements Serializable {
        private static final long serialVersionUID = 1L;
        static final Settings DEFAULTS = new Settings(ZoneId.of("UTC"), "GBP", null, DEFAULT_PART_BYTES, null, null);
    }

    /** What the job did: the upload's report (its manifest), how it was cleaned, and in how many parts. */
    record Result(String sourceId, CleanReport report, boolean inParts, int parts) {
    }

    /** One upload as every task names it. */
    private record Upload(String location, String name, String sourceId, Instant receivedAt, Settings settings)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The request UploadCleaner builds for a file of the command line (no erasures, window, order index). */
        CleanRequest request() {
            return CleanRequest.of(sourceId, name).withFormat(settings.format())
                    .withExpectedKind(Layout.rowKindFromRawKey(name).orElse(null)).withZone(settings.zone())
                    .withLimits(CleanLimits.DEFAULT).withDedup(DedupWindow.none())
                    .withDefaultCurrency(settings.currency()).withReceivedAt(receivedAt);
        }
    }

    /** Bytes [start, end) of the upload, the {@code index}-th part. */
    private record Span(int index, long start, long end, boolean last) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** What the first pass learned about a part. */
    private record Scan(int index, long records, boolean alignedWithNext, long[] firstKeys) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Part of an output object: {@code bytes} go at the part's place in the object named {@code key}. */
    private record Blob(String key, int index, byte[] bytes) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private record PartOutput(ExportParts.PartResult result, List<Blob> blobs) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final SparkSession spark;
    private final JobFiles files;
    private final Settings settings;

    CleanJob(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.files = JobFiles.of(spark);
        this.settings = settings;
    }

    Result run(String input, String out) throws IOException {
        Upload upload = upload(input);
        long length = files.length(input);
        ExportParts.Plan plan;
        try (InputStream start = files.open(input)) {
            plan = ExportParts.plan(start, upload.request());
        }
        refuseBucketBoundFormats(plan.format(), upload.name());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Span> spans = plan.splittable() ? spans(input, length) : List.of();
        PartOutputs outputs = spans.size() > 1 ? inParts(sc, upload, plan, spans, length) : null;
        boolean inParts = outputs != null;
        if (!inParts) {
            outputs = whole(sc, upload);
        }
        try {
            write(out, upload, outputs);
        } finally {
            outputs.rdd().unpersist(false);
        }
        return new Result(upload.sourceId(), outputs.report(), inParts, inParts ? spans.size() : 1);
    }

    /** The parts' outputs (kept until written) and the upload's report. */
    private record PartOutputs(JavaRDD<PartOutput> rdd, CleanReport report, ExportParts.Merged merged) {
    }

    private PartOutputs inParts(JavaSparkContext sc, Upload upload, ExportParts.Plan plan, List<Span> spans,
                                long length) throws IOException {
        String input = upload.location();
        JobFiles files = this.files;
        CompletableFuture<String> sha256 = CompletableFuture.supplyAsync(() -> sha256(files, input));
        JavaRDD<Scan> scans = sc.parallelize(spans, spans.size())
                .map(span -> scan(files, upload, plan, span))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Scan> counts = new ArrayList<>(scans.map(s -> new Scan(s.index(), s.records(), s.alignedWithNext(),
                    new long[0])).collect());
            counts.sort(Comparator.comparingInt(Scan::index));
            if (!counts.stream().allMatch(Scan::alignedWithNext)) {
                System.err.println("shopsense spark clean: a part does not start at a record boundary (a quoted line "
                        + "break); cleaning " + input + " whole");
                return null;
            }
            Map<Integer, long[]> claimed = claimedEarlier(scans);
            List<ExportParts.Part> parts = new ArrayList<>();
            long recordsBefore = 0;
            for (Scan count : counts) {
                parts.add(new ExportParts.Part(count.index(), count.index() == spans.size() - 1,
                        recordsBefore - plan.headerRecord(), claimed.getOrDefault(count.index(), new long[0])));
                recordsBefore += count.records();
            }
            List<Tuple2<Span, ExportParts.Part>> work = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                work.add(new Tuple2<>(spans.get(i), parts.get(i)));
            }
            JavaRDD<PartOutput> outputs = sc.parallelize(work, work.size())
                    .map(w -> cleanPart(files, upload, plan, w._1(), w._2()))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            List<ExportParts.PartResult> results = new ArrayList<>(outputs.map(PartOutput::result).collect());
            ExportParts.Merged merged = ExportParts.merge(plan, upload.request(), results, sha256.join(), length);
            return new PartOutputs(outputs, merged.report(), merged);
        } finally {
            scans.unpersist(false);
        }
    }

    /**
     * For every part, the dedup keys an earlier part saw first (a shuffle by key): the part's first row with such a
     * key is the file's second copy of that row.
     */
    private static Map<Integer, long[]> claimedEarlier(JavaRDD<Scan> scans) {
        return scans.flatMapToPair(scan -> LongStream.of(scan.firstKeys())
                        .mapToObj(key -> new Tuple2<>(key, scan.index())).iterator())
                .groupByKey()
                .flatMapToPair(byKey -> {
                    List<Integer> seenIn = new ArrayList<>();
                    byKey._2().forEach(seenIn::add);
                    int first = seenIn.stream().mapToInt(Integer::intValue).min().orElseThrow();
                    return seenIn.stream().filter(index -> index != first)
                            .map(index -> new Tuple2<>(index, byKey._1())).iterator();
                })
                .groupByKey()
                .mapValues(keys -> StreamSupport.stream(keys.spliterator(), false).mapToLong(Long::longValue)
                        .toArray())
                .collectAsMap();
    }

    /** The whole file in one task, by the whole-file cleaner. */
    private PartOutputs whole(JavaSparkContext sc, Upload upload) {
        JobFiles files = this.files;
        JavaRDD<PartOutput> outputs = sc.parallelize(List.of(upload), 1)
                .map(u -> cleanWhole(files, u))
                .persist(StorageLevel.MEMORY_AND_DISK());
        CleanReport report = outputs.map(o -> o.result().report()).first();
        return new PartOutputs(outputs, report, null);
    }

    /** Publishes as UploadCleaner does: rows, rejects and event ids, then the end rows, the manifest last. */
    private void write(String out, Upload upload, PartOutputs outputs) throws IOException {
        JobFiles files = this.files;
        outputs.rdd().flatMap(o -> o.blobs().iterator())
                .mapToPair(blob -> new Tuple2<>(blob.key(), blob))
                .groupByKey()
                .foreach(object -> {
                    List<Blob> blobs = new ArrayList<>();
                    object._2().forEach(blobs::add);
                    blobs.sort(Comparator.comparingInt(Blob::index));
                    files.write(out, object._1(), blobs.stream().map(Blob::bytes).toList());
                });
        CleanReport report = outputs.report();
        ExportParts.Merged merged = outputs.merged();
        if (merged != null && !merged.finishRows().isEmpty()) {
            List<Blob> endRows = localOutput(upload.sourceId(), 0, upload.name(), rows -> {
                for (String line : merged.finishRows()) {
                    rows.row(merged.finishKind(), merged.finishDt(), line);
                }
                return null; // rows without a report of their own
            });
            for (Blob blob : endRows) {
                files.write(out, blob.key(), blob.bytes());
            }
        }
        byte[] manifest = UploadCleaner.manifestOf(upload.name(), report).toJson();
        files.write(out, Layout.manifestKey(upload.sourceId()), manifest);
        if (!JobFiles.isUri(out)) {
            // the command line's quick look at the top of the directory
            String rejects = Layout.rejectsKey(UploadCleaner.kindOf(upload.name(), report), upload.sourceId());
            files.write(out, "rejects.jsonl", report.ok() && files.exists(out, rejects) ? files.read(out, rejects)
                    : new byte[0]);
            files.write(out, "manifest.json", manifest);
        }
    }

    private static Scan scan(JobFiles files, Upload upload, ExportParts.Plan plan, Span span) throws IOException {
        LongStream.Builder keys = LongStream.builder();
        try (InputStream in = files.open(upload.location(), span.start(), span.end())) {
            ExportParts.PartResult result = ExportParts.scan(in, plan,
                    new ExportParts.Part(span.index(), span.last(), 0, new long[0]), upload.request(), keys::add);
            return new Scan(span.index(), result.records(), result.alignedWithNext(), keys.build().toArray());
        }
    }

    private static PartOutput cleanPart(JobFiles files, Upload upload, ExportParts.Plan plan, Span span,
                                        ExportParts.Part part) throws IOException {
        ExportParts.PartResult[] result = new ExportParts.PartResult[1];
        List<Blob> blobs = localOutput(upload.sourceId(), span.index(), upload.name(), out -> {
            try (InputStream in = files.open(upload.location(), span.start(), span.end())) {
                result[0] = ExportParts.clean(in, plan, part, upload.request(), out, key -> { });
            }
            return result[0].report();
        });
        return new PartOutput(result[0], blobs);
    }

    private static PartOutput cleanWhole(JobFiles files, Upload upload) throws IOException {
        CleanReport[] report = new CleanReport[1];
        List<Blob> blobs = localOutput(upload.sourceId(), 0, upload.name(), out -> {
            try (InputStream raw = files.open(upload.location())) {
                report[0] = new ExportCleaner().clean(new BufferedInputStream(raw, 1 << 16), upload.request(), out);
            }
            return report[0];
        });
        return new PartOutput(new ExportParts.PartResult(report[0], 0, List.of(), true), blobs);
    }

    /** Cleaning that writes into {@link PartitionFiles}; returns its report (null for rows without one). */
    private interface Cleaning {
        CleanReport clean(PartitionFiles out) throws IOException;
    }

    /**
     * Runs the cleaning into local files (a task's disk, as the function uses /tmp) and reads them back as blobs
     * named by their object keys; a failed file yields none (UploadCleaner publishes only its manifest).
     */
    private static List<Blob> localOutput(String sourceId, int index, String name, Cleaning cleaning)
            throws IOException {
        Path work = Files.createTempDirectory("shopsense-clean-" + index + "-");
        PartitionFiles out = new PartitionFiles(work, sourceId);
        try {
            CleanReport report;
            try (out) {
                report = cleaning.clean(out);
            }
            List<Blob> blobs = new ArrayList<>();
            if (report != null && !report.ok()) {
                return blobs;
            }
            for (PartitionFiles.Partition partition : out.partitions()) {
                blobs.add(new Blob(Layout.cleanKey(partition.kind().prefix(), partition.dt(), sourceId), index,
                        Files.readAllBytes(partition.file())));
            }
            if (out.rejectCount() > 0) {
                blobs.add(new Blob(Layout.rejectsKey(UploadCleaner.kindOf(name, report), sourceId), index,
                        Files.readAllBytes(out.rejectsFile())));
            }
            if (Files.size(out.eventIdsFile()) > 0) {
                blobs.add(new Blob(Layout.eventIdsKey(sourceId), index, Files.readAllBytes(out.eventIdsFile())));
            }
            return blobs;
        } finally {
            out.delete();
        }
    }

    /** Part boundaries: every {@code partBytes}, moved to the next line start. */
    private List<Span> spans(String input, long length) throws IOException {
        List<Long> starts = new ArrayList<>(List.of(0L));
        for (long nominal = settings.partBytes(); nominal < length; nominal += settings.partBytes()) {
            long start;
            try (InputStream in = files.open(input, nominal - 1, length)) {
                start = ExportParts.lineStartFrom(in, nominal);
            }
            if (start < length && start > starts.get(starts.size() - 1)) {
                starts.add(start);
            }
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            boolean last = i == starts.size() - 1;
            spans.add(new Span(i, starts.get(i), last ? length : starts.get(i + 1), last));
        }
        return spans;
    }

    /** The upload's name and source id as the command line (a local file) or the function (an object) has them. */
    private Upload upload(String input) throws IOException {
        Instant receivedAt = settings.receivedAt() != null ? settings.receivedAt() : Instant.now();
        if (!JobFiles.isUri(input)) {
            Path file = Path.of(input);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + input);
            }
            String sourceId = settings.sourceId() != null ? settings.sourceId() : SourceIds.of("local",
                    file.toAbsolutePath().toString(), Files.size(file) + "-"
                            + Files.getLastModifiedTime(file).toMillis());
            return new Upload(input, file.getFileName().toString(), sourceId, receivedAt, settings);
        }
        java.net.URI uri = java.net.URI.create(input);
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        org.apache.hadoop.fs.FileStatus status = files.status(input);
        String version = status instanceof org.apache.hadoop.fs.EtagSource tagged && tagged.getEtag() != null
                ? tagged.getEtag() : status.getLen() + "-" + status.getModificationTime();
        String sourceId = settings.sourceId() != null ? settings.sourceId()
                : SourceIds.of(uri.getHost(), key, version);
        return new Upload(input, key, sourceId, receivedAt, settings);
    }

    private static void refuseBucketBoundFormats(ExportFormat format, String name) {
        if (format == null) {
            return; // the whole-file cleaner reports why
        }
        if (format.kind() == RowKind.REVIEWS || format == ExportFormat.TAOBAO_ORDERS
                || format == ExportFormat.TAOBAO_ITEMS) {
            throw new IllegalArgumentException(format.code() + " uploads are checked against what the bucket "
                    + "already holds (catalogue, order index): clean-upload cleans them, not the Spark job");
        }
        if (format == ExportFormat.ADS_CSV && name.contains(Layout.RAW + "ads/")) {
            throw new IllegalArgumentException("ad results under raw/ads/ are checked against the bucket's "
                    + "audiences: clean-upload cleans them, not the Spark job");
        }
    }

    private static String sha256(JobFiles files, String input) {
        try (InputStream in = files.open(input)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
