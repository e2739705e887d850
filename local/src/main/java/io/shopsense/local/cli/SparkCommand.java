package io.shopsense.local.cli;

import io.shopsense.clean.CleanLimits;
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

/**
 * {@code spark profiles|recs}: the Spark jobs of {@code jobs/} (docs/architecture.md §7) in local mode, writing exactly
 * what {@code profiles --out} and {@code recs predict --out} write. Spark's jars never enter this JVM: the command
 * builds {@code jobs/} when it is missing or stale and runs the jobs jar in its own JVM with the Java 17 flags Spark
 * needs, passing its JSON line (stdout) and progress (stderr) straight through.
 */
@Command(name = "spark", description = "Run the Spark jobs (EMR Serverless's code) in local mode on this machine.",
        subcommands = {SparkCommand.Profiles.class, SparkCommand.Recs.class})
final class SparkCommand {
    /** The options both jobs share: where the events are. */
    abstract static class Job implements Callable<Integer> {
        @Option(names = "--events", required = true,
                description = "A clean output directory (from ./shopsense clean) or a raw export file.")
        Path events;

        /** The job's own arguments after {@code --events ROOT}. */
        abstract List<String> arguments();

        abstract String name();

        @Override
        public Integer call() throws Exception {
            List<String> jobArguments = arguments(); // bad usage fails here, before any build or cleaning
            Workspace workspace = Workspace.detect();
            Path home = workspace.home();
            Path root = eventsRoot();
            List<String> command = new ArrayList<>(List.of(name(), "--events", root.toString()));
            command.addAll(jobArguments);
            ProcessBuilder job = SparkJvm.process(home, command).inheritIO();
            try {
                return job.start().waitFor();
            } finally {
                if (!root.equals(events.toAbsolutePath())) {
                    deleteTree(root);
                }
            }
        }

        /**
         * A directory as it is; a raw export is first cleaned whole into a temporary directory by clean-upload's code,
         * as {@code ./shopsense profiles} cleans it in memory.
         */
        private Path eventsRoot() throws IOException {
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

        @Option(names = "--out", required = true, description = "JSON Lines output, one profile per line.")
        Path out;

        @Override
        List<String> arguments() {
            ProfilesCommand.parseDate(asOf);
            return List.of("--as-of", asOf, "--out", out.toAbsolutePath().toString());
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

        @Option(names = "--out", required = true, description = "The JSON Lines file to write.")
        Path out;

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
                    "--out", out.toAbsolutePath().toString(), "--algorithm", algorithm));
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

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
