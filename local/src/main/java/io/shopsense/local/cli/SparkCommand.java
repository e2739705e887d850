package io.shopsense.local.cli;

import io.shopsense.clean.CleanLimits;
import io.shopsense.local.LocalSettings;
import io.shopsense.local.cloud.SparkJvm;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.SourceIds;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark clean|profiles|recs}: the Spark jobs of {@code jobs/} (docs/architecture.md §7) in local mode, writing
 * exactly what {@code clean --out}, {@code profiles --out} and {@code recs predict --out} write. Spark's jars never
 * enter this JVM: the command builds {@code jobs/} when it is missing or stale and runs the jobs jar in its own JVM
 * with the Java 17 flags Spark needs, passing its JSON line (stdout) and progress (stderr) straight through.
 *
 * <p>Files and directories may be {@code s3a://bucket/…} URIs: the job then reads and writes the S3 named by
 * {@code --s3-endpoint}, else by {@code AWS_ENDPOINT_URL_S3}, else the running local cloud's S3Proxy (with its keys).
 */
@Command(name = "spark", description = "Run the Spark jobs (EMR Serverless's code) in local mode on this machine.",
        subcommands = {SparkCommand.Clean.class, SparkCommand.Profiles.class, SparkCommand.Recs.class})
final class SparkCommand {
    /** What every job takes: where an {@code s3a://} location is served. */
    abstract static class Launch implements Callable<Integer> {
        @Option(names = "--s3-endpoint", description = "The S3 that s3a:// locations name (default: "
                + "AWS_ENDPOINT_URL_S3, else the running local cloud's).")
        String s3Endpoint;

        /** Runs the jobs jar's {@code SparkJobs} with {@code arguments}; its exit code. */
        int launch(List<String> arguments) throws Exception {
            Workspace workspace = Workspace.detect();
            ProcessBuilder job = SparkJvm.process(workspace.home(), arguments).inheritIO();
            if (arguments.stream().anyMatch(SparkCommand::isUri)) {
                s3Environment(workspace, job.environment());
            }
            return job.start().waitFor();
        }

        /** The S3 endpoint and keys the job's S3A reads from its environment. */
        private void s3Environment(Workspace workspace, java.util.Map<String, String> env) throws IOException {
            String endpoint = s3Endpoint != null ? s3Endpoint : LocalSettings.s3Endpoint().orElse(null);
            boolean localCloud = false;
            if (endpoint == null) {
                var running = CloudLauncher.running(workspace);
                if (running.isEmpty()) {
                    throw new UsageException("s3a:// needs an S3: pass --s3-endpoint, set AWS_ENDPOINT_URL_S3, or "
                            + "start the local cloud (./shopsense local up)");
                }
                endpoint = running.get().path("s3").asText();
                localCloud = true;
            }
            env.put("AWS_ENDPOINT_URL_S3", endpoint);
            if (localCloud || s3Endpoint != null) {
                env.putIfAbsent("AWS_ACCESS_KEY_ID", io.shopsense.local.cloud.LocalCloud.ACCESS_KEY);
                env.putIfAbsent("AWS_SECRET_ACCESS_KEY", io.shopsense.local.cloud.LocalCloud.SECRET_KEY);
            }
            env.putIfAbsent("AWS_REGION", io.shopsense.local.template.StackTemplate.LOCAL_REGION);
        }
    }

    @Command(name = "clean", description = "Clean one large upload in parts as a Spark job; writes clean --out's "
            + "directory (or a bucket's layout under s3a://bucket).")
    static final class Clean extends Launch {
        @Parameters(index = "0", description = "The export (a local file or s3a://bucket/key).")
        String file;

        @Option(names = "--out", required = true, description = "Output directory, or s3a://bucket for the "
                + "bucket's own layout.")
        String out;

        @Option(names = "--format", description = "Force a format, as clean --format.")
        String format;

        @Option(names = "--tz", defaultValue = "UTC", description = "The shop's time zone (default UTC).")
        String zone;

        @Option(names = "--part-mb", description = "Bytes per part, in MB (default 64).")
        Integer partMb;

        @Override
        public Integer call() throws Exception {
            if (!isUri(file) && (!Files.isRegularFile(Path.of(file)) || !Files.isReadable(Path.of(file)))) {
                throw new UsageException("cannot read " + file);
            }
            if (partMb != null && partMb < 1) {
                throw new UsageException("--part-mb must be at least 1");
            }
            List<String> args = new ArrayList<>(List.of("clean", location(file), "--out", location(out), "--tz",
                    zone));
            if (format != null) {
                args.addAll(List.of("--format", format));
            }
            if (partMb != null) {
                args.addAll(List.of("--part-mb", partMb.toString()));
            }
            return launch(args);
        }
    }

    /** The options both event jobs share: where the events are. */
    abstract static class Job extends Launch {
        @Option(names = "--events", required = true, description = "A clean output directory (from ./shopsense "
                + "clean), s3a://bucket (or s3a://bucket/clean/events/), or a raw export file.")
        String events;

        /** The job's own arguments after {@code --events ROOT}. */
        abstract List<String> arguments();

        abstract String name();

        @Override
        public Integer call() throws Exception {
            List<String> jobArguments = arguments(); // bad usage fails here, before any build or cleaning
            if (isUri(events)) {
                List<String> args = new ArrayList<>(List.of(name(), "--events", events));
                args.addAll(jobArguments);
                return launch(args);
            }
            Path local = Path.of(events);
            Path root = eventsRoot(local);
            try {
                List<String> args = new ArrayList<>(List.of(name(), "--events", root.toString()));
                args.addAll(jobArguments);
                return launch(args);
            } finally {
                if (!root.equals(local.toAbsolutePath())) {
                    deleteTree(root);
                }
            }
        }

        /**
         * A directory as it is; a raw export is first cleaned whole into a temporary directory by clean-upload's code,
         * as {@code ./shopsense profiles} cleans it in memory.
         */
        private static Path eventsRoot(Path events) throws IOException {
            if (Files.isDirectory(events)) {
                return events.toAbsolutePath();
            }
            if (!Files.isReadable(events)) {
                throw new UsageException("cannot read " + events);
            }
            Path dir = Files.createTempDirectory("shopsense-spark-");
            Output.progress("cleaning " + events + " into " + dir);
            UploadCleaner cleaner = new UploadCleaner(new DirectoryObjectStore(dir), new InMemoryIngestionLedger(),
                    new UploadCleaner.Settings(ZoneOffset.UTC, CleanLimits.DEFAULT, Duration.ofDays(35), 4_000_000,
                            "GBP", Path.of(System.getProperty("java.io.tmpdir"))), Clock.systemUTC());
            try (InputStream raw = Files.newInputStream(events)) {
                UploadCleaner.Outcome outcome = cleaner.clean(SourceIds.of("local", events.toAbsolutePath()
                        .toString(), Long.toString(Files.size(events))), events.getFileName().toString(), raw, null,
                        null);
                if (!outcome.report().ok()) {
                    throw new UsageException(events + " could not be cleaned: " + outcome.report().errorCode() + ": "
                            + outcome.report().errorMessage());
                }
            }
            return dir;
        }
    }

    @Command(name = "profiles", description = "The nightly profile rebuild as a Spark job; writes profiles --out's "
            + "JSON Lines.")
    static final class Profiles extends Job {
        @Option(names = "--as-of", required = true, description = "Profile date (YYYY-MM-DD); later events are ignored.")
        String asOf;

        @Option(names = "--out", required = true, description = "JSON Lines output, one profile per line (a path "
                + "or s3a://bucket/key).")
        String out;

        @Override
        List<String> arguments() {
            ProfilesCommand.parseDate(asOf);
            return List.of("--as-of", asOf, "--out", location(out));
        }

        @Override
        String name() {
            return "profiles";
        }
    }

    @Command(name = "recs", description = "Recommendation training and top-K as a Spark job; writes recs predict "
            + "--out's JSON Lines.")
    static final class Recs extends Job {
        @Option(names = "--split-date", required = true, description = "Train on events before this date (YYYY-MM-DD).")
        String splitDate;

        @Option(names = "--k", required = true, description = "Items per customer.")
        int k;

        @Option(names = "--out", required = true, description = "The JSON Lines file to write (a path or "
                + "s3a://bucket/key).")
        String out;

        @Option(names = "--exclude-purchased", description = "Never list an item the customer already bought.")
        boolean excludePurchased;

        @Option(names = "--algorithm", defaultValue = RecsCommand.NESTED, description = "As recs predict's; "
                + "ignored past the driver line, where Spark MLlib's implicit ALS trains.")
        String algorithm;

        @Option(names = "--similar-out", description = "Also write the most similar items per item (JSON Lines).")
        Path similarOut;

        @Option(names = "--driver-max-pairs", description = "Past this many user-item pairs MLlib ALS trains "
                + "(default 20000000).")
        Long driverMaxPairs;

        @Override
        List<String> arguments() {
            if (k < 1) {
                throw new UsageException("--k must be positive");
            }
            RecsCommand.DataOptions.date(splitDate);
            List<String> args = new ArrayList<>(List.of("--split-date", splitDate, "--k", Integer.toString(k),
                    "--out", location(out), "--algorithm", algorithm));
            if (excludePurchased) {
                args.add("--exclude-purchased");
            }
            if (similarOut != null) {
                args.addAll(List.of("--similar-out", similarOut.toAbsolutePath().toString()));
            }
            if (driverMaxPairs != null) {
                args.addAll(List.of("--driver-max-pairs", driverMaxPairs.toString()));
            }
            return args;
        }

        @Override
        String name() {
            return "recs";
        }
    }

    static boolean isUri(String location) {
        return location.contains("://");
    }

    /** A URI as it is, a local path made absolute (the job runs in the project's directory). */
    static String location(String location) {
        return isUri(location) ? location : Path.of(location).toAbsolutePath().toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
