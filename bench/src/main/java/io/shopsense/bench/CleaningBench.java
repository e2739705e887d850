package io.shopsense.bench;

import io.shopsense.pipeline.Layout;
import io.shopsense.clean.CleanOutput;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.CleanRequest;
import io.shopsense.clean.ExportCleaner;
import io.shopsense.clean.Reject;
import io.shopsense.clean.RowKind;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code cleaning}: rows per second through the real {@link ExportCleaner} (into a no-op output) against the same JVM
 * only decompressing, decoding and splitting the same lines at commas (the physical floor), on Online Retail ×1, ×4
 * and ×16. Ratio: our time / floor time; goal at most 3.
 *
 * <p>×4 and ×16 are gzip files written once to a temp directory: the header once, then the body k times, copy c
 * (c ≥ 1) with {@code -c} appended to every InvoiceNo. The suffix keeps copies distinct, so each copy is cleaned like
 * the original (not rejected wholesale as duplicates) and the per-row work stays the same at every size.
 */
final class CleaningBench {
    private static final String GOAL = "<=3";
    private static final int[] SIZES = {1, 4, 16};
    private static final CleanOutput DISCARD = new CleanOutput() {
        @Override
        public void row(RowKind kind, LocalDate dt, String jsonLine) {
        }

        @Override
        public void reject(Reject reject) {
        }
    };

    private final Path source;
    private final int reps;

    CleaningBench(Path dataDir, int reps) {
        this.source = dataDir.resolve("online-retail/online-retail.csv.gz");
        this.reps = reps;
    }

    List<BenchResult> run() throws Exception {
        Path temp = Files.createTempDirectory("shopsense-bench-cleaning");
        try {
            Map<Integer, Path> files = new LinkedHashMap<>();
            files.put(1, source);
            List<String> lines = readLines(source);
            for (int size : SIZES) {
                if (size > 1) {
                    files.put(size, concatenate(lines, size, temp.resolve("online-retail-x" + size + ".csv.gz")));
                }
            }
            lines = null; // the ×1 text is only needed to write the bigger files
            Timing.progress("cleaning: warming up (2 runs each on x1)");
            for (int i = 0; i < 2; i++) {
                floor(source);
                clean(source);
            }
            List<BenchResult> results = new ArrayList<>();
            for (var entry : files.entrySet()) {
                results.add(measure(entry.getKey(), entry.getValue()));
            }
            return results;
        } finally {
            try (var paths = Files.list(temp)) {
                for (Path p : paths.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(temp);
        }
    }

    private BenchResult measure(int size, Path file) throws Exception {
        int runs = size == 1 ? Math.max(reps, 5) : reps;
        double[] ours = new double[runs];
        double[] bare = new double[runs];
        CleanReport report = null;
        long lines = 0;
        for (int r = 0; r < runs; r++) { // alternate, so drift on a shared machine hits both sides alike
            Timing.Timed<Long> f = Timing.time(() -> floor(file));
            Timing.Timed<CleanReport> c = Timing.time(() -> clean(file));
            bare[r] = f.seconds();
            ours[r] = c.seconds();
            lines = f.value();
            report = c.value();
            Timing.progress(String.format("cleaning x%d run %d: clean %.2fs, bare read %.2fs", size, r + 1,
                    ours[r], bare[r]));
        }
        if (!report.ok()) {
            throw new IllegalStateException("cleaning failed: " + report.errorCode() + " " + report.errorMessage());
        }
        long rows = report.rowsIn();
        if (rows != lines) {
            throw new IllegalStateException("cleaner read " + rows + " rows, bare read " + lines + " lines");
        }
        double ourSeconds = Timing.median(ours);
        double bareSeconds = Timing.median(bare);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("rows", rows);
        extra.put("rowsClean", report.rowsClean());
        extra.put("rowsRejected", report.rowsRejected());
        extra.put("rejectsByReason", report.rejectsByReason());
        extra.put("oursSeconds", ourSeconds);
        extra.put("baselineSeconds", bareSeconds);
        extra.put("oursNsPerRow", ourSeconds * 1e9 / rows);
        extra.put("baselineNsPerRow", bareSeconds * 1e9 / rows);
        extra.put("runs", runs);
        extra.put("copies", size == 1 ? "original file" : "InvoiceNo suffixed -c per copy c>=1, so rows stay distinct");
        return new BenchResult("cleaning", rows / ourSeconds, rows / bareSeconds, "rows/s", ourSeconds / bareSeconds,
                GOAL, "x" + size, extra);
    }

    /** The real cleaner, format detected as in production, output discarded. */
    private static CleanReport clean(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return new ExportCleaner().clean(in, CleanRequest.of("bench", Layout.RAW_ORDERS + file.getFileName())
                    .withExpectedKind(RowKind.EVENTS), DISCARD);
        }
    }

    /**
     * The floor: gunzip, decode UTF-8, read lines, cut each at its commas into strings (no quote handling, so it is
     * cheaper than any correct CSV reader). Returns the data lines read; the field lengths feed a sink the JIT
     * cannot remove.
     */
    static long floor(Path file) throws IOException {
        long rows = -1; // the header is not a row
        long sink = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = reader.readLine()) != null; ) {
                int from = 0;
                for (int comma; (comma = line.indexOf(',', from)) >= 0; from = comma + 1) {
                    sink += line.substring(from, comma).length();
                }
                sink += line.substring(from).length();
                rows++;
            }
        }
        if (sink == 42) {
            System.err.print(""); // keeps sink alive
        }
        return rows;
    }

    private static List<String> readLines(Path file) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            return reader.lines().toList();
        }
    }

    private static Path concatenate(List<String> lines, int copies, Path target) throws IOException {
        Timing.progress("cleaning: writing x" + copies + " (" + (long) (lines.size() - 1) * copies + " rows)");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED); // write fast; inflating costs about the same at any level
            }
        }) {
            out.write((lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
            for (int c = 0; c < copies; c++) {
                String suffix = "-" + c;
                for (int i = 1; i < lines.size(); i++) {
                    String line = lines.get(i);
                    int comma = line.indexOf(',');
                    String shifted = c == 0 || comma < 0 ? line
                            : line.substring(0, comma) + suffix + line.substring(comma);
                    out.write((shifted + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return target;
    }
}
