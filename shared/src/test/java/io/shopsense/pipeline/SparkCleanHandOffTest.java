package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.CleanLimits;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.IngestionLedger;
import io.shopsense.store.SourceIds;
import io.shopsense.store.SparkJobLauncher;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** clean-upload's hand-off of a large upload to the Spark clean job, and the loader's finish of it. */
class SparkCleanHandOffTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2011-12-20T02:00:00Z"), ZoneOffset.UTC);
    private static final Instant RECEIVED = Instant.parse("2011-12-20T01:00:00Z");
    private static final ShopSecret SECRET = ShopSecret.of("clean-hand-off-test-secret-of-32-bytes+".getBytes(
            StandardCharsets.UTF_8));
    private static final String BUCKET = "shop-data";
    private static final String ORDERS = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom
            536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,13047,United Kingdom
            """;

    @TempDir
    Path dir;
    private DirectoryObjectStore bucket;
    private final IngestionLedger ledger = new InMemoryIngestionLedger();
    private final List<SparkJobLauncher.JobRun> started = new ArrayList<>();
    private final SparkJobLauncher launcher = run -> {
        started.add(run);
        return "00run" + run.clientToken().hashCode();
    };

    @BeforeEach
    void setUp() throws Exception {
        bucket = new DirectoryObjectStore(dir.resolve("bucket"));
        Files.createDirectories(dir.resolve("work"));
        // an earlier upload cleaned by the function: its event ids are the dedup window
        bucket.put("raw/orders/earlier.csv", ORDERS.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(cleaner(Long.MAX_VALUE).clean(upload("raw/orders/earlier.csv", "e1")).status())
                .isEqualTo(UploadCleaner.Outcome.CLEANED);
        new Erasures(bucket, SECRET).record("13047", Map.of(), RECEIVED);
    }

    @Test
    void pastTheUploadThreshold_theJobCleans_givenTheWindowAndErasures_andNothingIsPublishedYet() throws Exception {
        bucket.put("raw/orders/big.csv", ORDERS.getBytes(StandardCharsets.UTF_8), "text/csv");
        UploadCleaner.Upload big = upload("raw/orders/big.csv", "b1");
        String sourceId = SourceIds.of(BUCKET, big.key(), big.eTag());

        UploadCleaner.Outcome outcome = cleaner(100).clean(big);

        assertThat(outcome.status()).isEqualTo(UploadCleaner.Outcome.HANDED_OFF);
        assertThat(outcome.detail()).isEqualTo("handed off: " + ORDERS.length() + " bytes > threshold 100");
        SparkJobLauncher.JobRun run = started.get(0);
        String token = SparkCleanHandOff.clientToken(sourceId);
        String prefix = "spark/clean/" + token + "/";
        assertThat(run.clientToken()).isEqualTo(token);
        assertThat(run.entryPointArguments()).startsWith("clean", "s3://shop-data/raw/orders/big.csv", "--out",
                "s3://shop-data").containsSequence("--source-id", sourceId)
                .containsSequence("--received-at", RECEIVED.toString())
                .containsSequence("--dedup-window", "s3://shop-data/" + prefix + "window.eventids")
                .containsSequence("--erased", "s3://shop-data/" + prefix + "erased.txt")
                .containsSequence("--manifest-out", "s3://shop-data/" + prefix + "manifest.json")
                .containsSequence("--shop-secret", "arn:secret");
        // the window: the earlier upload's ids as the function's own window would load them
        String earlierId = SourceIds.of(BUCKET, "raw/orders/earlier.csv", "e1");
        assertThat(read(prefix + "window.eventids")).isEqualTo(read(Layout.eventIdsKey(earlierId)));
        assertThat(new String(read(prefix + "erased.txt"), StandardCharsets.UTF_8))
                .isEqualTo(new Erasures(bucket, SECRET).recordNames().get(0) + "\n").startsWith("k1-");
        // the job publishes the rows; the manifest and the ledger entry wait for the loader
        assertThat(bucket.find(Layout.manifestKey(sourceId))).isEmpty();
        assertThat(ledger.find(sourceId)).isEmpty();
        assertThat(bucket.find(SparkHandOff.runKey("00run" + token.hashCode()))).isPresent();
    }

    @Test
    void aRedeliveredEvent_findsTheSameRun_andLeavesTheJobsInputsAsTheFirstDeliveryWroteThem() throws Exception {
        bucket.put("raw/orders/big.csv", ORDERS.getBytes(StandardCharsets.UTF_8), "text/csv");
        UploadCleaner.Upload big = upload("raw/orders/big.csv", "b1");
        cleaner(100).clean(big);
        String prefix = "spark/clean/" + started.get(0).clientToken() + "/";
        byte[] window = read(prefix + "window.eventids");
        // meanwhile another upload is cleaned and someone else is erased
        bucket.put("raw/orders/other.csv", ORDERS.replace("536365", "536999").getBytes(StandardCharsets.UTF_8),
                "text/csv");
        cleaner(Long.MAX_VALUE).clean(upload("raw/orders/other.csv", "o1"));
        new Erasures(bucket, SECRET).record("17850", Map.of(), RECEIVED);

        UploadCleaner.Outcome again = cleaner(100).clean(big);

        assertThat(again.status()).isEqualTo(UploadCleaner.Outcome.HANDED_OFF);
        assertThat(started).hasSize(2).extracting(SparkJobLauncher.JobRun::clientToken).containsOnly(
                started.get(0).clientToken());
        assertThat(read(prefix + "window.eventids")).isEqualTo(window);
        assertThat(new String(read(prefix + "erased.txt"), StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void atTheThreshold_theFunctionCleansItself() throws Exception {
        bucket.put("raw/orders/big.csv", ORDERS.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(cleaner(ORDERS.length()).clean(upload("raw/orders/big.csv", "b1")).status())
                .isEqualTo(UploadCleaner.Outcome.CLEANED);
        assertThat(started).isEmpty();
    }

    @Test
    void theSizeTheS3EventGives_isWhatIsMeasured_withoutListingTheRawFolder() throws Exception {
        bucket.put("raw/orders/big.csv", ORDERS.getBytes(StandardCharsets.UTF_8), "text/csv");
        UploadCleaner.Upload said = new UploadCleaner.Upload(BUCKET, "raw/orders/big.csv", "b1", RECEIVED, 5_000);

        UploadCleaner.Outcome outcome = cleaner(4_999).clean(said);

        // the event's 5,000 bytes, not the 2-row file's own size (the function may not list raw/)
        assertThat(outcome.status()).isEqualTo(UploadCleaner.Outcome.HANDED_OFF);
        assertThat(outcome.detail()).isEqualTo("handed off: 5000 bytes > threshold 4999");
    }

    @Test
    void aGzipUpload_countsEightTimesItsBytes() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(ORDERS.getBytes(StandardCharsets.UTF_8));
        }
        bucket.put("raw/orders/big.csv.gz", gz.toByteArray(), "application/gzip");
        long bytes = gz.size();

        assertThat(cleaner(bytes * 8).clean(upload("raw/orders/big.csv.gz", "g1")).status())
                .isEqualTo(UploadCleaner.Outcome.CLEANED);
        UploadCleaner.Outcome handed = cleaner(bytes * 8 - 1).clean(upload("raw/orders/big.csv.gz", "g2"));

        assertThat(handed.detail()).isEqualTo("handed off: " + bytes + " bytes (gzip, about " + bytes * 8
                + " of text) > threshold " + (bytes * 8 - 1));
    }

    @Test
    void uploadsCheckedAgainstTheBucket_areCleanedByTheFunction_pastTheThreshold() throws Exception {
        String reviews = "review_id,user_id,item_id,rating,title,body,date\nr1,17850,85123A,5,Nice,Good,2011-12-01\n";
        bucket.put("raw/reviews/big.csv", reviews.getBytes(StandardCharsets.UTF_8), "text/csv");

        UploadCleaner.Outcome outcome = cleaner(10).clean(upload("raw/reviews/big.csv", "r1"));

        assertThat(outcome.status()).isNotEqualTo(UploadCleaner.Outcome.HANDED_OFF);
        assertThat(started).isEmpty();
    }

    @Test
    void theLoader_publishesTheJobsManifest_andRecordsTheUpload_asTheFunctionWould_once() throws Exception {
        // what the function writes for an upload it cleans itself
        bucket.put("raw/orders/big.csv", ORDERS.getBytes(StandardCharsets.UTF_8), "text/csv");
        UploadCleaner.Upload big = upload("raw/orders/big.csv", "b1");
        String sourceId = SourceIds.of(BUCKET, big.key(), big.eTag());
        DirectoryObjectStore lambdaBucket = new DirectoryObjectStore(dir.resolve("lambda"));
        InMemoryIngestionLedger lambdaLedger = new InMemoryIngestionLedger();
        lambdaBucket.put(big.key(), ORDERS.getBytes(StandardCharsets.UTF_8), "text/csv");
        new UploadCleaner(lambdaBucket, lambdaLedger, settings(), CLOCK).clean(big);
        byte[] lambdaManifest = lambdaBucket.open(Layout.manifestKey(sourceId)).readAllBytes();
        // the job wrote the same manifest under its prefix (UploadCleaner.manifestOf)
        cleaner(100).clean(big);
        SparkJobLauncher.JobRun run = started.get(0);
        String jobRunId = "00run" + run.clientToken().hashCode();
        bucket.put("spark/clean/" + run.clientToken() + "/manifest.json", lambdaManifest, "application/json");
        SparkResultLoader loader = new SparkResultLoader(bucket, null, null, new SparkCleanLoader(bucket, ledger));

        SparkResultLoader.Loaded loaded = loader.load(jobRunId, "SUCCESS", null);
        loader.load(jobRunId, "SUCCESS", null); // EventBridge delivers at least once

        assertThat(loaded.job()).isEqualTo("clean");
        assertThat(loaded.rows()).isEqualTo(2);
        assertThat(read(Layout.manifestKey(sourceId))).isEqualTo(lambdaManifest);
        assertThat(ledger.find(sourceId)).get().isEqualTo(lambdaLedger.find(sourceId).orElseThrow());
        // the next delivery of the upload's event finds it done
        assertThat(cleaner(100).clean(big).status()).isEqualTo(UploadCleaner.Outcome.ALREADY_DONE);
    }

    private UploadCleaner cleaner(long threshold) {
        SparkHandOff handOff = new SparkHandOff(bucket, ledger::totals, launcher, new SparkHandOff.Settings("00app", BUCKET,
                "jobs/shopsense-jobs-emr.jar", Long.MAX_VALUE, Long.MAX_VALUE), CLOCK);
        return new UploadCleaner(bucket, ledger, settings(), CLOCK, new Erasures(bucket, SECRET),
                new SparkCleanHandOff(handOff, bucket, threshold, 4_000_000, "arn:secret"));
    }

    private UploadCleaner.Settings settings() {
        return new UploadCleaner.Settings(ZoneOffset.UTC, CleanLimits.DEFAULT, Duration.ofDays(35), 4_000_000, "GBP",
                dir.resolve("work"));
    }

    private static UploadCleaner.Upload upload(String key, String eTag) {
        return new UploadCleaner.Upload(BUCKET, key, eTag, RECEIVED);
    }

    private byte[] read(String key) throws Exception {
        try (InputStream in = bucket.open(key)) {
            return in.readAllBytes();
        }
    }
}
