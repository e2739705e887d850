package io.shopsense.local.cli;

import io.shopsense.clean.CleanRequest;
import io.shopsense.model.Event;
import io.shopsense.model.Recommendation;
import io.shopsense.model.UserRecommendations;
import io.shopsense.pipeline.TrainingData;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.EvaluationResult;
import io.shopsense.recommend.InteractionData;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.recommend.ModelSelection;
import io.shopsense.recommend.RecommendationBuilder;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.RepeatPolicy;
import io.shopsense.recommend.SelectionReport;
import io.shopsense.recommend.TemporalSplit;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recs evaluate} and {@code recs predict}: the build-recommendations code on local data. {@code --events} is
 * either a directory written by {@code ./shopsense clean … --out DIR} (its {@code clean/events/} and
 * {@code clean/catalog/}) or a raw export, cleaned in memory.
 */
@Command(name = "recs", description = "Evaluate recommenders on a temporal hold-out, or write top-K lists.",
        subcommands = {RecsCommand.Evaluate.class, RecsCommand.Predict.class})
final class RecsCommand {

    /** The options both subcommands share. */
    static class DataOptions {
        @Option(names = "--events", required = true,
                description = "A clean output directory (from ./shopsense clean) or a raw export file.")
        Path events;

        @Option(names = "--split-date", required = true,
                description = "Train on events before this date (YYYY-MM-DD, UTC); evaluate on the rest.")
        String splitDate;

        Instant splitAt() {
            try {
                return LocalDate.parse(splitDate).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new UsageException("--split-date must be YYYY-MM-DD, not " + splitDate);
            }
        }

        /** The events and catalogue at {@code --events}, with at least one event before the split. */
        TrainingData load(Instant splitAt) throws IOException {
            TrainingData data;
            if (Files.isDirectory(events)) {
                data = TrainingData.read(new DirectoryObjectStore(events));
                if (data.events().isEmpty()) {
                    throw new UsageException("no clean events under " + events.resolve(TrainingData.EVENTS_PREFIX)
                            + " (write them with ./shopsense clean FILE --out " + events + ")");
                }
            } else if (Files.isReadable(events)) {
                Output.progress("cleaning " + events + " in memory");
                try (InputStream raw = Files.newInputStream(events)) {
                    data = TrainingData.clean(raw, CleanRequest.of("local", events.getFileName().toString())
                            .withDefaultCurrency("GBP"));
                } catch (IllegalArgumentException unreadable) {
                    throw new UsageException(unreadable.getMessage());
                }
            } else {
                throw new UsageException("cannot read " + events);
            }
            if (data.events().stream().noneMatch(e -> e.ts().isBefore(splitAt))) {
                throw new UsageException("no events before " + splitDate + " to train on");
            }
            Output.progress(data.events().size() + " events, " + data.catalogue().size() + " catalogue rows");
            return data;
        }
    }

    @Command(name = "evaluate", description = "Every standard algorithm on a temporal hold-out; prints the metrics.")
    static final class Evaluate extends DataOptions implements Callable<Integer> {
        @Option(names = "--k", defaultValue = "10", description = "Cut-off of nDCG, precision and coverage "
                + "(default 10; recall is cut at 20, or k if larger).")
        int k;

        @Option(names = "--mode", defaultValue = "repeats",
                description = "repeats (bought items may come back), exclude (they may not) or both.")
        String mode;

