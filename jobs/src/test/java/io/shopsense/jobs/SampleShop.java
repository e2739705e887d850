package io.shopsense.jobs;

import io.shopsense.clean.CleanLimits;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.apache.spark.sql.SparkSession;

/**
 * The project's Online Retail sample (samples/online-retail-sample.csv.gz, 43,324 rows) cleaned once, as
 * {@code ./shopsense clean FILE --out DIR} lays it out, and one local Spark session shared by the tests.
 */
final class SampleShop {
    private static Path root;
    private static SparkSession spark;

    private SampleShop() {
    }

    static synchronized Path cleanRoot() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("jobs-sample-");
                Path sample = Path.of("..", "samples", "online-retail-sample.csv.gz");
                UploadCleaner cleaner = new UploadCleaner(new DirectoryObjectStore(root), new InMemoryIngestionLedger(),
                        new UploadCleaner.Settings(ZoneOffset.UTC, CleanLimits.DEFAULT, Duration.ofDays(35), 4_000_000,
                                "GBP", Path.of(System.getProperty("java.io.tmpdir"))), Clock.systemUTC());
                try (InputStream raw = Files.newInputStream(sample)) {
                    cleaner.clean("sample", sample.getFileName().toString(), raw, null, null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = Sessions.open("test");
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }
}
