package io.shopsense.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.model.Segment;
import io.shopsense.pipeline.ResultLines;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of the jobs jar (EMR Serverless {@code entryPoint}, {@code ./shopsense spark JOB}): runs one job and
 * prints one JSON line of figures on stdout. Exit 0 on success, 2 on bad arguments or input, 1 on any other failure.
 *
 * <pre>
 * profiles --events ROOT --as-of DATE --out FILE [--models-out FILE]
 * recs     --events ROOT --split-date DATE --k K --out FILE [--exclude-purchased] [--similar-out FILE]
 *          [--algorithm NAME] [--driver-max-pairs N] [--driver-max-items N] [--reference-latest]
 * </pre>
 * ROOT holds the bucket's layout ({@code clean/events/dt=…/}), as {@code ./shopsense clean --out DIR} writes it.
 */
public final class SparkJobs {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkJobs() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        JobArgs parsed;
        try {
            parsed = JobArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("shopsense spark: " + e.getMessage());
            return EXIT_USAGE;
        }
        SparkSession spark = null;
        try {
            spark = Sessions.open(parsed.job());
            Map<String, Object> figures = switch (parsed.job()) {
                case "profiles" -> profiles(spark, parsed);
                case "recs" -> recs(spark, parsed);
                default -> throw new IllegalArgumentException("unknown job " + parsed.job()
                        + " (known: profiles, recs)");
            };
            System.out.println(JSON.writeValueAsString(figures));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("shopsense spark: " + e.getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            System.err.println("shopsense spark: " + parsed.job() + " failed: " + e);
            return EXIT_FAILURE;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }

    static Map<String, Object> profiles(SparkSession spark, JobArgs args) throws java.io.IOException {
        LocalDate asOf = date(args.required("--as-of"));
        String out = args.required("--out");
        String events = args.required("--events");
        long started = System.nanoTime();
        ProfilesJob.Result result = new ProfilesJob(spark, ProfilesJob.Settings.DEFAULTS).run(events, asOf);
        write(spark, out, result.lines());
        String modelsOut = args.optional("--models-out", null);
        if (modelsOut != null) {
            // the fitted models, for the loader that writes a handed-off rebuild (pipeline.SparkResultLoader)
            write(spark, modelsOut, java.util.List.of(io.shopsense.store.Json.write(result.models())));
        }
        Map<String, Integer> segments = new TreeMap<>();
        for (Map.Entry<Segment, Integer> e : result.segmentCounts().entrySet()) {
            segments.put(e.getKey().label(), e.getValue());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("job", "profiles");
        figures.put("users", result.profiles().size());
        figures.put("segments", segments);
        figures.put("asOf", asOf.toString());
        figures.put("bgnbd", result.models().bgNbd() == null ? null : result.models().bgNbd().model());
        figures.put("gammaGamma", result.models().gammaGamma() == null ? null
                : result.models().gammaGamma().model());
        figures.put("seconds", seconds(started));
        figures.put("out", out);
        return figures;
    }

    static Map<String, Object> recs(SparkSession spark, JobArgs args) throws java.io.IOException {
        RecsJob.Settings settings = RecsJob.Settings.of(
                date(args.required("--split-date")).atStartOfDay(ZoneOffset.UTC).toInstant(),
                positive(args.required("--k"), "--k"), args.flag("--exclude-purchased"));
        settings = settings.withAlgorithm(args.optional("--algorithm", RecsJob.NESTED)).withDriverLimits(Long.parseLong(args.optional("--driver-max-pairs",
                Long.toString(settings.driverMaxPairs()))), Integer.parseInt(args.optional("--driver-max-items",
                Integer.toString(settings.driverMaxItems()))))
                .withReferenceAtLatest(args.flag("--reference-latest"));
        String out = args.required("--out");
        long started = System.nanoTime();
        RecsJob.Result result = new RecsJob(spark).run(args.required("--events"), settings);
        write(spark, out, result.lines());
        String similarOut = args.optional("--similar-out", null);
        if (similarOut != null) {
            write(spark, similarOut, result.similar());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("job", "recs");
        figures.put("users", result.lines().size());
        figures.put("algorithm", result.algorithm());
        figures.put("trainer", result.trainer());
        figures.put("pairs", result.pairs());
        figures.put("items", result.items());
        figures.put("trainEvents", result.trainEvents());
        figures.put("k", settings.k());
        figures.put("excludePurchased", settings.excludePurchased());
        figures.put("seconds", seconds(started));
        figures.put("out", out);
        return figures;
    }

    /**
     * A local path as the command line writes it; a URI ({@code s3://bucket/key} on EMR, {@code s3a://} locally)
     * through Hadoop's file system, with the same lines.
     */
    static void write(SparkSession spark, String out, java.util.List<String> lines) throws java.io.IOException {
        if (!out.contains("://")) {
            ResultLines.writeLines(Path.of(out), lines);
            return;
        }
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(out);
        org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (java.io.Writer writer = new java.io.OutputStreamWriter(fs.create(path, true),
                java.nio.charset.StandardCharsets.UTF_8)) {
            ResultLines.writeLines(writer, lines);
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dates must be YYYY-MM-DD, not " + text);
        }
    }

    private static int positive(String text, String name) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException notNumber) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, not " + text);
    }

    private static double seconds(long started) {
        return Math.round((System.nanoTime() - started) / 1e6) / 1000.0;
    }
}
