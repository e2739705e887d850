package io.shopsense.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.local.cloud.FunctionLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code logs [FUNCTION] [--follow] [--all]}: what the local cloud kept of the functions' logs
 * ({@code .shopsense/logs/}), as JSON Lines in time order: by default the outcome record of every invocation
 * (function, requestId, trigger, source, outcome, decision, counts, durations), without the EMF metadata.
 */
@Command(name = "logs",
        description = "Print the functions' outcome records kept by the local cloud (JSON Lines, oldest first).")
final class LogsCommand implements Callable<Integer> {
    private static final long FOLLOW_POLL_MILLIS = 500;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION",
            description = "Only this function: its short name (clean-upload), logical id or name (default: all).")
    String function;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new records as the functions write them.")
    boolean follow;

    @Option(names = "--all", description = "Also print warnings, failures (with stack traces) and metric-only lines.")
    boolean all;

    @Option(names = "--emf", description = "Keep each line's Embedded Metric Format metadata (_aws).")
    boolean emf;

    @Override
    public Integer call() throws Exception {
        Path directory = Workspace.detect().state().resolve("logs");
        String wanted = function == null ? null : FunctionLogs.shortName(function.replaceFirst(
                "^" + CloudLauncher.STACK_NAME + "-", ""));
        Map<String, List<JsonNode>> logs = FunctionLogs.readDirectory(directory);
        if (wanted != null && !logs.containsKey(wanted) && !follow) {
            throw new UsageException("no logs for " + function + " in " + directory + (logs.isEmpty()
                    ? " (run ./shopsense demo or local up first)" : "; functions with logs: " + logs.keySet()));
        }
        Map<String, Integer> printed = new HashMap<>();
        print(logs, wanted, printed);
        while (follow) {
            Thread.sleep(FOLLOW_POLL_MILLIS);
            print(FunctionLogs.readDirectory(directory), wanted, printed);
        }
        return 0;
    }

    /** Prints the lines after those already printed, all functions merged in time order. */
    private void print(Map<String, List<JsonNode>> logs, String wanted, Map<String, Integer> printed) {
        List<JsonNode> fresh = new ArrayList<>();
        logs.forEach((name, records) -> {
            if (wanted != null && !wanted.equals(name)) {
                return;
            }
            int from = printed.getOrDefault(name, 0);
            fresh.addAll(records.subList(Math.min(from, records.size()), records.size()));
            printed.put(name, records.size());
        });
        fresh.stream().filter(record -> all || FunctionLogs.isOutcome(record))
                .sorted(Comparator.comparing(record -> record.path("timestamp").asText()))
                .forEach(record -> {
                    if (!emf && record instanceof ObjectNode object) {
                        object.remove("_aws");
                    }
                    Output.result(record);
                });
    }
}
