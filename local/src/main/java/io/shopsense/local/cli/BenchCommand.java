package io.shopsense.local.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.shopsense.local.BuiltJar;
import io.shopsense.local.LocalSettings;
import io.shopsense.local.bench.ApiBenchmarks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench [NAME…] [--data DIR]}: the benchmarks of docs/architecture.md §6. They live in {@code bench/} (Maven profile
 * {@code bench}, never part of {@code mvn verify}) because their Spark peer brings about 320 MB of jars that the
 * command line must not carry; this command builds that module when it is missing or stale and runs it in its own
 * JVM, passing its JSON lines (stdout) and progress (stderr) straight through.
 */
@Command(name = "bench", description = "Run the benchmarks of docs/architecture.md §6 (one JSON object per line).")
final class BenchCommand implements Callable<Integer> {
    private static final List<String> NAMES = List.of("cleaning", "profiles", "recs", "api", "coldstart",
            "reliability", "scale");
    /** Run only when named (minutes to hours): the Lambda path against the Spark jobs at growing sizes. */
    private static final String SCALE = "scale";
    /** Run here: they host the functions, whose jars the bench module's classpath leaves out. */
    private static final List<String> IN_PROCESS = List.of("api", "coldstart");
    /** Run here on local clouds of their own (SHOPSENSE_RELIABILITY=long for docs/architecture.md §6: full sizes). */
    private static final String RELIABILITY = "reliability";
    /** The reliability harness's entry point, in local/'s test classes. */
    private static final String RELIABILITY_MAIN = "io.shopsense.local.reliability.ReliabilityBench";

    @Parameters(arity = "0..*", paramLabel = "NAME",
            description = "cleaning, profiles, recs, api, coldstart, reliability, scale (default: all but scale).")
    List<String> names = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", description = "Shared data directory (default: ../shared/data from the project root).")
    Path data;

    @Option(names = "--function", paramLabel = "NAME",
            description = "coldstart: measure only this function (logical id or name; repeatable; default: all).")
    List<String> functions = new ArrayList<>();

    @Option(names = "--reps", paramLabel = "N", description = "Measured runs per size after warm-up; coldstart: fresh JVMs per side (default 3).")
    Integer reps;

    @Option(names = "--copies", paramLabel = "K,K…", split = ",",
            description = "scale: the sizes, as copies of Online Retail (default 1,10,50).")
    List<Integer> copies = new ArrayList<>();

