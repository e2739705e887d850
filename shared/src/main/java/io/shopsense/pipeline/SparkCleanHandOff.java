package io.shopsense.pipeline;

import io.shopsense.clean.ExportFormat;
import io.shopsense.clean.RowKind;
import io.shopsense.store.IngestionLedger;
import io.shopsense.store.ObjectStore;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * clean-upload's hand-off of one large upload to the Spark clean job (docs/architecture.md §7): past
 * {@code SPARK_UPLOAD_BYTES_THRESHOLD} the function writes what its own cleaning would have read from the bucket
 * beside the run's outputs ({@code spark/clean/{token}/}: the event ids of the earlier uploads in the dedup window, in
 * the order the function loads them, and the names of the erasure records), starts the job with the function's own
 * settings (source id, receive time, zone, currency), and records the run. The job writes the rows, rejects and event
 * ids where the function writes them and its manifest under its prefix; load-spark-results then publishes the
 * manifest and records the upload in the ledger ({@link SparkCleanLoader}), as the function does after cleaning.
 *
 * <p>Idempotent: the client token is a hash of the upload's source id (bucket, key, ETag), so a redelivered S3 event
 * finds the run the first delivery started; the inputs are written once per token (an entry in the ingestion ledger
 * records them written), so a redelivery never changes what a running job reads.
 */
public final class SparkCleanHandOff {
    /** Event ids of earlier uploads, 8 bytes each, as {@code manifests/{sourceId}.eventids} holds them. */
    static final String WINDOW_FILE = "window.eventids";
    /** Erasure record names, one a line ({@link Erasures#recordNames}). */
    static final String ERASED_FILE = "erased.txt";
    /** The ledger entry that says a run's inputs are written (the run's token follows). */
    private static final String INPUTS_WRITTEN = "spark-inputs-";
    /** The upload's manifest as the job wrote it, published by the loader. */
    static final String MANIFEST_FILE = "manifest.json";

    /** What the decision needs to know of an upload the function is about to clean. */
    public record Candidate(String sourceId, String key, long bytes, boolean gzip, ExportFormat format,
                            Instant receivedAt, Optional<String> copyOf) {
    }

    /** What the job is given of the bucket: earlier uploads' event ids and the erasure records. */
    public interface Earlier {
        /** Feeds every event id of the dedup window, in the order the function's own window loads them. */
        void eventIds(String sourceId, LongConsumer ids) throws IOException;

        /** The erasure records' names. */
        List<String> erasureNames();
    }

    private final SparkHandOff handOff;
    private final ObjectStore bucket;
    private final long uploadBytesThreshold;
    private final int dedupCapacity;
    private final String shopSecretArn;

    /**
     * @param uploadBytesThreshold hand off an upload larger than this many bytes
     * @param dedupCapacity        the function's dedup window capacity, so the job's window holds what the
     *                             function's would
     * @param shopSecretArn        where the job reads the shop secret, needed only when erasure records exist
     */
    public SparkCleanHandOff(SparkHandOff handOff, ObjectStore bucket, long uploadBytesThreshold, int dedupCapacity,
                             String shopSecretArn) {
        this.handOff = handOff;
        this.bucket = bucket;
        this.uploadBytesThreshold = uploadBytesThreshold;
        this.dedupCapacity = dedupCapacity;
        this.shopSecretArn = shopSecretArn;
    }

    /** A hand-off that never happens (the command line, tests, a stack without a Spark application). */
    public static SparkCleanHandOff never() {
        return new SparkCleanHandOff(null, null, Long.MAX_VALUE, 2, "");
    }

    /** Whether a Spark application is configured at all (else nothing is measured). */
    public boolean enabled() {
        return handOff != null && handOff.settings().enabled();
    }

    /**
     * Whether an upload of {@code bytes} bytes is past the threshold (the format is checked separately): a gzip
     * upload counts {@value #GZIP_EXPANSION} times its bytes, about what shop exports inflate to (Online Retail's
     * sample: 6.3 times), since cleaning time follows the text read.
     */
    public boolean pastThreshold(long bytes, boolean gzip) {
        return enabled() && textBytes(bytes, gzip) > uploadBytesThreshold;
    }

    private static long textBytes(long bytes, boolean gzip) {
        return !gzip ? bytes : bytes > Long.MAX_VALUE / GZIP_EXPANSION ? Long.MAX_VALUE : bytes * GZIP_EXPANSION;
    }

