package io.shopsense.clean;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * A hand-run timing of {@link ExportCleaner} against a bare read of the same gzipped CSV (gunzip, UTF-8, readLine,
 * split on commas), in the same JVM, warm. Not a JUnit test: run its {@code main} with the test classpath.
 * {@code --digest} instead prints a SHA-256 over every row and reject the cleaner emits, to show output is unchanged;
 * {@code --digest-without-ids} the same with each {@code eventId} left out, to compare across a change of id hash.
 */
final class CleanSpeedCheck {
    private static final Instant RECEIVED = Instant.parse("2024-06-01T00:00:00Z");

    private CleanSpeedCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/work/shared/data/online-retail/online-retail.csv.gz");
        byte[] bytes = Files.readAllBytes(file);
        if (Arrays.asList(args).contains("--digest") || Arrays.asList(args).contains("--digest-without-ids")) {
            digest(bytes, Arrays.asList(args).contains("--digest-without-ids"));
            return;
        }
        int warm = 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        // wall time is what the goal is about; process CPU time (all threads, GC included) is the cross-check when
        // other work shares the cores
        double[][] wall = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        for (int r = -warm; r < rounds; r++) {
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            long fields = bareRead(bytes);
            long t1 = System.nanoTime();
            long c1 = cpuNanos();
            CleanReport report = clean(bytes, new NoOutput());
            long t2 = System.nanoTime();
            long c2 = cpuNanos();
            double b = (t1 - t0) / 1e9;
            double c = (t2 - t1) / 1e9;
            System.out.printf("%s %2d bare %.3f s  clean %.3f s  ratio %.2f  (cpu %.2f / %.2f s; %d fields, %d rows)%n",
                    r < 0 ? "warm " : "round", r, b, c, c / b, (c1 - c0) / 1e9, (c2 - c1) / 1e9, fields,
                    report.rowsIn());
            if (r >= 0) {
                wall[0][r] = b;
                wall[1][r] = c;
                cpu[0][r] = (c1 - c0) / 1e9;
                cpu[1][r] = (c2 - c1) / 1e9;
            }
        }
        summary("wall", wall);
        summary("cpu ", cpu);
    }

    private static void summary(String what, double[][] t) {
        double[] ratio = new double[t[0].length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = t[1][i] / t[0][i];
        }
        System.out.printf("%s bare  median %.3f s  [%.3f .. %.3f]%n", what, median(t[0]), min(t[0]), max(t[0]));
        System.out.printf("%s clean median %.3f s  [%.3f .. %.3f]%n", what, median(t[1]), min(t[1]), max(t[1]));
        System.out.printf("%s ratio median %.2f  [%.2f .. %.2f]  (ratio of medians %.2f)%n", what, median(ratio),
                min(ratio), max(ratio), median(t[1]) / median(t[0]));
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long bareRead(byte[] bytes) throws IOException {
        long fields = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = in.readLine()) != null; ) {
                fields += line.split(",").length;
            }
        }
        return fields;
    }

    static CleanReport clean(byte[] bytes, CleanOutput out) {
        CleanRequest request = CleanRequest.of("bench", "online-retail.csv.gz").withReceivedAt(RECEIVED);
        return new ExportCleaner().clean(new ByteArrayInputStream(bytes), request, out);
    }

    private static void digest(byte[] bytes, boolean withoutIds) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        CleanReport report = clean(bytes, new CleanOutput() {
            @Override
            public void row(RowKind kind, LocalDate dt, String jsonLine) {
                String line = withoutIds ? jsonLine.replaceFirst("^\\{\"eventId\":\"[0-9a-f]{16}\"", "{") : jsonLine;
                sha.update((kind + " " + dt + " " + line + "\n").getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void reject(Reject reject) {
                sha.update((CanonicalJson.rejectLine("bench", reject) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        System.out.println(report.rowsIn() + " in, " + report.rowsClean() + " clean, " + report.rowsRejected()
                + " rejected " + report.rejectsByReason() + " " + report.outputsByKind() + " nonProduct "
                + report.nonProductRows() + " first " + report.firstTs() + " last " + report.lastTs());
        System.out.println("output sha256 " + HexFormat.of().formatHex(sha.digest()));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /** Discards everything: the cost measured is the cleaner's alone. */
    private static final class NoOutput implements CleanOutput {
        @Override
        public void row(RowKind kind, LocalDate dt, String jsonLine) {
        }

        @Override
        public void reject(Reject reject) {
        }
    }
}
