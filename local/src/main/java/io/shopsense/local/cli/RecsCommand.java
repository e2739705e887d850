package io.shopsense.local.cli;

import io.shopsense.clean.CleanRequest;
import io.shopsense.model.Event;
import io.shopsense.model.Review;
import io.shopsense.pipeline.ReviewRows;
import io.shopsense.recommend.ItemRatings;
import io.shopsense.recommend.RatingSettings;
import io.shopsense.model.UserRecommendations;
import io.shopsense.pipeline.ResultLines;
import io.shopsense.pipeline.TrainingData;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.EvaluationResult;
import io.shopsense.recommend.InteractionData;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.recommend.ModelSelection;
import io.shopsense.recommend.NestedSelection;
import io.shopsense.recommend.RecommendationBuilder;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.RepeatPolicy;
import io.shopsense.recommend.SelectionReport;
import io.shopsense.recommend.TemporalSplit;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
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
    /** {@code --algorithm nested}: the choice of {@link NestedSelection} inside the events before the split. */
    static final String NESTED = "nested";

    /** The options both subcommands share. */
    static class DataOptions {
        @Option(names = "--events", required = true,
                description = "A clean output directory (from ./shopsense clean) or a raw export file.")
        Path events;

        @Option(names = "--split-date",
                description = "Train on events before this date (YYYY-MM-DD, UTC); evaluate on the rest.")
        String splitDate;

        @Option(names = "--validation-days", defaultValue = "28", description = "Nested validation: the last this "
                + "many days before the split choose the algorithm, its settings and the blend (default 28).")
        int validationDays;

        @Option(names = "--reviews", defaultValue = "use", description = "use (default): the clean reviews of an "
                + "--events directory weight the fits as build-recommendations does (only reviews before each "
                + "split); ignore: fit as if the shop had none.")
        String reviewsChoice;

        /** The clean reviews of an {@code --events} directory (issue #17); none for a raw export or with ignore. */
        List<Review> reviews() throws IOException {
            if (!reviewsChoice.equals("use") && !reviewsChoice.equals("ignore")) {
                throw new UsageException("--reviews must be use or ignore, not " + reviewsChoice);
            }
            if (reviewsChoice.equals("ignore") || !Files.isDirectory(events)) {
                return List.of();
            }
            List<Review> reviews = ReviewRows.read(new DirectoryObjectStore(events), userId -> false);
            if (!reviews.isEmpty()) {
                Output.progress(reviews.size() + " reviews weight the fits");
            }
            return reviews;
        }

        Instant splitAt() {
            if (splitDate == null) {
                throw new UsageException("--split-date is required");
            }
            return date(splitDate);
        }

        static Instant date(String text) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new UsageException("dates must be YYYY-MM-DD, not " + text);
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
            if (validationDays < 1) {
                throw new UsageException("--validation-days must be positive");
            }
            if (data.events().stream().noneMatch(e -> e.ts().isBefore(splitAt))) {
                throw new UsageException("no events before " + splitAt.atOffset(ZoneOffset.UTC).toLocalDate()
                        + " to train on");
            }
            Output.progress(data.events().size() + " events, " + data.catalogue().size() + " catalogue rows");
            return data;
        }
    }

    @Command(name = "evaluate", description = "The standard algorithms and the nested-validation choice on one "
            + "period after --split-date, or on each period of a rolling origin (--origins); prints the metrics.")
    static final class Evaluate extends DataOptions implements Callable<Integer> {
        /** The goal: the nested choice at least 10 % above its reference on every period. */
        private static final double TARGET_RATIO = 1.1;

        @Option(names = "--k", defaultValue = "10", description = "Cut-off of nDCG, precision and coverage "
                + "(default 10; recall is cut at 20, or k if larger).")
        int k;

        @Option(names = "--mode", defaultValue = "repeats",
                description = "repeats (bought items may come back), exclude (they may not) or both.")
        String mode;

        @Option(names = "--origins", split = ",", description = "Rolling origin: two or more dates (YYYY-MM-DD); "
                + "each period runs from one date to the next, trained and selected on everything before it.")
        List<String> origins;

        @Option(names = "--max-users", defaultValue = "2000",
                description = "Customers judged at most in each validation window (default 2000).")
        int maxUsers;

        @Override
        public Integer call() throws Exception {
            if (k < 1 || maxUsers < 1) {
                throw new UsageException("--k and --max-users must be positive");
            }
            List<EvaluationMode> modes = modes();
            List<Instant> cuts = cuts();
            TrainingData data = load(cuts.get(0));
            List<Review> reviews = reviews();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("k", k);
            result.put("validationDays", validationDays);
            result.put("maxValidationUsers", maxUsers);
            if (origins == null) {
                result.put("splitDate", splitDate);
                result.putAll(period(data, reviews, cuts.get(0), Instant.MAX, modes));
            } else {
                List<Object> periods = new ArrayList<>();
                for (int p = 0; p + 1 < cuts.size(); p++) {
                    periods.add(period(data, reviews, cuts.get(p), cuts.get(p + 1), modes));
                }
                result.put("periods", periods);
            }
            Output.result(result);
            return 0;
        }

        /** The origins given, in order; or the one split date (then the period runs to the end of the data). */
        private List<Instant> cuts() {
            if (origins == null) {
                if (splitDate == null) {
                    throw new UsageException("give --split-date DATE or --origins DATE,DATE[,…]");
                }
                return List.of(splitAt());
            }
            if (splitDate != null || origins.size() < 2) {
                throw new UsageException("--origins needs two or more dates, and no --split-date");
            }
            List<Instant> cuts = origins.stream().map(DataOptions::date).toList();
            for (int p = 1; p < cuts.size(); p++) {
                if (!cuts.get(p).isAfter(cuts.get(p - 1))) {
                    throw new UsageException("--origins must be in increasing order");
                }
            }
            return cuts;
        }

        /** One period: every standard algorithm, and the nested choice made inside the data before {@code from}. */
        private Map<String, Object> period(TrainingData data, List<Review> reviews, Instant from, Instant to,
                                           List<EvaluationMode> modes) {
            List<Event> train = new ArrayList<>();
            List<Event> test = new ArrayList<>();
            for (Event e : data.events()) {
                if (e.ts().isBefore(from)) {
                    train.add(e);
                } else if (e.ts().isBefore(to)) {
                    test.add(e);
                }
            }
            TemporalSplit split = new TemporalSplit(train, test, from);
            Map<String, Object> period = new LinkedHashMap<>();
            period.put("from", from.toString());
            period.put("to", to.equals(Instant.MAX) ? null : to.toString());
            period.put("trainEvents", train.size());
            period.put("testEvents", test.size());
            period.put("reviewsBefore", reviews.stream().filter(r -> r.ts().isBefore(from)).count());
            Output.progress("period from " + from + ": " + ModelSelection.standardAlgorithms().size()
                    + " standard algorithms");
            List<SelectionReport> standard = ModelSelection.evaluate(ModelSelection.standardAlgorithms(), split,
                    data.listedItems(), InteractionWeights.defaults(), modes, k, reviews, RatingSettings.defaults());
            Output.progress("period from " + from + ": nested selection on the " + validationDays
                    + " days before it");
            NestedSelection.Result nested = NestedSelection.select(train, data.listedItems(),
                    InteractionWeights.defaults(), from, new NestedSelection.Settings(validationDays, maxUsers,
                            50), reviews, RatingSettings.defaults());
            for (int m = 0; m < modes.size(); m++) {
                EvaluationMode each = modes.get(m);
                SelectionReport onPeriod = ModelSelection.evaluate(List.of(nested.forMode(each)), split,
                        data.listedItems(), InteractionWeights.defaults(), List.of(each), k, reviews,
                        RatingSettings.defaults()).get(0);
                Map<String, Object> table = table(standard.get(m));
                table.put("nested", nested(nested.report(), each, onPeriod, standard.get(m)));
                if (modes.size() == 1) {
                    period.put("mode", each.code());
                    period.putAll(table);
                } else {
                    period.put(each == EvaluationMode.REPEATS_ALLOWED ? "repeatsAllowed" : "boughtExcluded", table);
                }
            }
            return period;
        }

        /**
         * The nested choice on the period with its validation figure and the target: discovery against the
         * best single algorithm of the standard set on the period, repeat-aware against "own history then
         * popularity" (repeat).
         */
        private Map<String, Object> nested(NestedSelection.Report report, EvaluationMode mode,
                                           SelectionReport onPeriod, SelectionReport standard) {
            NestedSelection.ListReport list = report.forMode(mode);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("chosen", list.chosen());
            out.put("chosenBy", list.chosenBy());
            out.put("parameters", list.parameters());
            out.put("validationFrom", report.validationFrom().toString());
            out.put("validationUsers", list.judgedUsers());
            out.put("validationNdcgAt" + k, list.validation().stream().filter(r -> r.algorithm()
                    .equals(list.chosen())).findFirst().map(r -> round(r.ndcgAt10(), 5)).orElse(null));
            Map<String, Object> candidates = new LinkedHashMap<>();
            list.validation().forEach(r -> candidates.put(r.algorithm(), round(r.ndcgAt10(), 5)));
            out.put("validationNdcgByCandidate", candidates);
            out.put("settingsTried", report.search().size());
            out.put("selectionSeconds", round(report.seconds(), 1));
            EvaluationResult figures = onPeriod.results().isEmpty() ? null : onPeriod.results().get(0);
            out.put("onPeriod", figures == null ? null : row(figures));
            EvaluationResult reference = mode == EvaluationMode.BOUGHT_EXCLUDED
                    ? standard.results().stream().filter(r -> !r.algorithm().equals("hybrid"))
                            .max(java.util.Comparator.comparingDouble(EvaluationResult::ndcgAt10)).orElse(null)
                    : standard.results().stream().filter(r -> r.algorithm().equals("repeat")).findFirst()
                            .orElse(null);
            if (figures != null && reference != null && reference.ndcgAt10() > 0) {
                double ratio = figures.ndcgAt10() / reference.ndcgAt10();
                Map<String, Object> target = new LinkedHashMap<>();
                target.put("against", mode == EvaluationMode.BOUGHT_EXCLUDED
                        ? "best single algorithm on the period: " + reference.algorithm()
                        : "own history then popularity (repeat)");
                target.put("referenceNdcgAt" + k, round(reference.ndcgAt10(), 5));
                target.put("ratio", round(ratio, 3));
                target.put("goal", TARGET_RATIO);
                target.put("met", ratio >= TARGET_RATIO);
                out.put("target", target);
            }
            return out;
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
                rows.add(row(r));
            }
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("results", rows);
            table.put("chosen", report.chosen() == null ? null : report.chosen().algorithm());
            table.put("skipped", report.skipped());
            return table;
        }

        private Map<String, Object> row(EvaluationResult r) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("algorithm", r.algorithm());
            row.put("ndcgAt" + k, round(r.ndcgAt10(), 5));
            row.put("recallAt" + Math.max(20, k), round(r.recallAt20(), 5));
            row.put("precisionAt" + k, round(r.precisionAt10(), 5));
            row.put("coverage", round(r.coverage(), 5));
            row.put("trainSeconds", round(r.trainSeconds(), 3));
            row.put("users", r.users());
            return row;
        }
    }

    @Command(name = "predict", description = "Train on events before the split date; write top-K for every known "
            + "customer as JSON Lines {userId, items[]}.")
    static final class Predict extends DataOptions implements Callable<Integer> {
        @Option(names = "--k", required = true, description = "Items per customer.")
        int k;

        @Option(names = "--out", required = true, description = "The JSON Lines file to write.")
        Path out;

        @Option(names = "--algorithm", defaultValue = NESTED, description = "One of the standard algorithms, or "
                + NESTED + " (default): chosen, tuned and blended by nested validation on the days before the split.")
        String algorithm;

        @Option(names = "--exclude-purchased", description = "Never list an item the customer already bought.")
        boolean excludePurchased;

        @Override
        public Integer call() throws Exception {
            if (k < 1) {
                throw new UsageException("--k must be positive");
            }
            Recommender standard = ModelSelection.standardAlgorithms().stream()
                    .filter(r -> r.name().equals(algorithm)).findFirst()
                    .orElse(null);
            if (standard == null && !algorithm.equals(NESTED)) {
                throw new UsageException("unknown --algorithm " + algorithm + "; one of " + NESTED + ", "
                        + ModelSelection.standardAlgorithms().stream().map(Recommender::name).toList());
            }
            Instant splitAt = splitAt();
            TrainingData data = load(splitAt);
            List<Review> reviews = reviews();
            List<Event> train = TemporalSplit.at(data.events(), splitAt).train();
            long started = System.nanoTime();
            Recommender chosen = standard;
            if (chosen == null) {
                Output.progress("nested selection on the " + validationDays + " days before " + splitDate);
                chosen = NestedSelection.select(train, data.listedItems(), InteractionWeights.defaults(), splitAt,
                        NestedSelection.Settings.of(validationDays), reviews, RatingSettings.defaults())
                        .forMode(excludePurchased
                        ? EvaluationMode.BOUGHT_EXCLUDED : EvaluationMode.REPEATS_ALLOWED);
            }
            InteractionData interactions = InteractionData.from(train, data.listedItems(),
                    InteractionWeights.defaults(), splitAt, ItemRatings.of(reviews, splitAt, RatingSettings.defaults()));
            RepeatPolicy policy = excludePurchased ? RepeatPolicy.neverRepeat() : RepeatPolicy.alwaysRepeat();
            List<UserRecommendations> lists = RecommendationBuilder.train(interactions, chosen, policy).forAllUsers(k);
            double seconds = (System.nanoTime() - started) / 1e9;
            ResultLines.writeRecommendations(out, lists);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("users", lists.size());
            result.put("algorithm", chosen.name());
            result.put("chosenBy", standard == null ? NESTED : "--algorithm");
            result.put("parameters", new java.util.TreeMap<>(chosen.parameters()));
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