    /** How much text a gzip upload is taken to hold per byte. */
    static final long GZIP_EXPANSION = 8;

    /**
     * Whether the Spark clean job cleans uploads of this format under this key: not those checked against what the
     * bucket already holds beyond earlier event ids and erasures (the Taobao order index, the clean catalogue for
     * reviews, the audiences for ad results under {@code raw/ads/}); clean-upload cleans those itself.
     */
    public static boolean jobCleans(ExportFormat format, String key) {
        if (format == null) {
            return true; // a file that fails at its start: the job reports it as the function would
        }
        return format.kind() != RowKind.REVIEWS && format != ExportFormat.TAOBAO_ORDERS
                && format != ExportFormat.TAOBAO_ITEMS
                && !(format == ExportFormat.ADS_CSV && key.contains(Layout.RAW + "ads/"));
    }

    /**
     * Writes the job's inputs (once per token) and starts the run.
     *
     * @param zone     the shop's zone, as the function cleans with it
     * @param currency the shop's currency
     * @param work     a local directory for the event ids on their way to the bucket
     * @param ledger   the ingestion ledger, which records the inputs written
     * @return the run and the outcome record's decision
     */
    public SparkHandOff.HandedOff start(Candidate upload, Earlier earlier, ZoneId zone, String currency, Path work,
                                        IngestionLedger ledger) throws IOException {
        String token = clientToken(upload.sourceId());
        String prefix = Layout.sparkOutputPrefix(SparkHandOff.Job.CLEAN.code(), token);
        String root = handOff.bucketRoot();
        String written = INPUTS_WRITTEN + token;
        if (ledger.find(written).isEmpty()) {
            List<String> names = earlier.erasureNames();
            if (upload.copyOf().isEmpty()) {
                writeWindow(upload.sourceId(), earlier, prefix + WINDOW_FILE, work);
            }
            bucket.put(prefix + ERASED_FILE, (String.join("\n", names) + (names.isEmpty() ? "" : "\n"))
                    .getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
            ledger.finish(new IngestionLedger.Entry(written, UploadCleaner.FUNCTION, IngestionLedger.Status.DONE,
                    java.util.Map.of("sourceId", upload.sourceId(), "key", upload.key())));
        }
        List<String> arguments = new ArrayList<>(List.of(SparkHandOff.Job.CLEAN.code(), root + "/" + upload.key(),
                "--out", root, "--source-id", upload.sourceId(), "--received-at", upload.receivedAt().toString(),
                "--tz", zone.getId(), "--currency", currency, "--dedup-capacity", Integer.toString(dedupCapacity),
                "--manifest-out", root + "/" + prefix + MANIFEST_FILE));
        if (upload.copyOf().isPresent()) {
            arguments.add("--earlier-copy"); // a byte-identical copy: every event is a duplicate, as on the Lambda
        } else {
            arguments.addAll(List.of("--dedup-window", root + "/" + prefix + WINDOW_FILE));
        }
        // the job reads the secret only if the list names someone, as the function does
        arguments.addAll(List.of("--erased", root + "/" + prefix + ERASED_FILE, "--shop-secret", shopSecretArn));
        SparkHandOff.RunRecord run = handOff.start(SparkHandOff.Job.CLEAN, token,
                upload.receivedAt().atOffset(ZoneOffset.UTC).toLocalDate(), arguments, 0, upload.bytes());
        String size = upload.bytes() + " bytes" + (upload.gzip() ? " (gzip, about "
                + textBytes(upload.bytes(), true) + " of text)" : "");
        return new SparkHandOff.HandedOff(run, "handed off: " + size + " > threshold " + uploadBytesThreshold);
    }

    private void writeWindow(String sourceId, Earlier earlier, String key, Path work) throws IOException {
        Path file = Files.createTempFile(work, "window-", ".eventids");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                    1 << 16))) {
                earlier.eventIds(sourceId, id -> {
                    try {
                        out.writeLong(id);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            bucket.putFile(key, file, "application/octet-stream");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code clean-} and 32 hex digits of SHA-256 over the source id (EMR allows 64 characters). */
    static String clientToken(String sourceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (SparkHandOff.Job.CLEAN.code() + "\n" + sourceId).getBytes(StandardCharsets.UTF_8));
            return SparkHandOff.Job.CLEAN.code() + "-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
