package io.shopsense.local.cli;

import io.shopsense.ads.BanditLog;
import io.shopsense.ads.ItemContext;
import io.shopsense.ads.OffPolicyEvaluator;
import io.shopsense.ads.OffPolicyReport;
import io.shopsense.ads.OpenBanditReader;
import io.shopsense.ads.PolicyEstimate;
import io.shopsense.ads.SlotPolicy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ads evaluate --log FILE [--policy P] [--out FILE]}: off-policy estimates of slot policies on an Open Bandit
 * log. Policies learn on the earlier half by time and are judged on the later half; {@code --out} writes, per judged
 * row, the chosen policy's probability of the logged item at the logged position as {@code {row, pi}} lines.
 */
@Command(name = "evaluate", description = "Judge slot policies offline on a logged bandit file (IPW, SNIPW, DR).")
final class AdsEvaluateCommand implements Callable<Integer> {
    private static final String ITEM_CONTEXT = "item_context.csv";
    /** How many folders up from the log item_context.csv is looked for (OBD keeps it beside or one level up). */
    private static final int CONTEXT_SEARCH_DEPTH = 3;

    @Option(names = "--log", required = true, description = "Open Bandit Dataset log CSV (e.g. random/men/men.csv).")
    Path log;

    @Option(names = "--policy", description = "Judge only this policy: uniform-random, bernoulli-ts, "
            + "epsilon-greedy-ridge (default: all; --out then writes the first).")
    String policy;

    @Option(names = "--out", description = "Write {row, pi} JSON Lines for the chosen policy here.")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the policies and the bootstrap.")
    long seed;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap rounds for the 95%% intervals.")
    int bootstrapRounds;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(log) || Files.isDirectory(log)) {
            throw new UsageException("cannot read log " + log);
        }
        if (bootstrapRounds < 10) {
            throw new UsageException("--bootstrap must be at least 10");
        }
        List<SlotPolicy> policies = choosePolicies();
        long started = System.nanoTime();
        BanditLog logged;
        try (Reader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            logged = OpenBanditReader.readLog(in);
        } catch (IOException | RuntimeException bad) {
            throw new UsageException(log + " is not an Open Bandit log: " + bad.getMessage());
        }
        if (logged.size() < 2) {
            throw new UsageException(log + " has fewer than two rows: nothing to learn from and judge");
        }
        Path contextFile = findItemContext(log);
        ItemContext items = contextFile == null ? ItemContext.none(logged.itemCount()) : readItems(contextFile);
        if (contextFile == null) {
            Output.progress("no " + ITEM_CONTEXT + " beside " + log + " or above it: policies see no item features");
        }
        OffPolicyReport report = new OffPolicyEvaluator(seed, bootstrapRounds).evaluate(logged, items, policies);
        if (out != null) {
            writePi(report.results().get(0), report.judgedRowIds());
        }
        Output.result(result(report, logged, contextFile, (System.nanoTime() - started) / 1e9));
        return 0;
    }

    private List<SlotPolicy> choosePolicies() {
        List<SlotPolicy> all = SlotPolicy.defaults(seed);
        if (policy == null) {
            return all;
        }
        List<SlotPolicy> chosen = all.stream().filter(p -> p.name().equals(policy)).toList();
        if (chosen.isEmpty()) {
            throw new UsageException("unknown policy " + policy + "; known: "
                    + all.stream().map(SlotPolicy::name).toList());
        }
        return chosen;
    }

    /** item_context.csv beside the log, else in a parent folder (nearest first). */
    static Path findItemContext(Path logFile) {
        Path dir = logFile.toAbsolutePath().getParent();
        for (int up = 0; dir != null && up <= CONTEXT_SEARCH_DEPTH; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(ITEM_CONTEXT);
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static ItemContext readItems(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return OpenBanditReader.readItemContext(in);
        } catch (IOException | RuntimeException bad) {
            throw new UsageException(file + " is not an item context file: " + bad.getMessage());
        }
    }

    private void writePi(OffPolicyReport.Result chosen, int[] rowIds) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        double[] pi = chosen.pi();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(48);
            for (int i = 0; i < pi.length; i++) {
                line.setLength(0);
                line.append("{\"row\":").append(rowIds[i]).append(",\"pi\":").append(pi[i]).append("}\n");
                w.write(line.toString());
            }
        }
    }

    private Map<String, Object> result(OffPolicyReport report, BanditLog logged, Path contextFile, double seconds) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (OffPolicyReport.Result r : report.results()) {
            PolicyEstimate e = r.estimate();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("policy", e.policy());
            row.put("ipw", e.ipw());
            row.put("snipw", e.snipw());
            row.put("dr", e.dr());
            row.put("ciLow", e.ciLow());
            row.put("ciHigh", e.ciHigh());
            row.put("snipwCi", List.of(e.snipwLow(), e.snipwHigh()));
            row.put("drCi", List.of(e.drLow(), e.drHigh()));
            results.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("log", log.toString());
        result.put("itemContext", contextFile == null ? null : contextFile.toString());
        result.put("rows", logged.size());
        result.put("trainRows", report.trainRows());
        result.put("judgedRows", report.judgedRowIds().length);
        result.put("loggedCtr", report.loggedCtr());
        result.put("loggedCtrAllRows", logged.clickRate());
        result.put("results", results);
        if (out != null) {
            result.put("out", out.toString());
            result.put("outPolicy", report.results().get(0).estimate().policy());
        }
        result.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return result;
    }
}
