package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.IngestionLedger;
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
    private final InMemoryIngestionLedger ledger = new InMemoryIngestionLedger();
    private final List<SparkJobLauncher.JobRun> started = new ArrayList<>();
    private final SparkJobLauncher launcher = run -> {
        started.add(run);
        return "00run" + started.size();
    };

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(dir);
        // the totals clean-upload keeps: two uploads of events, the first delivered twice
        ledger.count("a", 700, Instant.parse("2011-12-09T12:50:00Z"));
        ledger.count("b", 300, Instant.parse("2011-11-30T09:00:00Z"));
        ledger.count("a", 700, Instant.parse("2011-12-09T12:50:00Z"));
        bucket.put("clean/events/dt=2011-12-09/a.jsonl.gz", new byte[1200], "application/gzip");
        bucket.put("clean/events/dt=2011-11-30/b.jsonl.gz", new byte[800], "application/gzip");
    }

    @Test
    void measure_takesEventRowsFromTheLedgersTotals_andBytesOfCleanEventObjects() throws Exception {
        SparkHandOff.InputSize size = handOff(Long.MAX_VALUE, Long.MAX_VALUE).measure();

        assertThat(size.rows()).isEqualTo(1000);
        assertThat(size.bytes()).isEqualTo(2000);
        assertThat(size.latestEvent()).isEqualTo(Instant.parse("2011-12-09T12:50:00Z"));
        assertThat(size.inputs()).hasSize(2);
    }

    @Test
    void measure_readsTheTotalsCleanUploadKeeps_oncePerUpload_withOneReadAndNoManifest() throws Exception {
        DirectoryObjectStore fresh = new DirectoryObjectStore(dir.resolve("fresh"));
        CountingLedger counting = new CountingLedger();
        UploadCleaner cleaner = new UploadCleaner(fresh, counting,
                new UploadCleaner.Settings(ZoneOffset.UTC, io.shopsense.clean.CleanLimits.DEFAULT,
                        java.time.Duration.ofDays(35), 4_000_000, "GBP", dir), CLOCK);
        String orders = """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom
                536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850,United Kingdom
                """;
        for (int delivery = 0; delivery < 2; delivery++) {   // a retried cleaning of the same upload counts once
            cleaner.clean("upload-1", "orders.csv", new java.io.ByteArrayInputStream(
                    orders.getBytes(StandardCharsets.UTF_8)), null, null);
        }
        fresh.delete("manifests/upload-1.json");   // the measurement no longer reads manifests
        counting.totalsReads = 0;

        SparkHandOff.InputSize size = new SparkHandOff(fresh, counting::totals, launcher, new SparkHandOff.Settings(
                "app", "bucket", "jobs.jar", 0, Long.MAX_VALUE), CLOCK).measure();

        assertThat(size.rows()).isEqualTo(2);
        assertThat(size.latestEvent()).isEqualTo(Instant.parse("2010-12-01T08:28:00Z"));
        assertThat(counting.totalsReads).isEqualTo(1);
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
        return new SparkHandOff(bucket, ledger::totals, launcher, new SparkHandOff.Settings("00app", "shop-data",
                "jobs/shopsense-jobs-emr.jar", rows, bytes), CLOCK);
    }

    /** The ledger in memory, counting reads of its totals. */
    private static final class CountingLedger implements IngestionLedger {
        private final InMemoryIngestionLedger ledger = new InMemoryIngestionLedger();
        int totalsReads;

        @Override
        public Optional<Entry> find(String sourceId) {
            return ledger.find(sourceId);
        }

        @Override
        public boolean finish(Entry entry) {
            return ledger.finish(entry);
        }

        @Override
        public void count(String sourceId, long rows, Instant latestEvent) {
            ledger.count(sourceId, rows, latestEvent);
        }

        @Override
        public Totals totals() {
            totalsReads++;
            return ledger.totals();
        }
    }
}
