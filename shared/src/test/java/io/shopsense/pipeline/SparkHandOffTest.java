package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.CleanReport;
import io.shopsense.clean.ExportFormat;
import io.shopsense.clean.UploadManifest;
import io.shopsense.store.SparkJobLauncher;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the nightly functions measure before handing off, and when they do. */
class SparkHandOffTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2011-12-20T02:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private DirectoryObjectStore bucket;
    private final List<SparkJobLauncher.JobRun> started = new ArrayList<>();
    private final SparkJobLauncher launcher = run -> {
        started.add(run);
        return "00run" + started.size();
    };

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(dir);
        manifest("a", Map.of("events", 700L, "catalog", 30L), "2011-12-09T12:50:00Z");
        manifest("b", Map.of("events", 300L), "2011-11-30T09:00:00Z");
        manifest("c", Map.of("ads", 50L), "2011-12-19T00:00:00Z"); // no events: not counted
        // erasure records and the order index live under manifests/ too, and are not uploads
        bucket.put("manifests/erasures/k1-abc.json", "{\"outputsByKind\":{\"events\":9999}}".getBytes(), "application/json");
        bucket.put("manifests/orders/x.orders.jsonl", "{}".getBytes(), "application/x-ndjson");
        bucket.put("clean/events/dt=2011-12-09/a.jsonl.gz", new byte[1200], "application/gzip");
        bucket.put("clean/events/dt=2011-11-30/b.jsonl.gz", new byte[800], "application/gzip");
    }

    @Test
    void measure_sumsEventRowsOfUploadManifests_andBytesOfCleanEventObjects() throws Exception {
        SparkHandOff.InputSize size = handOff(Long.MAX_VALUE, Long.MAX_VALUE).measure();

        assertThat(size.rows()).isEqualTo(1000);
        assertThat(size.bytes()).isEqualTo(2000);
        assertThat(size.latestEvent()).isEqualTo(Instant.parse("2011-12-09T12:50:00Z"));
        assertThat(size.inputs()).hasSize(2);
    }

    @Test
    void measure_readsTheManifestCleanUploadWrites() throws Exception {
        DirectoryObjectStore fresh = new DirectoryObjectStore(dir.resolve("fresh"));
        UploadCleaner cleaner = new UploadCleaner(fresh, new io.shopsense.store.InMemoryIngestionLedger(),
                new UploadCleaner.Settings(ZoneOffset.UTC, io.shopsense.clean.CleanLimits.DEFAULT,
                        java.time.Duration.ofDays(35), 4_000_000, "GBP", dir), CLOCK);
        String orders = """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom
                536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850,United Kingdom
                """;
        cleaner.clean("upload-1", "orders.csv", new java.io.ByteArrayInputStream(orders.getBytes(StandardCharsets.UTF_8)),
                null, null);

        SparkHandOff.InputSize size = new SparkHandOff(fresh, launcher, new SparkHandOff.Settings("app", "bucket",
                "jobs.jar", 0, Long.MAX_VALUE), CLOCK).measure();

        assertThat(size.rows()).isEqualTo(2);
        assertThat(size.latestEvent()).isEqualTo(Instant.parse("2010-12-01T08:28:00Z"));
    }

    @Test
    void consider_atTheThresholds_keepsTheWork_pastEitherHandsOff() throws Exception {
        assertThat(handOff(1000, 2000).consider(SparkHandOff.Job.PROFILES, null, List.of())).isEmpty();

        Optional<SparkHandOff.HandedOff> byBytes = handOff(1000, 1999).consider(SparkHandOff.Job.PROFILES, null, List.of());
        Optional<SparkHandOff.HandedOff> byRows = handOff(999, 2000).consider(SparkHandOff.Job.PROFILES, null, List.of());

        assertThat(byBytes).get().extracting(SparkHandOff.HandedOff::decision)
                .isEqualTo("handed off: 2000 bytes > threshold 1999");
        assertThat(byRows).get().extracting(SparkHandOff.HandedOff::decision)
                .isEqualTo("handed off: 1000 rows > threshold 999");
        // the profiles' date is the latest activity, as the Lambda rebuild takes it
        assertThat(byRows.get().run().asOf()).isEqualTo(LocalDate.parse("2011-12-09"));
        assertThat(started.get(1).entryPointArguments()).containsSequence("--as-of", "2011-12-09");
    }

    @Test
    void consider_withoutAnApplication_neverHandsOff_andMeasuresNothing() throws Exception {
        SparkHandOff never = SparkHandOff.never(bucket, CLOCK);

        assertThat(never.consider(SparkHandOff.Job.RECS, null, List.of())).isEmpty();
        assertThat(started).isEmpty();
    }

    @Test
    void theClientToken_isTheSameForTheSameInput_andChangesWithANewObjectOrDate() throws Exception {
        SparkHandOff handOff = handOff(0, 0);
        String first = handOff.consider(SparkHandOff.Job.PROFILES, null, List.of()).orElseThrow().run().clientToken();
        String again = handOff.consider(SparkHandOff.Job.PROFILES, null, List.of()).orElseThrow().run().clientToken();
        String otherDate = handOff.consider(SparkHandOff.Job.PROFILES, LocalDate.parse("2011-12-01"), List.of())
                .orElseThrow().run().clientToken();
        String otherJob = handOff.consider(SparkHandOff.Job.RECS, null, List.of()).orElseThrow().run().clientToken();
        bucket.put("clean/events/dt=2011-12-10/c.jsonl.gz", new byte[10], "application/gzip");
        String newInput = handOff.consider(SparkHandOff.Job.PROFILES, null, List.of()).orElseThrow().run().clientToken();

        assertThat(again).isEqualTo(first);
        assertThat(List.of(otherDate, otherJob, newInput)).doesNotContain(first).doesNotHaveDuplicates();
        assertThat(first).startsWith("profiles-").hasSize("profiles-".length() + 32);
        assertThat(started).extracting(SparkJobLauncher.JobRun::clientToken).startsWith(first, first);
    }

    private SparkHandOff handOff(long rows, long bytes) {
        return new SparkHandOff(bucket, launcher, new SparkHandOff.Settings("00app", "shop-data",
                "jobs/shopsense-jobs-emr.jar", rows, bytes), CLOCK);
    }

    /** An upload's manifest as clean-upload writes it: every row clean, the lines it wrote by kind, its latest event. */
    private void manifest(String sourceId, Map<String, Long> outputsByKind, String lastTs) {
        long rows = outputsByKind.values().stream().mapToLong(Long::longValue).sum();
        CleanReport report = new CleanReport(sourceId, ExportFormat.EVENTS_CSV.code(), "UTF-8", false, "none", rows,
                rows, 0, 0, 0, 0, new java.util.TreeMap<>(), new java.util.TreeMap<>(outputsByKind), 0, 0, null, Instant.parse(lastTs), "0".repeat(64),
                rows * 40, CleanReport.Status.OK, null, null);
        bucket.put("manifests/" + sourceId + ".json", UploadManifest.of(sourceId + ".csv", "events", report).toJson(),
                "application/json");
    }
}
