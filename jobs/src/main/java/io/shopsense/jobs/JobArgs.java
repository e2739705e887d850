package io.shopsense.jobs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's arguments, {@code --name value} and {@code --flag}: what {@code ./shopsense spark …} and an EMR Serverless
 * {@code StartJobRun} ({@code entryPointArguments}) pass. Picocli stays in the command line; the jobs jar carries none.
 */
record JobArgs(String job, List<String> positional, Map<String, String> options, Set<String> flags) {
    private static final Set<String> FLAGS = Set.of("--exclude-purchased", "--reference-latest", "--earlier-copy");

    static JobArgs parse(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("name a job: clean, profiles or recs");
        }
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                flags.add(arg);
            } else if (arg.startsWith("--")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                options.put(arg, args[++i]);
            } else {
                positional.add(arg);
            }
        }
        return new JobArgs(args[0], List.copyOf(positional), Map.copyOf(options), Set.copyOf(flags));
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(job + " needs " + name);
        }
        return value;
    }

    String optional(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
