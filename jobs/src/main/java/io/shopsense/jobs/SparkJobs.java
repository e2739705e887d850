package io.shopsense.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.model.Segment;
import io.shopsense.pipeline.RecommendationRefresh;
import io.shopsense.pipeline.RecommendationTables;
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
 * clean    FILE --out DIR [--format CODE] [--tz ZONE] [--currency CODE] [--part-mb N] [--source-id ID]
 *          [--received-at INSTANT] [--dedup-window FILE --dedup-capacity N | --earlier-copy]
 *          [--erased FILE --shop-secret ARN|FILE] [--manifest-out FILE]
 * profiles --events ROOT --as-of DATE --out FILE [--models-out FILE]
 * recs     --events ROOT --split-date DATE --k K --out FILE [--exclude-purchased] [--similar-out FILE]
 *          [--algorithm NAME] [--driver-max-pairs N] [--driver-max-items N] [--reference-latest]
 * recs     --events ROOT --split-date DATE --nightly SETTINGS --tables-out PREFIX [--driver-max-pairs N]
 *          [--driver-max-items N]   (a handed-off build-recommendations)
 * </pre>
 * ROOT holds the bucket's layout ({@code clean/events/dt=…/}), as {@code ./shopsense clean --out DIR} writes it;
 * {@code ROOT/clean/events/} itself names the same root. FILE, DIR, ROOT and FILE outputs are local paths or URIs
 * ({@code s3a://bucket/…} on the local cloud, see {@link Sessions}; {@code s3://} on EMR).
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
                case "clean" -> clean(spark, parsed);
                case "profiles" -> profiles(spark, parsed);
                case "recs" -> recs(spark, parsed);
                default -> throw new IllegalArgumentException("unknown job " + parsed.job()
                        + " (known: clean, profiles, recs)");
            };
            System.out.println(JSON.writeValueAsString(figures));
            // as ./shopsense clean: a file that could not be cleaned is the caller's input problem, unless its
            // manifest reports it (a handed-off upload: the loader publishes the failed manifest, as clean-upload)
            return "failed".equals(figures.get("status")) && !parsed.options().containsKey("--manifest-out")
                    ? EXIT_USAGE : 0;
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

    static Map<String, Object> clean(SparkSession spark, JobArgs args) throws java.io.IOException {
        if (args.positional().size() != 1) {
            throw new IllegalArgumentException("clean needs one FILE (the upload), got " + args.positional());
        }
        String input = args.positional().get(0);
        String out = args.required("--out");
        java.time.ZoneId zone;
        try {
            zone = java.time.ZoneId.of(args.optional("--tz", "UTC"));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone " + args.optional("--tz", ""));
        }
        String format = args.optional("--format", null);
        long partMb = Long.parseLong(args.optional("--part-mb", Long.toString(CleanJob.DEFAULT_PART_BYTES >> 20)));
        if (partMb < 1) {
            throw new IllegalArgumentException("--part-mb must be at least 1");
        }
        String receivedAt = args.optional("--received-at", null);
        // what clean-upload reads from the bucket besides the file, for a handed-off upload
        int capacity = Integer.parseInt(args.optional("--dedup-capacity", "4000000"));
        if (capacity < 2) {
            throw new IllegalArgumentException("--dedup-capacity must be at least 2");
        }
        CleanJob.Earlier earlier = new CleanJob.Earlier(args.optional("--dedup-window", null), capacity,
                args.flag("--earlier-copy"), args.optional("--erased", null), args.optional("--shop-secret", null));
        CleanJob.Settings settings = new CleanJob.Settings(zone, args.optional("--currency", "GBP"),
                format == null ? null : io.shopsense.clean.ExportFormat.fromCode(format), partMb << 20,
                args.optional("--source-id", null), receivedAt == null ? null : java.time.Instant.parse(receivedAt),
                earlier, args.optional("--manifest-out", null));
        long started = System.nanoTime();
        CleanJob.Result result = new CleanJob(spark, settings).run(input, out);
        io.shopsense.clean.CleanReport report = result.report();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("job", "clean");
        figures.put("sourceId", result.sourceId());
        figures.put("status", report.status().code());
        figures.put("format", report.format());
        figures.put("rowsIn", report.rowsIn());
        figures.put("rowsClean", report.rowsClean());
        figures.put("rowsRejected", report.rowsRejected());
        figures.put("rejectsByReason", report.rejectsByReason());
        figures.put("outputsByKind", report.outputsByKind());
        figures.put("cleanedInParts", result.inParts());
        figures.put("parts", result.parts());
        if (!report.ok()) {
            figures.put("error", report.errorCode());
            figures.put("message", report.errorMessage());
        }
        figures.put("seconds", seconds(started));
        figures.put("out", out);
        return figures;
    }

    /** {@code ROOT/clean/events/} names ROOT: the jobs read the bucket's layout under it. */
    static String eventsRoot(String events) {
        String root = events.endsWith("/") ? events.substring(0, events.length() - 1) : events;
        String layout = "/" + io.shopsense.pipeline.TrainingData.EVENTS_PREFIX;
        layout = layout.endsWith("/") ? layout.substring(0, layout.length() - 1) : layout;
        return root.endsWith(layout) ? root.substring(0, root.length() - layout.length()) : root;
    }

    static Map<String, Object> profiles(SparkSession spark, JobArgs args) throws java.io.IOException {
        LocalDate asOf = date(args.required("--as-of"));
        String out = args.required("--out");
        String events = eventsRoot(args.required("--events"));
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
        if (args.optional("--nightly", null) != null) {
            return nightlyRecs(spark, args);
        }
        RecsJob.Settings settings = RecsJob.Settings.of(
                date(args.required("--split-date")).atStartOfDay(ZoneOffset.UTC).toInstant(),
                positive(args.required("--k"), "--k"), args.flag("--exclude-purchased"));
        settings = settings.withAlgorithm(args.optional("--algorithm", RecsJob.NESTED)).withDriverLimits(Long.parseLong(args.optional("--driver-max-pairs",
                Long.toString(settings.driverMaxPairs()))), Integer.parseInt(args.optional("--driver-max-items",
                Integer.toString(settings.driverMaxItems()))))
                .withReferenceAtLatest(args.flag("--reference-latest"));
        String out = args.required("--out");
        long started = System.nanoTime();
        RecsJob.Result result = new RecsJob(spark).run(eventsRoot(args.required("--events")), settings);
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
     * A handed-off build-recommendations (pipeline.SparkHandOff): {@code --nightly} carries the build's settings as
     * the function has them (JSON), {@code --tables-out} the prefix under which the files the loader reads go
     * ({@link RecommendationTables#lines()}).
     */
    static Map<String, Object> nightlyRecs(SparkSession spark, JobArgs args) throws java.io.IOException {
        RecommendationRefresh.Settings nightly;
        try {
            nightly = io.shopsense.store.Json.read(args.required("--nightly"), RecommendationRefresh.Settings.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--nightly is not the nightly build's settings as JSON");
        }
        RecsJob.Settings limits = RecsJob.Settings.of(
                date(args.required("--split-date")).atStartOfDay(ZoneOffset.UTC).toInstant(), nightly.listLength(),
                nightly.mode() == io.shopsense.recommend.EvaluationMode.BOUGHT_EXCLUDED);
        limits = limits.withDriverLimits(Long.parseLong(args.optional("--driver-max-pairs",
                Long.toString(limits.driverMaxPairs()))), Integer.parseInt(args.optional("--driver-max-items",
                Integer.toString(limits.driverMaxItems()))));
        String out = args.required("--tables-out");
        String prefix = out.endsWith("/") ? out : out + "/";
        long started = System.nanoTime();
        RecsJob.Nightly result = new RecsJob(spark).nightly(eventsRoot(args.required("--events")), limits, nightly);
        for (Map.Entry<String, java.util.List<String>> file : result.tables().lines().entrySet()) {
            write(spark, prefix + file.getKey(), file.getValue());
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("job", "recs");
        figures.put("users", result.users());
        figures.put("lists", result.tables().lists().size());
        figures.put("algorithm", result.algorithm());
        figures.put("trainer", result.trainer());
        figures.put("pairs", result.pairs());
        figures.put("items", result.items());
        figures.put("trainEvents", result.trainEvents());
        figures.put("reviews", result.reviews());
        figures.put("seconds", seconds(started));
        figures.put("out", prefix);
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
