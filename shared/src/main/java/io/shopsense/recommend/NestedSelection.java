package io.shopsense.recommend;

import io.shopsense.model.Event;
import io.shopsense.model.Item;
import io.shopsense.model.Review;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Nested temporal validation inside the data given: the last {@code validationDays} before {@code end} become a
 * validation window; every candidate is fitted on the history before it; each algorithm's hyper-parameters (λ,
 * neighbours, rank, α, window) are searched by coordinate ascent on a small log grid from its default, stopping as
 * soon as no neighbouring value improves nDCG@10; the hybrid's blend weights are searched the same way over the tuned
 * components; and the best of the tuned algorithms and the tuned hybrid is chosen, separately for the repeat-aware
 * list (bought items may come back) and the discovery list (they may not). The caller then refits the choice on all
 * the data. Nothing at or after {@code end} is read, so a period reported after {@code end} is never tuned on.
 *
 * <p>The blend search ranks each judged customer's pool of candidates (the union of every component's top
 * {@code poolPerComponent}) rather than the whole catalogue, which makes one weight setting cost milliseconds; the
 * chosen blend is then judged on the whole catalogue like every other candidate.
 */
public final class NestedSelection {
    private static final int K = ModelSelection.DEFAULT_K;
    private static final double[] WEIGHT_GRID = {0, 0.1, 0.3, 0.5, 1, 2, 4};
    private static final double[] COLD_WEIGHT_GRID = {0, 0.25, 0.5, 1, 2};
    /** Coordinate-ascent sweeps at most; a sweep that moves nothing stops earlier. */
    private static final int MAX_SWEEPS = 2;
    private static final String DEFAULT_CHOICE = "default hybrid: the validation window judged no customer";

    private NestedSelection() {
    }

    /**
     * How the validation is run.
     *
     * @param validationDays   length of the validation window, ending at {@code end}
     * @param maxJudgedUsers   validation customers judged at most (evenly spaced), to bound the search's time
     * @param poolPerComponent candidates each blend component contributes to a customer's pool in the weight search
     */
    public record Settings(int validationDays, int maxJudgedUsers, int poolPerComponent) {
        public Settings {
            if (validationDays < 1 || maxJudgedUsers < 1 || poolPerComponent < K) {
                throw new IllegalArgumentException("need validationDays >= 1, maxJudgedUsers >= 1, pool >= " + K);
            }
        }

        /** A validation window of {@code validationDays}, at most 2,000 judged customers, pools of 50 per component. */
        public static Settings of(int validationDays) {
            return new Settings(validationDays, 2000, 50);
        }
    }

    /** One hyper-parameter setting fitted on the history and judged on the validation window, for both lists. */
    public record Trial(String algorithm, Map<String, Object> parameters, double repeatsNdcgAt10,
                        double discoveryNdcgAt10, double fitSeconds) {
    }

    /** One accepted move of the blend-weight search and the pooled nDCG@10 it reached. */
    public record BlendStep(String component, String weight, double value, double pooledNdcgAt10) {
    }

    /**
     * The choice for one kind of list.
     *
     * @param chosenBy    {@code validation} or why the default was used
     * @param validation  every tuned algorithm and the tuned hybrid on the validation window (best nDCG@10 chosen)
     * @param blendSearch the blend search's accepted moves, from the default hybrid's weights
     */
    public record ListReport(EvaluationMode mode, int judgedUsers, String chosen, String chosenBy,
                             Map<String, Object> parameters, List<EvaluationResult> validation,
                             List<BlendStep> blendSearch) {
        public ListReport {
            validation = List.copyOf(validation);
            blendSearch = List.copyOf(blendSearch);
        }

        /** The validation figures in the shape of a single hold-out's report. */
        public SelectionReport asSelectionReport(List<String> skipped) {
            EvaluationResult winner = validation.stream().filter(r -> r.algorithm().equals(chosen)).findFirst()
                    .orElse(null);
            return new SelectionReport(mode, validation, winner, skipped);
        }
    }

    /**
     * What the model report records: the window, the search and the choice per list.
     *
     * @param skipped algorithms beyond their limits on this data (EASE on a large catalogue)
     */
    public record Report(Instant validationFrom, Instant validationTo, int trainEvents, int validationEvents,
                         int maxJudgedUsers, List<Trial> search, List<String> skipped, ListReport repeats,
                         ListReport discovery, double seconds) {
        public Report {
            search = List.copyOf(search);
            skipped = List.copyOf(skipped);
        }

        public ListReport forMode(EvaluationMode mode) {
            return mode == EvaluationMode.REPEATS_ALLOWED ? repeats : discovery;
        }
    }

