package io.shopsense.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * {@code scale}: where the Lambda path stops fitting (docs/architecture.md §7). A synthetic shop made of Online Retail
 * copied ×1, ×10, ×50 (each copy with fresh customer and invoice numbers: more customers buying the same catalogue
 * over the same year) goes through the nightly heavy work twice, each step in a JVM of its own so that its wall time
 * and peak resident memory are its own:
 * <ul>
 *   <li>the Lambda path: {@code ./shopsense clean}, {@code profiles} and {@code recs predict --algorithm ials}, the
 *       functions' code in one process with {@code -Xmx} as a function's memory;</li>
 *   <li>the Spark path: the jobs jar's {@code clean}, {@code profiles} and {@code recs} (MLlib implicit ALS: the
 *       driver line at 0 pairs) in local mode on {@code local[N]}; core-seconds = wall time × N.</li>
 * </ul>
 * CPU seconds (user + system of the step's process) are reported beside wall times: on a machine shared with other
 * work they are what the step costs, where wall time also counts the waiting.
 * One line per size, then a projection: the Lambda path's CPU time fitted as a power law of the rows (log-log least
 * squares), its peak memory as a straight line, and the rows at which they pass 15 minutes and 10 GB.
 */
final class ScaleBench {
    private static final double LAMBDA_SECONDS = 15 * 60;
    private static final double LAMBDA_MB = 10 * 1024;
    private static final String AS_OF = "2011-12-09";
    private static final String SPLIT = "2011-11-01";

    /** What this run is given: the sizes, the child JVMs' memory and Spark's cores. */
    record Settings(List<Integer> copies, String lambdaXmx, String sparkXmx, int sparkCores, Path home, Path work) {
    }

    private final Path dataDir;
    private final Settings settings;