        @Override
        public Integer call() throws Exception {
            if (k < 1) {
                throw new UsageException("--k must be positive");
            }
            List<EvaluationMode> modes = modes();
            Instant splitAt = splitAt();
            TrainingData data = load(splitAt);
            TemporalSplit split = TemporalSplit.at(data.events(), splitAt);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("splitDate", splitDate);
            result.put("k", k);
            result.put("trainEvents", split.train().size());
            result.put("testEvents", split.test().size());
            for (EvaluationMode each : modes) {
                Output.progress("evaluating " + ModelSelection.standardAlgorithms().size() + " algorithms, mode "
                        + each.code());
                SelectionReport report = ModelSelection.evaluate(ModelSelection.standardAlgorithms(), split,
                        data.listedItems(), InteractionWeights.defaults(), each, k);
                Map<String, Object> table = table(report);
                if (modes.size() == 1) {
                    result.put("mode", each.code());
                    result.putAll(table);
                } else {
                    result.put(each == EvaluationMode.REPEATS_ALLOWED ? "repeatsAllowed" : "boughtExcluded", table);
                }
            }
            Output.result(result);
            return 0;
        }

        private List<EvaluationMode> modes() {
            if (mode.equals("both")) {
                return List.of(EvaluationMode.REPEATS_ALLOWED, EvaluationMode.BOUGHT_EXCLUDED);
            }
            try {
                return List.of(EvaluationMode.fromCode(mode));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--mode must be repeats, exclude or both, not " + mode);
            }
        }

        private Map<String, Object> table(SelectionReport report) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EvaluationResult r : report.results()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("algorithm", r.algorithm());
                row.put("ndcgAt" + k, round(r.ndcgAt10(), 5));
                row.put("recallAt" + Math.max(20, k), round(r.recallAt20(), 5));
                row.put("precisionAt" + k, round(r.precisionAt10(), 5));
                row.put("coverage", round(r.coverage(), 5));
                row.put("trainSeconds", round(r.trainSeconds(), 3));
                row.put("users", r.users());
                rows.add(row);
            }
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("results", rows);
            table.put("chosen", report.chosen() == null ? null : report.chosen().algorithm());
            table.put("skipped", report.skipped());
            return table;
        }
    }

    @Command(name = "predict", description = "Train on events before the split date; write top-K for every known "
            + "customer as JSON Lines {userId, items[]}.")
    static final class Predict extends DataOptions implements Callable<Integer> {
        @Option(names = "--k", required = true, description = "Items per customer.")
        int k;

        @Option(names = "--out", required = true, description = "The JSON Lines file to write.")
        Path out;

        @Option(names = "--algorithm", defaultValue = "hybrid",
                description = "One of the standard algorithms (default hybrid).")
        String algorithm;

        @Option(names = "--exclude-purchased", description = "Never list an item the customer already bought.")
        boolean excludePurchased;

        @Override
        public Integer call() throws Exception {
            if (k < 1) {
                throw new UsageException("--k must be positive");
            }
            Recommender chosen = ModelSelection.standardAlgorithms().stream()
                    .filter(r -> r.name().equals(algorithm)).findFirst()
                    .orElseThrow(() -> new UsageException("unknown --algorithm " + algorithm + "; one of "
                            + ModelSelection.standardAlgorithms().stream().map(Recommender::name).toList()));
            Instant splitAt = splitAt();
            TrainingData data = load(splitAt);
            List<Event> train = TemporalSplit.at(data.events(), splitAt).train();
            long started = System.nanoTime();
            InteractionData interactions = InteractionData.from(train, data.listedItems(),
                    InteractionWeights.defaults(), splitAt);
            RepeatPolicy policy = excludePurchased ? RepeatPolicy.neverRepeat() : RepeatPolicy.alwaysRepeat();
            List<UserRecommendations> lists = RecommendationBuilder.train(interactions, chosen, policy).forAllUsers(k);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                for (UserRecommendations list : lists) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("userId", list.userId());
                    line.put("items", list.items().stream().map(Recommendation::itemId).toList());
                    writer.write(Output.JSON.writeValueAsString(line));
                    writer.newLine();
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("users", lists.size());
            result.put("algorithm", chosen.name());
            result.put("k", k);
            result.put("excludePurchased", excludePurchased);
            result.put("seconds", round(seconds, 3));
            result.put("out", out.toAbsolutePath().toString());
            Output.result(result);
            return 0;
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