    /** The report and the chosen (unfitted) recommender of each list, to be refitted on all the data. */
    public record Result(Report report, Recommender repeats, Recommender discovery) {
        public Recommender forMode(EvaluationMode mode) {
            return mode == EvaluationMode.REPEATS_ALLOWED ? repeats : discovery;
        }
    }

    /**
     * Runs the nested validation on the events strictly before {@code end}.
     *
     * @param end exclusive end of the data the selection may read; the validation window is the last
     *            {@code settings.validationDays()} days before it
     */
    public static Result select(List<Event> events, Collection<Item> catalogue, InteractionWeights weights,
                                Instant end, Settings settings) {
        return select(events, catalogue, weights, end, settings, List.of(), RatingSettings.defaults());
    }

    /**
     * As {@link #select(List, Collection, InteractionWeights, Instant, Settings)}, with the shop's reviews as
     * confidence in the fits (issue #17): only reviews given before the validation window count, as events do.
     */
    public static Result select(List<Event> events, Collection<Item> catalogue, InteractionWeights weights,
                                Instant end, Settings settings, Collection<Review> reviews,
                                RatingSettings ratingSettings) {
        long started = System.nanoTime();
        Instant from = end.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(settings.validationDays()));
        List<Event> before = events.stream().filter(e -> e.ts().isBefore(end)).toList();
        TemporalSplit split = TemporalSplit.at(before, from);
        InteractionData train = InteractionData.from(split.train(), catalogue, weights, from,
                ItemRatings.of(reviews, from, ratingSettings));
        ModelSelection.HeldOut[] heldOut = new ModelSelection.HeldOut[2];
        for (EvaluationMode mode : EvaluationMode.values()) {
            heldOut[mode.ordinal()] = ModelSelection.HeldOut.of(train, split.test(), mode)
                    .sample(settings.maxJudgedUsers());
        }
        Search search = new Search(train, heldOut, settings);
        if (train.userCount() > 0) {
            search.run();
        }
        ListChoice repeats = search.choose(EvaluationMode.REPEATS_ALLOWED);
        ListChoice discovery = search.choose(EvaluationMode.BOUGHT_EXCLUDED);
        Report report = new Report(from, end, split.train().size(), split.test().size(), settings.maxJudgedUsers(),
                search.trials, search.skipped, repeats.report, discovery.report,
                (System.nanoTime() - started) / 1e9);
        return new Result(report, repeats.recommender, discovery.recommender);
    }

    /** One searchable hyper-parameter: a grid and the index of the default (where the search starts). */
    private record Axis(String name, double[] grid, int start) {
        static Axis of(String name, double start, double... grid) {
            int at = Arrays.binarySearch(grid, start);
            if (at < 0) {
                throw new IllegalArgumentException(name + "'s default " + start + " is not on its grid");
            }
            return new Axis(name, grid, at);
        }
    }

    /** An algorithm's search space: its axes and how a point of the grid becomes a recommender. */
    private record Space(String algorithm, List<Axis> axes, Function<double[], Recommender> build) {
        Recommender at(int[] point) {
            double[] values = new double[axes.size()];
            for (int a = 0; a < values.length; a++) {
                values[a] = axes.get(a).grid()[point[a]];
            }
            return build.apply(values);
        }

        int[] start() {
            return axes.stream().mapToInt(Axis::start).toArray();
        }
    }

    /** The candidates in blend order; defaults are where each search starts, nothing more. */
    private static List<Space> spaces() {
        IalsRecommender.Config ials = IalsRecommender.Config.defaults();
        ItemKnnRecommender itemKnn = ItemKnnRecommender.defaults();
        UserKnnRecommender userKnn = UserKnnRecommender.defaults();
        EaseRecommender ease = EaseRecommender.defaults();
        TrendingRecommender trending = TrendingRecommender.weekly();
        return List.of(
                new Space("ials", List.of(
                        Axis.of("regularization", ials.regularization(), 12.5, 25, 50, 100, 200, 400),
                        Axis.of("alpha", ials.alpha(), 0.25, 0.5, 1, 2, 4),
                        Axis.of("rank", ials.rank(), 16, 32, 64, 128)),
                        v -> new IalsRecommender(new IalsRecommender.Config((int) v[2], ials.iterations(), v[0], v[1],
                                ials.cgSteps(), ials.seed()))),
                new Space("item-knn", List.of(
                        Axis.of("neighbours", (int) itemKnn.parameters().get("neighbours"), 10, 20, 50, 100, 200),
                        Axis.of("shrinkage", (double) itemKnn.parameters().get("shrinkage"), 1, 10, 100)),
                        v -> new ItemKnnRecommender((int) v[0], v[1])),
                new Space("user-knn", List.of(
                        Axis.of("neighbours", (int) userKnn.parameters().get("neighbours"), 25, 50, 100, 200, 400),
                        Axis.of("shrinkage", (double) userKnn.parameters().get("shrinkage"), 1, 10, 100)),
                        v -> new UserKnnRecommender((int) v[0], v[1])),
                new Space("ease", List.of(
                        Axis.of("lambda", (double) ease.parameters().get("lambda"), 125, 250, 500, 1000, 2000, 4000)),
                        v -> new EaseRecommender(v[0], (int) ease.parameters().get("maxItems"))),
                new Space("repeat", List.of(), v -> new RepeatPurchaseRecommender(7)),
                new Space("trending", List.of(Axis.of("prior", (double) trending.parameters().get("prior"), 5, 20, 80)),
                        v -> new TrendingRecommender((int) trending.parameters().get("windows"),
                                (double) trending.parameters().get("windowDays"), v[0])),
                new Space("popularity", List.of(Axis.of("windowDays", 7, 7, 14, 30, 60)),
                        v -> new PopularityRecommender(v[0])),
                new Space("content", List.of(), v -> new ContentRecommender()));
    }

    /** The best setting of one algorithm for one list so far: kept fitted for the blend. */
    private record Best(Recommender recommender, ScoringModel model, EvaluationResult result) {
    }

    private record ListChoice(ListReport report, Recommender recommender) {
    }

    /** The state of one selection: trials so far, best fitted setting per algorithm and list. */
    private static final class Search {
        private final InteractionData train;
        private final ModelSelection.HeldOut[] heldOut;
        private final Settings settings;
        private final List<Space> spaces = new ArrayList<>();
        private final List<Trial> trials = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private final Map<String, EvaluationResult[]> memo = new HashMap<>();
        private final Map<String, Best[]> best = new LinkedHashMap<>();
        private PurchaseHistory history;

        Search(InteractionData train, ModelSelection.HeldOut[] heldOut, Settings settings) {
            this.train = train;
            this.heldOut = heldOut;
            this.settings = settings;
        }

        void run() {
            for (Space space : spaces()) {
                if (!space.at(space.start()).canFit(train)) {
                    skipped.add(space.algorithm());
                    continue;
                }
                spaces.add(space);
                best.put(space.algorithm(), new Best[2]);
                for (EvaluationMode mode : EvaluationMode.values()) {
                    climb(space, mode.ordinal());
                }
            }
        }

        /** Coordinate ascent from the default: along each axis, step while the neighbour improves, then stop. */
        private void climb(Space space, int mode) {
            int[] at = space.start();
            double score = evaluate(space, at)[mode].ndcgAt10();
            for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
                boolean moved = false;
                for (int a = 0; a < at.length; a++) {
                    for (int dir : new int[]{-1, 1}) {
                        boolean movedHere = false;
                        while (at[a] + dir >= 0 && at[a] + dir < space.axes().get(a).grid().length) {
                            int[] next = at.clone();
                            next[a] += dir;
                            double s = evaluate(space, next)[mode].ndcgAt10();
                            if (!(s > score)) {
                                break;
                            }
                            at = next;
                            score = s;
                            movedHere = true;
                        }
                        if (movedHere) {
                            moved = true;
                            break;   // improved in this direction: the other side was worse or is not better
                        }
                    }
                }
                if (!moved) {
                    return;
                }
            }
        }

        /** Fits one setting (once) and judges it for both lists; keeps it fitted while it is the best of a list. */
        private EvaluationResult[] evaluate(Space space, int[] point) {
            String key = space.algorithm() + Arrays.toString(point);
            EvaluationResult[] known = memo.get(key);
            if (known != null) {
                return known;
            }
            Recommender recommender = space.at(point);
            long start = System.nanoTime();
            ScoringModel model = recommender.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            EvaluationResult[] results = new EvaluationResult[2];
            Best[] bests = best.get(space.algorithm());
            for (EvaluationMode mode : EvaluationMode.values()) {
                int m = mode.ordinal();
                results[m] = ModelSelection.score(space.algorithm(), model, seconds, train, heldOut[m], mode, K);
                if (bests[m] == null || results[m].ndcgAt10() > bests[m].result().ndcgAt10()) {
                    bests[m] = new Best(recommender, model, results[m]);
                }
            }
            memo.put(key, results);
            trials.add(new Trial(space.algorithm(), new TreeMap<>(recommender.parameters()),
                    results[0].ndcgAt10(), results[1].ndcgAt10(), seconds));
            return results;
        }

        /** The tuned algorithms and the tuned blend for one list; the best on the validation window wins. */
        ListChoice choose(EvaluationMode mode) {
            int m = mode.ordinal();
            if (best.isEmpty() || heldOut[m].judgedUsers() == 0) {
                HybridRecommender fallback = ModelSelection.defaultHybrid();
                return new ListChoice(new ListReport(mode, 0, fallback.name(), DEFAULT_CHOICE,
                        fallback.parameters(), List.of(), List.of()), fallback);
            }
            List<EvaluationResult> validation = new ArrayList<>();
            Map<String, Recommender> byName = new LinkedHashMap<>();
            List<Best> tuned = new ArrayList<>();
            for (Space space : spaces) {
                Best b = best.get(space.algorithm())[m];
                tuned.add(b);
                validation.add(b.result());
                byName.put(space.algorithm(), b.recommender());
            }
            List<BlendStep> steps = new ArrayList<>();
            HybridRecommender hybrid = blend(tuned, mode, steps);
            if (hybrid != null) {
                validation.add(judge(hybrid, tuned, mode));
                byName.put(hybrid.name(), hybrid);
            }
            LearnedRanker ranker = rank(tuned, mode, validation);
            byName.put(ranker.name(), ranker);
            EvaluationResult winner = validation.stream()
                    .reduce((a, b) -> b.ndcgAt10() > a.ndcgAt10() ? b : a).orElseThrow();
            Recommender chosen = byName.get(winner.algorithm());
            return new ListChoice(new ListReport(mode, heldOut[m].judgedUsers(), chosen.name(), "validation",
                    new TreeMap<>(chosen.parameters()), validation, steps), chosen);
        }

        /**
         * The ranker learned on the window over every tuned algorithm but "repeat" (the customer's own buying enters
         * as its own features), judged on the whole catalogue like the others; its figure is added to
         * {@code validation}.
         */
        private LearnedRanker rank(List<Best> tuned, EvaluationMode mode, List<EvaluationResult> validation) {
            if (history == null) {
                history = PurchaseHistory.of(train);
            }
            List<Best> components = tuned.stream().filter(b -> !b.recommender().name().equals("repeat")).toList();
            long start = System.nanoTime();
            LearnedRanker.Learned learned = LearnedRanker.learn(
                    components.stream().map(Best::recommender).toList(),
                    components.stream().map(Best::model).toList(), history, train, heldOut[mode.ordinal()], mode,
                    settings.poolPerComponent(), K);
            double seconds = components.stream().mapToDouble(b -> b.result().trainSeconds()).sum()
                    + (System.nanoTime() - start) / 1e9;
            validation.add(ModelSelection.score(learned.ranker().name(), learned.model(), seconds, train,
                    heldOut[mode.ordinal()], mode, K));
            return learned.ranker();
        }

        /** The tuned blend judged on the whole catalogue, reusing the components' fitted models. */
        private EvaluationResult judge(HybridRecommender hybrid, List<Best> tuned, EvaluationMode mode) {
            List<ScoringModel> models = new ArrayList<>();
            List<HybridRecommender.Component> components = hybrid.components();
            for (HybridRecommender.Component c : components) {
                models.add(tuned.stream().filter(b -> b.recommender() == c.recommender()).findFirst().orElseThrow()
                        .model());
            }
            ScoringModel model = HybridRecommender.blend(hybrid.name(), models,
                    components.stream().mapToDouble(HybridRecommender.Component::weight).toArray(),
                    components.stream().mapToDouble(HybridRecommender.Component::coldWeight).toArray(),
                    train.confidence());
            double fitSeconds = tuned.stream().mapToDouble(b -> b.result().trainSeconds()).sum();
            return ModelSelection.score(hybrid.name(), model, fitSeconds, train, heldOut[mode.ordinal()], mode, K);
        }

        /**
         * Coordinate ascent over each component's weight and cold weight, from the default hybrid's weights (zero
         * for components it lacks), on pooled candidates. Null when every weight ends at zero.
         */
        private HybridRecommender blend(List<Best> tuned, EvaluationMode mode, List<BlendStep> steps) {
            int n = tuned.size();
            double[] weight = new double[n];
            double[] cold = new double[n];
            Map<String, HybridRecommender.Component> start = new HashMap<>();
            ModelSelection.defaultHybrid().components().forEach(c -> start.put(c.recommender().name(), c));
            for (int c = 0; c < n; c++) {
                HybridRecommender.Component d = start.get(tuned.get(c).recommender().name());
                weight[c] = d == null ? 0 : d.weight();
                cold[c] = d == null ? 0 : d.coldWeight();
            }
            Pools pools = Pools.of(train, heldOut[mode.ordinal()], mode, tuned, settings.poolPerComponent());
            double score = pools.ndcg(weight, cold);
            for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
                boolean moved = false;
                for (int c = 0; c < 2 * n; c++) {
                    double[] target = c < n ? weight : cold;
                    int comp = c % n;
                    double kept = target[comp];
                    double bestValue = kept;
                    for (double value : c < n ? WEIGHT_GRID : COLD_WEIGHT_GRID) {
                        target[comp] = value;
                        double s = pools.ndcg(weight, cold);
                        if (s > score) {
                            score = s;
                            bestValue = value;
                        }
                    }
                    target[comp] = bestValue;
                    if (bestValue != kept) {
                        moved = true;
                        steps.add(new BlendStep(tuned.get(comp).recommender().name(), c < n ? "weight" : "coldWeight",
                                bestValue, score));
                    }
                }
                if (!moved) {
                    break;
                }
            }
            List<HybridRecommender.Component> components = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                if (weight[c] > 0 || cold[c] > 0) {
                    components.add(new HybridRecommender.Component(tuned.get(c).recommender(), weight[c], cold[c]));
                }
            }
            return components.isEmpty() ? null : new HybridRecommender("hybrid", components);
        }
    }

    /**
     * Each judged customer's candidate pool: the union of every component's top items (mode's exclusions applied)
     * with each component's min-max normalised score, as the hybrid normalises them.
     */
    private static final class Pools {
        private final int[][] items;
        private final float[][][] values;
        private final int[] historySize;
        private final ModelSelection.HeldOut heldOut;

        private Pools(int[][] items, float[][][] values, int[] historySize, ModelSelection.HeldOut heldOut) {
            this.items = items;
            this.values = values;
            this.historySize = historySize;
            this.heldOut = heldOut;
        }

        static Pools of(InteractionData train, ModelSelection.HeldOut heldOut, EvaluationMode mode, List<Best> tuned,
                        int perComponent) {
            int n = heldOut.users.length;
            int components = tuned.size();
            int[][] items = new int[n][];
            float[][][] values = new float[n][][];
            int[] historySize = new int[n];
            IntStream.range(0, n).parallel().forEach(u -> {
                int user = heldOut.users[u];
                boolean[] excluded = heldOut.exclusions(train, user, mode);
                double[][] normalised = new double[components][train.itemCount()];
                BitSet pool = new BitSet(train.itemCount());
                for (int c = 0; c < components; c++) {
                    double[] raw = new double[train.itemCount()];
                    tuned.get(c).model().score(user, raw);
                    HybridRecommender.addNormalised(raw, 1, normalised[c]);
                    for (int i : TopN.select(normalised[c], excluded, perComponent)) {
                        pool.set(i);
                    }
                }
                items[u] = pool.stream().toArray();
                values[u] = new float[components][items[u].length];
                for (int c = 0; c < components; c++) {
                    for (int q = 0; q < items[u].length; q++) {
                        values[u][c][q] = (float) normalised[c][items[u][q]];
                    }
                }
                historySize[u] = train.confidence().rowLength(user);
            });
            return new Pools(items, values, historySize, heldOut);
        }

        /** Mean nDCG@10 of the blend {@code Σ_m (w_m + cold_m / (1 + n_u)) · norm_m} ranked within each pool. */
        double ndcg(double[] weight, double[] cold) {
            double total = 0;
            for (int u = 0; u < items.length; u++) {
                double[] s = new double[items[u].length];
                for (int c = 0; c < weight.length; c++) {
                    double w = weight[c] + cold[c] / (1 + historySize[u]);
                    if (w == 0) {
                        continue;
                    }
                    float[] v = values[u][c];
                    for (int q = 0; q < s.length; q++) {
                        s[q] += w * v[q];
                    }
                }
                int[] top = TopN.select(s, null, K);
                int[] ranked = new int[top.length];
                for (int r = 0; r < top.length; r++) {
                    ranked[r] = items[u][top[r]];
                }
                total += RankingMetrics.ndcg(K, ranked, heldOut.truth[u], heldOut.truthCount[u]);
            }
            return items.length == 0 ? 0 : total / items.length;
        }
    }
}
