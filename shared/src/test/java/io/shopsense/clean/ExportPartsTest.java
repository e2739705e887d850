package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A file cleaned in parts gives what {@link ExportCleaner} gives for the whole: the parts run here one after another
 * as the Spark job runs them in parallel (jobs/ CleanJob), including the hand-over of claimed dedup keys.
 */
class ExportPartsTest {
    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,"
            + "Country\n";
    private static final CleanRequest REQUEST = CleanRequest.of("src", "orders.csv")
            .withReceivedAt(Instant.parse("2012-01-01T00:00:00Z"));

    @Test
    void clean_inParts_rejectsACopyInALaterPartAsTheWholeFileDoes() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 60; i++) {
            csv.append(536400 + i).append(",2211").append(i % 7).append(",MUG ").append(i % 5)
                    .append(",2,2010-12-01 09:32:00,3.45,1529").append(i % 9).append(".0,United Kingdom\n");
        }
        csv.append("536401,22111,MUG 1,2,2010-12-01 09:32:00,3.45,15291.0,United Kingdom\n"); // row 2 again
        csv.append("536402,22112,,2,2010-12-01 09:32:00,4.10,15292.0,United Kingdom\n"); // row 3 again, later price
        csv.append("536999,22113,BAD,two,2010-12-01 09:32:00,3.45,15293.0,United Kingdom\n");
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

        RecordingOutput whole = new RecordingOutput();
        CleanReport expected = new ExportCleaner().clean(new ByteArrayInputStream(file), REQUEST, whole);
        RecordingOutput parts = new RecordingOutput();
        Parted got = inParts(file, 700, parts);

        assertThat(got.parts()).isGreaterThan(4);
        assertThat(parts.rows).isEqualTo(whole.rows.stream().filter(r -> r.kind() == RowKind.EVENTS).toList());
        assertThat(got.merged().finishRows()).isEqualTo(whole.lines(RowKind.CATALOG));
        assertThat(parts.rejects).isEqualTo(whole.rejects);
        assertThat(got.merged().report()).isEqualTo(expected);
        assertThat(expected.rejectsByReason()).containsEntry("DUPLICATE", 1L).containsEntry("BAD_NUMBER", 1L);
    }

    @Test
    void clean_aPartEndingInsideAQuotedField_isNotAlignedWithTheNext() throws IOException {
        String csv = HEADER + "536400,22110,\"TWO\nLINES\",2,2010-12-01 09:32:00,3.45,15290.0,United Kingdom\n";
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);
        ExportParts.Plan plan = ExportParts.plan(new ByteArrayInputStream(file), REQUEST);
        int cut = csv.indexOf("LINES");

        ExportParts.PartResult first = ExportParts.scan(new ByteArrayInputStream(file, 0, cut), plan,
                new ExportParts.Part(0, false, 0, new long[0]), REQUEST, key -> { });

        assertThat(plan.splittable()).isTrue();
        assertThat(first.alignedWithNext()).isFalse();
    }

    @Test
    void plan_aGzipUpload_isCleanedWhole() throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write((HEADER + "536400,22110,MUG,2,2010-12-01 09:32:00,3.45,15290.0,United Kingdom\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        ExportParts.Plan plan = ExportParts.plan(new ByteArrayInputStream(gz.toByteArray()), REQUEST);

        assertThat(plan.splittable()).isFalse();
        assertThat(plan.format()).isEqualTo(ExportFormat.ONLINE_RETAIL);
    }

    private record Parted(int parts, ExportParts.Merged merged) {
    }

    /** The Spark job's two passes, one part after another. */
    private static Parted inParts(byte[] file, int partBytes, RecordingOutput out) throws IOException {
        ExportParts.Plan plan = ExportParts.plan(new ByteArrayInputStream(file), REQUEST);
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int nominal = partBytes; nominal < file.length; nominal += partBytes) {
            int start = (int) ExportParts.lineStartFrom(new ByteArrayInputStream(file, nominal - 1,
                    file.length - nominal + 1), nominal);
            if (start < file.length && start > starts.get(starts.size() - 1)) {
                starts.add(start);
            }
        }
        starts.add(file.length);
        int n = starts.size() - 1;
        Map<Long, Integer> firstPart = new HashMap<>();
        Map<Integer, List<Long>> claimed = new HashMap<>();
        long[] records = new long[n];
        for (int i = 0; i < n; i++) {
            int part = i;
            ExportParts.PartResult scan = ExportParts.scan(slice(file, starts, i), plan,
                    new ExportParts.Part(i, i == n - 1, 0, new long[0]), REQUEST, key -> {
                        if (firstPart.putIfAbsent(key, part) != null) {
                            claimed.computeIfAbsent(part, p -> new ArrayList<>()).add(key);
                        }
                    });
            assertThat(scan.alignedWithNext()).isTrue();
            records[i] = scan.records();
        }
        List<ExportParts.PartResult> results = new ArrayList<>();
        long before = 0;
        for (int i = 0; i < n; i++) {
            long[] keys = claimed.getOrDefault(i, List.of()).stream().mapToLong(Long::longValue).toArray();
            results.add(ExportParts.clean(slice(file, starts, i), plan, new ExportParts.Part(i, i == n - 1,
                    before - plan.headerRecord(), keys), REQUEST, out, key -> { }));
            before += records[i];
        }
        String sha = java.util.HexFormat.of().formatHex(sha256(file));
        return new Parted(n, ExportParts.merge(plan, REQUEST, results, sha, file.length));
    }

    private static ByteArrayInputStream slice(byte[] file, List<Integer> starts, int i) {
        return new ByteArrayInputStream(file, starts.get(i), starts.get(i + 1) - starts.get(i));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
