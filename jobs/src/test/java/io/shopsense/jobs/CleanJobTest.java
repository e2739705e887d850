package io.shopsense.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.CleanLimits;
import io.shopsense.clean.CleanReport;
import io.shopsense.pipeline.Erasures;
import io.shopsense.pipeline.Layout;
import io.shopsense.pipeline.SparkCleanHandOff;
import io.shopsense.pipeline.SparkCleanLoader;
import io.shopsense.pipeline.SparkHandOff;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.SparkJobLauncher;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.SourceIds;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark clean job against the command line's cleaning ({@code ./shopsense clean FILE --out DIR}, CleanCommand:
 * UploadCleaner over a directory, plus {@code manifest.json} and {@code rejects.jsonl} at its top): the same files
 * with the same bytes (gzip files compared after decompression: a gzip's members are a matter of buffering).
 */
class CleanJobTest {
    private static final Instant RECEIVED = Instant.parse("2012-01-15T10:00:00Z");
    private static final Path SAMPLE = Path.of("..", "samples", "online-retail-sample.csv.gz");

    @TempDir
    Path tmp;

    @Test
    void clean_inParts_withBadRowsAndDuplicatesAcrossParts_equalsTheCommandLine() throws Exception {
        Path upload = tmp.resolve("orders.csv");
        Files.write(upload, shopWithBadRows());

        CleanJob.Result spark = sparkClean(upload, tmp.resolve("spark"), 256 << 10);
        CleanReport cli = commandLineClean(upload, tmp.resolve("cli"));

        assertThat(spark.inParts()).isTrue();
        assertThat(spark.parts()).isGreaterThan(10);
        assertThat(tree(tmp.resolve("spark"))).isEqualTo(tree(tmp.resolve("cli")));
        assertThat(spark.report()).isEqualTo(cli);
        // the copies appended at the end are rejected although their originals are many parts earlier
        String rejects = Files.readString(tmp.resolve("spark/rejects.jsonl"));
        assertThat(rejects).contains("same event as an earlier row of this file", "BAD_ENCODING",
                "WRONG_COLUMN_COUNT", "FORMULA_INJECTION", "BAD_NUMBER", "UNTERMINATED_QUOTE", "IMPOSSIBLE_DATE");
        assertThat(cli.rejectsByReason().get("DUPLICATE")).isGreaterThan(COPIED_ROWS);
        assertThat(cli.rowsIn()).isEqualTo(cli.rowsClean() + cli.rowsRejected());
    }

    @Test
    void clean_aQuotedLineBreakAcrossAPartEnd_cleansTheFileWhole_withTheSameOutput() throws Exception {
        StringBuilder csv = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                + "CustomerID,Country\n");
        for (int i = 0; csv.length() < 6_000; i++) {
            csv.append(536400 + i).append(",22114,HOT WATER BOTTLE,2,2010-12-01 09:32:00,3.45,15291.0,"
                    + "United Kingdom\n");
        }
        // a description of many lines, from well before the part's end to well after it
        csv.append("537000,22115,\"TWO\n").append("LINE\n".repeat(400)).append("\",1,2010-12-02 09:00:00,1.25,"
                + "15292.0,United Kingdom\n");
        csv.append("537001,22116,LAST,1,2010-12-02 09:00:00,1.25,15293.0,United Kingdom\n");
        Path upload = tmp.resolve("quoted.csv");
        Files.writeString(upload, csv);

        CleanJob.Result spark = sparkClean(upload, tmp.resolve("spark"), 7_000);
        commandLineClean(upload, tmp.resolve("cli"));

        assertThat(spark.inParts()).isFalse();
        assertThat(tree(tmp.resolve("spark"))).isEqualTo(tree(tmp.resolve("cli")));
    }

    @Test
    void clean_aGzipUpload_isCleanedWhole_withTheSameOutput() throws Exception {
        Path upload = tmp.resolve("online-retail-sample.csv.gz");
        Files.copy(SAMPLE, upload);

        CleanJob.Result spark = sparkClean(upload, tmp.resolve("spark"), 1 << 20);
        CleanReport cli = commandLineClean(upload, tmp.resolve("cli"));

        assertThat(spark.inParts()).isFalse();
        assertThat(spark.report()).isEqualTo(cli);
        assertThat(tree(tmp.resolve("spark"))).isEqualTo(tree(tmp.resolve("cli")));
    }

    @Test
    void clean_handedOff_inParts_withEarlierUploadsAndAnErasure_equalsWhatTheFunctionWrites() throws Exception {
        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLE))) {
            // about 1.3 MB: two parts of 1 MB
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(15_000).toList();
        }
        byte[] earlier = (String.join("\n", lines.subList(0, 1_500)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] big = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        String secretText = "clean-job-test-shop-secret-of-at-least-32-bytes";
        Path secretFile = tmp.resolve("secret.txt");
        Files.writeString(secretFile, secretText);
        ShopSecret secret = ShopSecret.ofText(secretText);
        String erased = lines.subList(2_000, lines.size()).stream().map(l -> l.split(","))
                .map(fields -> fields[fields.length - 2].replace(".0", "")).filter(id -> !id.isBlank())
                .findFirst().orElseThrow(); // a customer of the big upload's later rows
        // two buckets in the same state: an earlier upload cleaned (its event ids), the customer erased
        Map<String, Path> buckets = new TreeMap<>();
        Map<String, InMemoryIngestionLedger> ledgers = new TreeMap<>();
        for (String path : List.of("lambda", "spark")) {
            Path dir = tmp.resolve(path);
            DirectoryObjectStore bucket = new DirectoryObjectStore(dir);
            InMemoryIngestionLedger ledger = new InMemoryIngestionLedger();
            bucket.put("earlier.csv", earlier, "text/csv");
            bucket.put("big.csv", big, "text/csv");
            new Erasures(bucket, secret).record(erased, Map.of(), RECEIVED);
            function(bucket, ledger, secret, null).clean(new UploadCleaner.Upload("shop-data", "earlier.csv", "e1",
                    RECEIVED));
            buckets.put(path, dir);
            ledgers.put(path, ledger);
        }
        UploadCleaner.Upload upload = new UploadCleaner.Upload("shop-data", "big.csv", "b1", RECEIVED);
        String sourceId = SourceIds.of("shop-data", "big.csv", "b1");

        // the Lambda path cleans it; past the threshold the function starts the job, which runs here on the copy
        function(new DirectoryObjectStore(buckets.get("lambda")), ledgers.get("lambda"), secret, null).clean(upload);
        List<String> arguments = new ArrayList<>();
        DirectoryObjectStore sparkBucket = new DirectoryObjectStore(buckets.get("spark"));
        UploadCleaner.Outcome handed = function(sparkBucket, ledgers.get("spark"), secret, run -> {
            arguments.addAll(run.entryPointArguments());
            return "00run1";
        }).clean(upload);
        String root = "s3://shop-data";
        List<String> local = arguments.stream().map(a -> a.equals("arn:secret") ? secretFile.toString()
                : a.replace(root, buckets.get("spark").toString())).collect(java.util.stream.Collectors.toList());
        local.addAll(List.of("--part-mb", "1"));
        Map<String, Object> figures = SparkJobs.clean(SampleShop.spark(), JobArgs.parse(local.toArray(String[]::new)));
        SparkHandOff.RunRecord run = io.shopsense.store.Json.read(new String(sparkBucket.open(
                SparkHandOff.runKey("00run1")).readAllBytes(), StandardCharsets.UTF_8), SparkHandOff.RunRecord.class);
        new SparkCleanLoader(sparkBucket, ledgers.get("spark")).finish(run);

        assertThat(handed.status()).isEqualTo(UploadCleaner.Outcome.HANDED_OFF);
        assertThat(figures).containsEntry("cleanedInParts", true);
        Map<String, String> lambda = tree(buckets.get("lambda"));
        assertThat(tree(buckets.get("spark"))).containsAllEntriesOf(lambda);
        assertThat(lambda.get(Layout.manifestKey(sourceId))).contains("\"DUPLICATE\"")
                .doesNotContain("\"rowsErased\":0,");
        assertThat(ledgers.get("spark").find(sourceId)).isEqualTo(ledgers.get("lambda").find(sourceId));
    }

    /** clean-upload over a directory, handing off past 1,000 bytes when given a launcher. */
    private UploadCleaner function(DirectoryObjectStore bucket, InMemoryIngestionLedger ledger, ShopSecret secret,
                                   SparkJobLauncher launcher) throws IOException {
        UploadCleaner.Settings settings = new UploadCleaner.Settings(ZoneOffset.UTC, CleanLimits.DEFAULT,
                Duration.ofDays(35), 4_000_000, "GBP", Files.createDirectories(tmp.resolve("work")));
        Clock clock = Clock.fixed(RECEIVED, ZoneOffset.UTC);
        SparkCleanHandOff handOff = launcher == null ? SparkCleanHandOff.never() : new SparkCleanHandOff(
                new SparkHandOff(bucket, ledger::totals, launcher, new SparkHandOff.Settings("00app", "shop-data", "jobs/j.jar",
                        Long.MAX_VALUE, Long.MAX_VALUE), clock), bucket, 1_000, 4_000_000, "arn:secret");
        return new UploadCleaner(bucket, ledger, settings, clock, new Erasures(bucket, secret), handOff);
    }

    private static final int COPIED_ROWS = 40;

    /**
     * The sample, unzipped, with bad rows in the middle (past the encoding sample, so the file stays UTF-8), some
     * CRLF line ends, rows of its first part copied to its end, and an unterminated quote on the last line.
     */
    private static byte[] shopWithBadRows() throws IOException {
        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLE))) {
            lines = new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
        List<String> copies = new ArrayList<>(lines.subList(1, 1 + COPIED_ROWS));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.write(lines.get(i).getBytes(StandardCharsets.UTF_8));
            out.write(i % 97 == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {'\n'});
            if (i == 20_000) {
                write(out, "536999,85123A,WHITE HANGING HEART,six,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n");
                write(out, "536999,85123A,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,=cmd|calc,United Kingdom\n");
                write(out, "536999,85123A,TOO FEW FIELDS\n");
                write(out, "536999,85123A,WHITE HANGING HEART,6,2031-12-01 08:26:00,2.55,17850.0,United Kingdom\n");
                write(out, "\n   \n");
                out.write("536999,85124B,CAF".getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // not UTF-8
                write(out, ",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n");
            }
        }
        for (String copy : copies) {
            write(out, copy + "\n");
        }
        write(out, "537999,22114,\"NEVER CLOSED,1,2010-12-01 09:32:00,3.45,15291.0,United Kingdom\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static CleanJob.Result sparkClean(Path upload, Path out, long partBytes) throws IOException {
        CleanJob.Settings settings = new CleanJob.Settings(ZoneId.of("UTC"), "GBP", null, partBytes, null, RECEIVED);
        return new CleanJob(SampleShop.spark(), settings).run(upload.toString(), out.toString());
    }

    /** CleanCommand#cleanOne: the function's cleaner over a directory, and the two files it adds at the top. */
    private static CleanReport commandLineClean(Path upload, Path out) throws IOException {
        Files.createDirectories(out);
        UploadCleaner cleaner = new UploadCleaner(new DirectoryObjectStore(out), new InMemoryIngestionLedger(),
                new UploadCleaner.Settings(ZoneOffset.UTC, CleanLimits.DEFAULT, Duration.ofDays(35), 4_000_000, "GBP",
                        Path.of(System.getProperty("java.io.tmpdir"))), Clock.systemUTC());
        String sourceId = SourceIds.of("local", upload.toAbsolutePath().toString(),
                Files.size(upload) + "-" + Files.getLastModifiedTime(upload).toMillis());
        UploadCleaner.Outcome outcome;
        try (InputStream raw = Files.newInputStream(upload)) {
            outcome = cleaner.clean(sourceId, upload.getFileName().toString(), raw, null, RECEIVED);
        }
        Files.copy(out.resolve(Layout.manifestKey(sourceId)), out.resolve("manifest.json"),
                StandardCopyOption.REPLACE_EXISTING);
        ByteArrayOutputStream rejects = new ByteArrayOutputStream();
        Path rejectsDir = out.resolve("rejects");
        if (Files.isDirectory(rejectsDir)) {
            try (Stream<Path> files = Files.walk(rejectsDir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(sourceId + ".jsonl")).sorted().toList()) {
                    rejects.write(Files.readAllBytes(file));
                }
            }
        }
        Files.write(out.resolve("rejects.jsonl"), rejects.toByteArray());
        return outcome.report();
    }

    /** Every file under {@code root} by relative path: its bytes as text (gzip files decompressed). */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (file.toString().endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        bytes = in.readAllBytes();
                    }
                }
                String text = file.toString().endsWith(".eventids") ? java.util.HexFormat.of().formatHex(bytes)
                        : new String(bytes, StandardCharsets.UTF_8);
                files.put(root.relativize(file).toString(), text);
            }
        }
        return files;
    }
}
