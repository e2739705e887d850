package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.CleanLimits;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests clean-upload writes, byte for byte, against the files the writer produced before the manifest became a
 * typed record (test resources pipeline/manifests/): one upload of each kind, a reviews upload that says whether the
 * catalogue was checked, and a failed upload whose error message carries quotes and non-ASCII text.
 */
class ManifestGoldenTest {
    private static final Instant AT = Instant.parse("2024-12-01T02:00:00Z");

    @TempDir
    Path bucket;
    @TempDir
    Path work;
    private DirectoryObjectStore store;
    private final InMemoryIngestionLedger ledger = new InMemoryIngestionLedger();

    @BeforeEach
    void setUp() {
        store = new DirectoryObjectStore(bucket);
    }

    @Test
    void manifests_areTheBytesCleanUploadAlwaysWrote() throws Exception {
        assertManifest("raw/orders/online-retail-2000.csv", resource("/clean/online-retail-2000.csv"), "orders.json");
        assertManifest("raw/catalog/catalog.csv", ("item_id,title,category,price,in_stock\n"
                + "10002,INFLATABLE \"POLITICAL\" GLOBE,other,1.66,true\n"
                + "10080,Kaktus für Gäste ☃,other,0.39,true\n"
                + ",no id,other,1.00,true\n").getBytes(StandardCharsets.UTF_8), "catalog.json");
        assertManifest("raw/reviews/reviews.csv", ("user_id,item_id,rating,title,body,created_at\n"
                + "16244,10002,3,还可以,\"还可以，就是有点小\",2024-11-06 13:41:00\n"
                + "18041,10080,7,Nice,too many stars,2024-11-08 13:35:00\n"
                + "18042,99999,5,Nice,unknown item,2024-11-08 13:36:00\n").getBytes(StandardCharsets.UTF_8),
                "reviews.json");
        assertManifest("raw/ads/ad-results.csv", ("date,hour,channel,campaign,impressions,clicks,conversions,spend,"
                + "revenue\n2024-06-03,0,traffic-1,spring-sale,183,3,1,12.04,69.83\n"
                + "2024-06-03,25,traffic-1,spring-sale,183,3,1,12.04,69.83\n").getBytes(StandardCharsets.UTF_8),
                "ads.json");
        assertManifest("raw/orders/notes.txt", "\"Grüße\" \\ from\tthe shop ☃\n".getBytes(StandardCharsets.UTF_8),
                "failed.json");
    }

    private void assertManifest(String key, byte[] bytes, String golden) throws IOException {
        store.put(key, bytes, "text/csv");
        UploadCleaner cleaner = new UploadCleaner(store, ledger, new UploadCleaner.Settings(ZoneId.of("UTC"),
                CleanLimits.DEFAULT, Duration.ofDays(35), 100_000, "GBP", work), Clock.fixed(AT, ZoneOffset.UTC));
        UploadCleaner.Outcome outcome = cleaner.clean(new UploadCleaner.Upload("shop", key, "etag-" + key, AT));
        byte[] written;
        try (InputStream in = store.open(Layout.manifestKey(outcome.sourceId()))) {
            written = in.readAllBytes();
        }
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(resource("/pipeline/manifests/" + golden), StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ManifestGoldenTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