    ScaleBench(Path dataDir, Settings settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    List<BenchResult> run() throws Exception {
        List<BenchResult> lines = new ArrayList<>();
        List<double[]> lambda = new ArrayList<>(); // rows, seconds, peak MB
        for (int copies : settings.copies()) {
            Path dir = Files.createDirectories(settings.work().resolve("x" + copies));
            Path upload = dir.resolve("shop-x" + copies + ".csv");
            long rows = writeShop(dataDir.resolve("online-retail/online-retail.csv.gz"), copies, upload);
            progress("x" + copies + ": " + rows + " rows, " + Files.size(upload) / (1 << 20) + " MB; Lambda path...");
            Map<String, ChildRun> lambdaSteps = lambdaPath(upload, dir.resolve("lambda"));
            progress("x" + copies + ": Spark path (local[" + settings.sparkCores() + "])...");
            Map<String, ChildRun> sparkSteps = sparkPath(upload, dir.resolve("spark"));
            double lambdaSeconds = lambdaSteps.values().stream().mapToDouble(ChildRun::seconds).sum();
            double lambdaMb = lambdaSteps.values().stream().mapToDouble(ChildRun::peakRssMb).max().orElse(0);
            double sparkSeconds = sparkSteps.values().stream().mapToDouble(ChildRun::seconds).sum();
            double lambdaCpu = lambdaSteps.values().stream().mapToDouble(ChildRun::cpuSeconds).sum();
            double sparkCpu = sparkSteps.values().stream().mapToDouble(ChildRun::cpuSeconds).sum();
            // CPU, not wall, time: on a loaded machine wall time counts the waiting (the steps are mostly one thread,
            // and a function of 1,769 MB or more has at least one whole vCPU)
            lambda.add(new double[] {rows, lambdaCpu, lambdaMb});
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("rows", rows);
            extra.put("lambdaPeakRssMb", lambdaMb);
            extra.put("lambdaXmx", settings.lambdaXmx());
            extra.put("lambdaSteps", steps(lambdaSteps));
            extra.put("lambdaMicrosPerRow", lambdaSeconds * 1e6 / rows);
            extra.put("lambdaCpuSeconds", lambdaCpu);
            extra.put("lambdaCpuMicrosPerRow", lambdaCpu * 1e6 / rows);
            extra.put("sparkCores", settings.sparkCores());
            extra.put("sparkCoreSeconds", sparkSeconds * settings.sparkCores());
            extra.put("sparkCpuSeconds", sparkCpu);
            extra.put("sparkCpuMicrosPerRow", sparkCpu * 1e6 / rows);
            extra.put("sparkPeakRssMb", sparkSteps.values().stream().mapToDouble(ChildRun::peakRssMb).max()
                    .orElse(0));
            extra.put("sparkSteps", steps(sparkSteps));
            extra.put("sparkCoreMicrosPerRow", sparkSeconds * settings.sparkCores() * 1e6 / rows);
            BenchResult line = new BenchResult("scale", lambdaSeconds, sparkSeconds, "s",
                    lambdaSeconds / sparkSeconds, null, "x" + copies, extra);
            lines.add(line);
            System.out.println(line.toJson());
            System.out.flush();
            deleteTree(dir);
        }
        lines.add(projection(lambda));
        return lines.subList(lines.size() - 1, lines.size()); // the size lines are already printed
    }

    private Map<String, ChildRun> lambdaPath(Path upload, Path out) throws Exception {
        List<String> cli = List.of(java(), settings.lambdaXmx(), "-cp", System.getProperty("java.class.path"),
                "io.shopsense.local.cli.ShopsenseCli");
        Map<String, ChildRun> steps = new LinkedHashMap<>();
        Files.createDirectories(out);
        steps.put("clean", ChildRun.of(with(cli, "clean", upload.toString(), "--out", out.toString()), Map.of(),
                log(out, "clean")));
        steps.put("profiles", ChildRun.of(with(cli, "profiles", "--events", out.toString(), "--as-of", AS_OF,
                "--out", out.resolve("profiles.jsonl").toString()), Map.of(), log(out, "profiles")));
        steps.put("recs", ChildRun.of(with(cli, "recs", "predict", "--events", out.toString(), "--split-date", SPLIT,
                "--k", "10", "--algorithm", "ials", "--out", out.resolve("recs.jsonl").toString()), Map.of(),
                log(out, "recs")));
        return steps;
    }

    private Map<String, ChildRun> sparkPath(Path upload, Path out) throws Exception {
        Path jobs = settings.home().resolve("jobs/target");
        String classpath = jobs.resolve("shopsense-jobs.jar") + java.io.File.pathSeparator
                + Files.readString(jobs.resolve("spark-classpath.txt")).trim();
        List<String> job = List.of(java(), settings.sparkXmx(), "@" + settings.home().resolve(
                "jobs/src/main/jvm/spark-java17.args"), "-cp", classpath, "io.shopsense.jobs.SparkJobs");
        Map<String, String> env = Map.of("SHOPSENSE_SPARK_MASTER", "local[" + settings.sparkCores() + "]",
                "SPARK_LOCAL_IP", "127.0.0.1");
        Map<String, ChildRun> steps = new LinkedHashMap<>();
        Files.createDirectories(out);
        steps.put("clean", ChildRun.of(with(job, "clean", upload.toString(), "--out", out.toString()), env,
                log(out, "clean")));
        steps.put("profiles", ChildRun.of(with(job, "profiles", "--events", out.toString(), "--as-of", AS_OF,
                "--out", out.resolve("profiles.jsonl").toString()), env, log(out, "profiles")));
        steps.put("recs", ChildRun.of(with(job, "recs", "--events", out.toString(), "--split-date", SPLIT, "--k",
                "10", "--algorithm", "ials", "--driver-max-pairs", "0", "--out", out.resolve("recs.jsonl")
                        .toString()), env, log(out, "recs")));
        return steps;
    }

    /**
     * The fit and where it crosses the Lambda limits: time {@code t = a·rows^b} (least squares on logs; with one
     * size b = 1, through the origin), peak memory {@code m = c + d·rows} (one size: through the origin).
     */
    private static BenchResult projection(List<double[]> sizes) {
        double b = 1;
        double logA;
        double c = 0;
        double d;
        if (sizes.size() >= 2) {
            double mx = 0, my = 0, mm = 0;
            for (double[] s : sizes) {
                mx += Math.log(s[0]);
                my += Math.log(s[1]);
                mm += s[2];
            }
            int n = sizes.size();
            mx /= n;
            my /= n;
            double meanRows = sizes.stream().mapToDouble(s -> s[0]).average().orElseThrow();
            mm /= n;
            double sxy = 0, sxx = 0, mxy = 0, mxx = 0;
            for (double[] s : sizes) {
                sxy += (Math.log(s[0]) - mx) * (Math.log(s[1]) - my);
                sxx += Math.pow(Math.log(s[0]) - mx, 2);
                mxy += (s[0] - meanRows) * (s[2] - mm);
                mxx += Math.pow(s[0] - meanRows, 2);
            }
            b = sxy / sxx;
            logA = my - b * mx;
            d = mxy / mxx;
            c = mm - d * meanRows;
        } else {
            logA = Math.log(sizes.get(0)[1] / sizes.get(0)[0]);
            d = sizes.get(0)[2] / sizes.get(0)[0];
        }
        double rowsAt15Minutes = Math.exp((Math.log(LAMBDA_SECONDS) - logA) / b);
        double rowsAt10Gb = d > 0 ? (LAMBDA_MB - c) / d : Double.POSITIVE_INFINITY;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("sizesMeasured", sizes.size());
        extra.put("timeFit", String.format("cpuSeconds = %.3g * rows^%.3f%s", Math.exp(logA), b,
                sizes.size() < 2 ? " (one size: linear through the origin assumed)" : ""));
        extra.put("memoryFit", String.format("peakMb = %.1f + %.3g * rows", c, d));
        extra.put("rowsAt15Minutes", Math.round(rowsAt15Minutes));
        extra.put("rowsAt10Gb", Double.isFinite(rowsAt10Gb) ? Math.round(rowsAt10Gb) : null);
        double limit = Math.min(rowsAt15Minutes, rowsAt10Gb);
        extra.put("lambdaLimitRows", Math.round(limit));
        extra.put("lambdaLimitBy", rowsAt15Minutes <= rowsAt10Gb ? "15 minutes" : "10 GB");
        return new BenchResult("scale-projection", limit, null, "rows", null, null, null, extra);
    }

    /**
     * Online Retail ×copies as one plain CSV: copy 0 as it is, copy k with invoice numbers and customer ids moved by
     * k (so no row of a copy equals a row of another, and each copy's customers are new). Returns the data rows.
     */
    static long writeShop(Path onlineRetail, int copies, Path out) throws IOException {
        long rows = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int copy = 0; copy < copies; copy++) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                        Files.newInputStream(onlineRetail), 1 << 16), StandardCharsets.UTF_8))) {
                    String header = reader.readLine();
                    if (copy == 0) {
                        writer.write(header);
                        writer.write('\n');
                    }
                    for (String line; (line = reader.readLine()) != null; ) {
                        writer.write(copy == 0 ? line : moved(line, copy));
                        writer.write('\n');
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    /** The row with its invoice (first field) and customer (second from last) moved into copy {@code k}. */
    static String moved(String line, int k) {
        int firstComma = line.indexOf(',');
        int lastComma = line.lastIndexOf(',');
        int customerStart = line.lastIndexOf(',', lastComma - 1) + 1;
        String invoice = line.substring(0, firstComma);
        int digits = 0;
        while (digits < invoice.length() && !Character.isDigit(invoice.charAt(digits))) {
            digits++;
        }
        String movedInvoice = digits == invoice.length() ? invoice + "-" + k : invoice.substring(0, digits)
                + (k * 1_000_000L + Long.parseLong(invoice.substring(digits)));
        String customer = line.substring(customerStart, lastComma).strip();
        String movedCustomer = customer.isEmpty() ? customer
                : Long.toString(k * 100_000L + (long) Double.parseDouble(customer)) + ".0";
        return movedInvoice + line.substring(firstComma, customerStart) + movedCustomer + line.substring(lastComma);
    }

    private static Map<String, Object> steps(Map<String, ChildRun> runs) {
        Map<String, Object> steps = new LinkedHashMap<>();
        runs.forEach((name, run) -> steps.put(name, Map.of("seconds", BenchResult.round(run.seconds()),
                "cpuSeconds", BenchResult.round(run.cpuSeconds()), "peakRssMb", BenchResult.round(run.peakRssMb()))));
        return steps;
    }

    /** A step's output, beside the outputs (the command line's JSON line and progress, Spark's log). */
    private static Path log(Path out, String step) {
        return out.getParent().resolve(out.getFileName() + "-" + step + ".log");
    }

    private static List<String> with(List<String> command, String... args) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(args));
        return all;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void progress(String message) {
        System.err.println("scale: " + message);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * One step in a JVM of its own: its wall time, its CPU time (user + system, all threads: what it would have taken
     * on idle cores, whatever else this machine runs) and its peak resident set (the kernel's high-water mark,
     * {@code VmHWM}), read from {@code /proc} until the process ends; the peak is what Lambda's "Max Memory Used"
     * reports.
     */
    record ChildRun(double seconds, double cpuSeconds, double peakRssMb) {
        static ChildRun of(List<String> command, Map<String, String> env, Path log) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            long started = System.nanoTime();
            Process process = builder.start();
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
            long peakKb = 0;
            long cpuTicks = 0;
            while (process.isAlive()) {
                peakKb = Math.max(peakKb, highWaterKb(status));
                cpuTicks = Math.max(cpuTicks, cpuTicks(stat));
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (process.exitValue() != 0) {
                List<String> output = Files.readAllLines(log);
                throw new IllegalStateException("exit " + process.exitValue() + ": " + String.join(" ", command)
                        + "\n" + String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size())));
            }
            return new ChildRun(seconds, cpuTicks / (double) CLOCK_TICKS, peakKb / 1024.0);
        }

        /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux Java runs on. */
        private static final int CLOCK_TICKS = 100;

        /** utime + stime (fields 14 and 15 of {@code /proc/PID/stat}, after the parenthesised name). */
        private static long cpuTicks(Path stat) {
            try {
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException ended) {
                return 0;
            }
        }

        private static long highWaterKb(Path status) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException ended) {
                // the process ended between the check and the read
            }
            return 0;
        }
    }
}