    @Option(names = "--lambda-xmx", paramLabel = "SIZE",
            description = "scale: the Lambda path's heap, as a function's memory (default 10g, Lambda's most).")
    String lambdaXmx;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = Workspace.detect();
        Path home = workspace.home();
        for (String name : names) {
            if (!NAMES.contains(name)) {
                throw new UsageException("unknown benchmark '" + name + "' (known: " + String.join(", ", NAMES) + ")");
            }
        }
        List<String> wanted = names.isEmpty() ? NAMES.stream().filter(n -> !n.equals(SCALE)).toList() : names;
        List<String> local = wanted.stream().filter(IN_PROCESS::contains).toList();
        if (!local.isEmpty()) {
            runInProcess(workspace, local, functions, reps == null ? 3 : reps);
        }
        boolean reliable = true;
        if (wanted.contains(RELIABILITY)) {
            reliable = runReliability(workspace);
        }
        List<String> delegated = wanted.stream().filter(n -> !IN_PROCESS.contains(n) && !n.equals(RELIABILITY))
                .toList();
        if (delegated.isEmpty()) {
            return reliable ? 0 : ShopsenseCli.EXIT_FAILURE;
        }
        Path dataDir = (data != null ? data : home.resolve("../shared/data")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dataDir.resolve("online-retail/online-retail.csv.gz"))) {
            throw new UsageException("no online-retail/online-retail.csv.gz under " + dataDir + " (set --data)");
        }
        Path jar = home.resolve("bench/target/shopsense-bench.jar");
        if (BuiltJar.stale(home, jar, List.of("shared", "test-fixtures", "local-cloud", "local", "bench"))) {
            Output.progress("building bench/ (mvn -Pbench package -pl bench -am; Spark's jars on the first run)...");
            Process maven = new ProcessBuilder("mvn", "-q", "-B", "-Pbench", "package", "-pl", "bench", "-am",
                    "-DskipTests").directory(home.toFile()).redirectErrorStream(true).start();
            maven.getInputStream().transferTo(System.err); // stdout stays for the JSON lines
            int built = maven.waitFor();
            if (built != 0) {
                Output.progress("building bench/ failed (exit " + built + ")");
                return ShopsenseCli.EXIT_FAILURE;
            }
        }
        List<String> command = new ArrayList<>(List.of(BuiltJar.javaBinary(), LocalSettings.benchHeap(),
                "-Dshopsense.home=" + home, "-cp", jar + java.io.File.pathSeparator
                + home.resolve("bench/target/lib") + java.io.File.separator + "*",
                "io.shopsense.bench.BenchMain"));
        command.addAll(delegated);
        command.addAll(List.of("--data", dataDir.toString()));
        if (delegated.contains(SCALE)) {
            io.shopsense.local.cloud.SparkJvm.classpath(home); // the Spark path runs the jobs jar: built here when missing or stale
            if (!copies.isEmpty()) {
                command.addAll(List.of("--copies", copies.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(","))));
            }
            if (lambdaXmx != null) {
                command.addAll(List.of("--lambda-xmx", lambdaXmx));
            }
        }
        if (reps != null) {
            command.addAll(List.of("--reps", reps.toString()));
        }
        ProcessBuilder bench = new ProcessBuilder(command).directory(home.toFile()).inheritIO();
        bench.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        int exit = bench.start().waitFor();
        return exit != 0 ? exit : reliable ? 0 : ShopsenseCli.EXIT_FAILURE;
    }

    /**
     * The API benchmark on a local cloud loaded with a 3,000-row slice of the sample shop; the cold-start one on a
     * cloud of its own with a tiny slice, so its scheduled functions start from a small fixed state.
     */
    private static void runInProcess(Workspace workspace, List<String> benchmarks, List<String> functions,
                                     int coldStartRuns) throws Exception {
        if (benchmarks.contains("api")) {
            Output.progress("starting a local cloud with a 3,000-row slice of the sample for api...");
            try (ApiBenchmarks bench = ApiBenchmarks.start(workspace.home(), workspace.cache(), 3000)) {
                Output.result(bench.api(32, 4000));
            }
        }
        if (benchmarks.contains("coldstart")) {
            Output.progress("starting a local cloud with a " + ApiBenchmarks.COLD_START_ROWS
                    + "-row slice of the sample for coldstart...");
            try (ApiBenchmarks bench = ApiBenchmarks.start(workspace.home(), workspace.cache(),
                    ApiBenchmarks.COLD_START_ROWS)) {
                bench.coldStart(coldStartRuns, functions).forEach(Output::result);
            }
        }
    }

    /**
     * The reliability suite's table as one JSON line; false when any bar did not hold (its problems are listed). The
     * harness is test code ({@code local/src/test/java/…/reliability}): its test classes are compiled when missing or
     * stale, then {@code ReliabilityBench} runs in a JVM of its own on them and the command line's classpath.
     */
    private static boolean runReliability(Workspace workspace) throws Exception {
        Path home = workspace.home();
        Path testClasses = home.resolve("local/target/test-classes");
        Path entry = testClasses.resolve(RELIABILITY_MAIN.replace('.', '/') + ".class");
        if (BuiltJar.stale(home, entry, List.of("shared", "test-fixtures", "local-cloud", "local"))) {
            Output.progress("compiling the reliability harness (mvn test-compile -pl local -am)...");
            Process maven = new ProcessBuilder("mvn", "-q", "-B", "test-compile", "-pl", "local", "-am")
                    .directory(home.toFile()).redirectErrorStream(true).start();
            maven.getInputStream().transferTo(System.err); // stdout stays for the JSON line
            int built = maven.waitFor();
            if (built != 0) {
                Output.progress("compiling the reliability harness failed (exit " + built + ")");
                return false;
            }
        }
        String classpath = String.join(java.io.File.pathSeparator, testClasses.toString(),
                home.resolve("local/target/shopsense-local.jar").toString(),
                home.resolve("local/target/lib") + java.io.File.separator + "*");
        List<String> command = new ArrayList<>(List.of(BuiltJar.javaBinary(), "-Dshopsense.home=" + home));
        LocalSettings.reliabilityMode().ifPresent(mode -> command.add("-Dshopsense.reliability=" + mode));
        command.addAll(List.of("-cp", classpath, RELIABILITY_MAIN, home.toString(), workspace.cache().toString()));
        return new ProcessBuilder(command).directory(home.toFile()).inheritIO().start().waitFor() == 0;
    }
}
