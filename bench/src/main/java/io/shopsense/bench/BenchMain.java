package io.shopsense.bench;

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

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        Path data = null;
        int reps = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--reps" -> reps = Integer.parseInt(value(args, ++i, "--reps"));
                default -> {
                    if (!NAMES.contains(args[i])) {
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
        for (String name : names.isEmpty() ? NAMES : names) {
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
            case "profiles" -> new ProfilesBench(data, home(), reps).run();
            case "recs" -> new RecsBench(data, reps).run();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The project root ({@code -Dshopsense.home}, set by {@code ./shopsense bench}; else the working directory). */
    private static Path home() {
        return Path.of(System.getProperty("shopsense.home", ".")).toAbsolutePath().normalize();
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
