package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The manifest record reads back what it writes; the bytes themselves are pinned by pipeline.ManifestGoldenTest. */
class UploadManifestTest {
    private static final CleanReport FAILED = new CleanReport("s9", null, "UTF-8", false, "gzip", 0, 0, 0, 0, 0, 0,
            new TreeMap<>(), new TreeMap<>(), 0, 2, null, null, "ab".repeat(32), 17, CleanReport.Status.FAILED,
            "TRUNCATED_GZIP", "the gzip stream ends early: \"Grüße\" ☃");

    @Test
    void read_givesBackWhatToJsonWrote_timesNullsAndStatusIncluded() throws IOException {
        UploadManifest manifest = new UploadManifest("raw/reviews/r.csv", "reviews", false, report());

        assertThat(UploadManifest.read(manifest.toJson())).isEqualTo(manifest);
        assertThat(UploadManifest.read(UploadManifest.of("raw/orders/x.gz", "events", FAILED).toJson()).report())
                .isEqualTo(FAILED);
    }

    @Test
    void toJson_namesTheCatalogueCheckForReviewsOnly() {
        String events = new String(UploadManifest.of("raw/orders/x.csv", "events", report()).toJson(),
                StandardCharsets.UTF_8);
        String reviews = new String(new UploadManifest("raw/reviews/r.csv", "reviews", true, report()).toJson(),
                StandardCharsets.UTF_8);

        assertThat(events).startsWith("{\"input\":\"raw/orders/x.csv\",\"kind\":\"events\",\"report\":{")
                .doesNotContain("itemsCheckedAgainstCatalogue");
        assertThat(reviews).startsWith("{\"input\":\"raw/reviews/r.csv\",\"kind\":\"reviews\","
                + "\"itemsCheckedAgainstCatalogue\":true,\"report\":{\"sourceId\":\"s1\",");
        assertThat(new String(UploadManifest.of("raw/orders/x.gz", "events", FAILED).toJson(), StandardCharsets.UTF_8))
                .contains("\"status\":\"failed\",\"errorCode\":\"TRUNCATED_GZIP\"");
    }

    @Test
    void read_refusesAManifestWhoseRowsDoNotReconcile() {
        byte[] json = ("{\"input\":\"raw/orders/x.csv\",\"kind\":\"events\",\"report\":{\"sourceId\":\"s1\","
                + "\"rowsIn\":5,\"rowsClean\":3,\"rowsRejected\":1,\"status\":\"ok\"}}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> UploadManifest.read(json)).isInstanceOf(IOException.class)
                .hasMessageContaining("rows do not reconcile: 5 != 3 + 1 + 0 + 0");
    }

    @Test
    void withRowsErased_movesCleanAndRejectedRowsToErased_andTheirLinesLeaveTheOutputs() {
        CleanReport swept = report().withRowsErased(2, Map.of("BAD_DATE", 1L, "DUPLICATE", 1L),
                Map.of("events", 2L, "reviews", 0L));

        assertThat(swept.rowsClean()).isEqualTo(5);
        assertThat(swept.rowsRejected()).isEqualTo(1);
        assertThat(swept.rowsErased()).isEqualTo(5);
        assertThat(swept.rowsIn()).isEqualTo(report().rowsIn());
        assertThat(swept.rejectsByReason()).containsExactly(Map.entry("BAD_DATE", 1L)); // DUPLICATE reached zero
        assertThat(swept.outputsByKind()).containsExactly(Map.entry("catalog", 4L), Map.entry("events", 5L));
    }

    /** 11 rows: 7 clean, 3 rejected (2 bad dates, a duplicate), 1 erased at cleaning. */
    private static CleanReport report() {
        return new CleanReport("s1", "online-retail", "UTF-8", true, "none", 11, 7, 3, 1, 0, 0,
                new TreeMap<>(Map.of("BAD_DATE", 2L, "DUPLICATE", 1L)), new TreeMap<>(Map.of("events", 7L, "catalog", 4L)),
                1, 3,
                Instant.parse("2010-12-01T08:26:00Z"), Instant.parse("2010-12-09T12:50:00.500Z"), "cd".repeat(32), 812,
                CleanReport.Status.OK, null, null);
    }
}
