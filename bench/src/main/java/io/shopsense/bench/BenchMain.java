package io.shopsense.bench;

import io.shopsense.local.LocalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks of docs/architecture.md §6, run by {@code ./shopsense bench [NAME…] [--data DIR] [--reps N]}: one JSON object per
 * line on stdout, progress on stderr. With no names, every benchmark runs in the order below.
 */
public final class BenchMain {
    /** The benchmarks this module runs; {@code api} and {@code coldstart} run in the command line's JVM instead. */
    static final List<String> NAMES = List.of("cleaning", "profiles", "recs");
    /** Run only when named: it takes from minutes (×1, ×10) to hours (×50 on two loaded cores). */
    static final String SCALE = "scale";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        Path data = null;
        int reps = 3;
        List<Integer> copies = List.of(1, 10, 50);
        String lambdaXmx = "-Xmx10g";
        int sparkCores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--reps" -> reps = Integer.parseInt(value(args, ++i, "--reps"));
                case "--copies" -> copies = java.util.Arrays.stream(value(args, ++i, "--copies").split(","))
                        .map(String::strip).map(Integer::parseInt).toList();
                case "--lambda-xmx" -> lambdaXmx = "-Xmx" + value(args, ++i, "--lambda-xmx");
                case "--spark-cores" -> sparkCores = Integer.parseInt(value(args, ++i, "--spark-cores"));
                default -> {
                    if (!NAMES.contains(args[i]) && !SCALE.equals(args[i])) {
                        usage("unknown benchmark '" + args[i] + "' (known: " + String.join(", ", NAMES) + ")");
                    }
                    names.add(args[i]);
                }
            }
        }
        if (data == null || !Files.isDirectory(data)) {
            usage("--data must name the shared data directory (holding online-retail/), got " + data);
        }
        if (reps < 1) {
            usage("--reps must be at least 1");
        }
        if (copies.isEmpty() || copies.stream().anyMatch(c -> c < 1) || sparkCores < 1) {
            usage("--copies must list positive whole numbers and --spark-cores must be positive");
        }
        for (String name : names.isEmpty() ? NAMES : names) {
            if (SCALE.equals(name)) {
                Path work = java.nio.file.Files.createTempDirectory("shopsense-scale-");
                ScaleBench.Settings settings = new ScaleBench.Settings(copies, lambdaXmx, "-Xmx3g", sparkCores,
                        LocalSettings.home(), work);
                for (BenchResult result : new ScaleBench(data, settings).run()) {
                    System.out.println(result.toJson());
                    System.out.flush();
                }
                continue;
            }
            for (BenchResult result : run(name, data, reps)) {
                System.out.println(result.toJson());
                System.out.flush();
            }
        }
        System.exit(0); // Spark and SDK threads must not keep the JVM alive
    }

    private static List<BenchResult> run(String name, Path data, int reps) throws Exception {
        return switch (name) {
            case "cleaning" -> new CleaningBench(data, reps).run();
            case "profiles" -> new ProfilesBench(data, LocalSettings.home(), reps).run();
            case "recs" -> new RecsBench(data, reps).run();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String reason) {
        System.err.println("shopsense bench: " + reason);
        System.exit(2);
    }
}
