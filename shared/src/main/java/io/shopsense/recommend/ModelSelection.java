package io.shopsense.recommend;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Chooses a shop's algorithm on a temporal hold-out: trains each candidate on events before the split, ranks every
 * product for each known customer, and compares the top of the list with what they bought after the split (nDCG@10,
 * recall@20, precision@10, coverage of the top-10 lists). The best nDCG@10 wins.
 */
public final class ModelSelection {
    /** The cut-off of nDCG, precision and coverage unless told otherwise; recall is cut at 20 (or k if larger). */
    public static final int DEFAULT_K = 10;
    private static final int RECALL_CUTOFF = 20;

    private ModelSelection() {
    }

    /**
     * The standard candidates at their defaults: popularity, trending, repeat, item-kNN, user-kNN, content, iALS
     * (rank 64, 10 iterations), EASE and the default hybrid. {@link NestedSelection} searches around these defaults.
     */
    public static List<Recommender> standardAlgorithms() {
        return List.of(
                new PopularityRecommender(7),
                TrendingRecommender.weekly(),
                new RepeatPurchaseRecommender(7),
                ItemKnnRecommender.defaults(),
                UserKnnRecommender.defaults(),
                new ContentRecommender(),
                new IalsRecommender(IalsRecommender.Config.defaults()),
                EaseRecommender.defaults(),
                defaultHybrid());
    }

    /**
     * iALS for discovery, item-kNN for "bought with", the customer's own purchases for repeats, trending and recent
     * popularity for the season, content for thin histories. These weights were first set by hand; now they are only
     * where {@link NestedSelection}'s blend search starts (and the fallback when a shop's validation window judges
     * nobody): each shop's weights are learned on its own data every night.
     */
    public static HybridRecommender defaultHybrid() {
        return new HybridRecommender("hybrid", List.of(
                new HybridRecommender.Component(new IalsRecommender(IalsRecommender.Config.defaults()), 1.0, 0),
                new HybridRecommender.Component(ItemKnnRecommender.defaults(), 0.3, 0),
                new HybridRecommender.Component(new RepeatPurchaseRecommender(7), 1.0, 0),
                new HybridRecommender.Component(new TrendingRecommender(4, 7, 20), 0.5, 0),
                new HybridRecommender.Component(new PopularityRecommender(7), 0.5, 0.5),
                new HybridRecommender.Component(new ContentRecommender(), 0, 0.5)));
    }

    /** Splits the events at {@code split.splitAt()} and evaluates every algorithm that can fit the training data. */
    public static SelectionReport evaluate(List<Recommender> algorithms, TemporalSplit split,
                                           Collection<Item> catalogue, InteractionWeights weights,
                                           EvaluationMode mode) {
        return evaluate(algorithms, split, catalogue, weights, mode, DEFAULT_K);
    }

    /**
     * As {@link #evaluate(List, TemporalSplit, Collection, InteractionWeights, EvaluationMode)} with nDCG, precision
     * and coverage cut at {@code k} (the results' {@code ndcgAt10} and {@code precisionAt10} then hold the figures
     * at {@code k}) and recall at {@code max(20, k)}.
     */
    public static SelectionReport evaluate(List<Recommender> algorithms, TemporalSplit split,
                                           Collection<Item> catalogue, InteractionWeights weights,
                                           EvaluationMode mode, int k) {
        return evaluate(algorithms, split, catalogue, weights, List.of(mode), k).get(0);
    }

    /**
     * As {@link #evaluate(List, TemporalSplit, Collection, InteractionWeights, EvaluationMode, int)} for several
     * modes at once, each algorithm fitted once: one report per mode, in the order given.
     */
    public static List<SelectionReport> evaluate(List<Recommender> algorithms, TemporalSplit split,
                                                 Collection<Item> catalogue, InteractionWeights weights,
                                                 List<EvaluationMode> modes, int k) {
        return evaluate(algorithms, split, catalogue, weights, modes, k, List.of(), RatingSettings.defaults());
    }

    /**
     * As {@link #evaluate(List, TemporalSplit, Collection, InteractionWeights, List, int)} with ratings as confidence
     * in the fits (issue #17): reviews given before the split count, none after it.
     */
    public static List<SelectionReport> evaluate(List<Recommender> algorithms, TemporalSplit split,
                                                 Collection<Item> catalogue, InteractionWeights weights,
                                                 List<EvaluationMode> modes, int k,
                                                 Collection<io.shopsense.model.Review> reviews,
                                                 RatingSettings ratingSettings) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive");
        }
        InteractionData train = InteractionData.from(split.train(), catalogue, weights, split.splitAt(),
                ItemRatings.of(reviews, split.splitAt(), ratingSettings));
        List<HeldOut> heldOut = modes.stream().map(mode -> HeldOut.of(train, split.test(), mode)).toList();
        List<List<EvaluationResult>> results = modes.stream().map(m -> (List<EvaluationResult>) new ArrayList<
                EvaluationResult>()).toList();
        List<String> skipped = new ArrayList<>();
        for (Recommender algorithm : algorithms) {
            if (!algorithm.canFit(train)) {
                skipped.add(algorithm.name());
                continue;
            }
            long start = System.nanoTime();
            ScoringModel model = algorithm.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int m = 0; m < modes.size(); m++) {
                results.get(m).add(score(algorithm.name(), model, seconds, train, heldOut.get(m), modes.get(m), k));
            }
        }
        List<SelectionReport> reports = new ArrayList<>();
        for (int m = 0; m < modes.size(); m++) {
            EvaluationResult chosen = results.get(m).stream()
                    .max(Comparator.comparingDouble(EvaluationResult::ndcgAt10)).orElse(null);
            reports.add(new SelectionReport(modes.get(m), results.get(m), chosen, skipped));
        }
        return reports;
    }

    /** Metrics of one trained model against the held-out purchases, nDCG and precision at {@code k}. */
    static EvaluationResult score(String name, ScoringModel model, double seconds, InteractionData train,
                                  HeldOut heldOut, EvaluationMode mode, int k) {
        int recallCutoff = Math.max(RECALL_CUTOFF, k);
        int n = heldOut.users.length;
        double[] ndcg = new double[n];
        double[] recall = new double[n];
        double[] precision = new double[n];
        int[][] topK = new int[n][];
        IntStream.range(0, n).parallel().forEach(u -> {
            int user = heldOut.users[u];
            double[] scores = new double[train.itemCount()];
            model.score(user, scores);
            int[] ranked = TopN.select(scores, heldOut.exclusions(train, user, mode), recallCutoff);
            ndcg[u] = RankingMetrics.ndcg(k, ranked, heldOut.truth[u], heldOut.truthCount[u]);
            recall[u] = RankingMetrics.recall(recallCutoff, ranked, heldOut.truth[u], heldOut.truthCount[u]);
            precision[u] = RankingMetrics.precision(k, ranked, heldOut.truth[u]);
            topK[u] = java.util.Arrays.copyOf(ranked, Math.min(k, ranked.length));
        });
        BitSet recommended = new BitSet(train.itemCount());
        for (int[] list : topK) {
            for (int i : list) {
                recommended.set(i);
            }
        }
        return new EvaluationResult(name, mean(ndcg), mean(recall), mean(precision),
                RankingMetrics.coverage(recommended, heldOut.products), seconds, n);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    /**
     * The held-out truth: per known user, the products they bought after the split (net of the mode's rule). Public so
     * that a peer's lists (e.g. Spark's, in the benchmark) are judged by exactly the same truth.
     */
    public static final class HeldOut {
        final int[] users;
        final BitSet[] truth;
        final int[] truthCount;
        final boolean[] nonProducts;
        final int products;

        private HeldOut(int[] users, BitSet[] truth, int[] truthCount, boolean[] nonProducts, int products) {
            this.users = users;
            this.truth = truth;
            this.truthCount = truthCount;
            this.nonProducts = nonProducts;
            this.products = products;
        }

        public static HeldOut of(InteractionData train, List<Event> test, EvaluationMode mode) {
            java.util.Map<Integer, java.util.Set<String>> bought = new java.util.TreeMap<>();
            for (Event e : test) {
                if (e.type() != EventType.PURCHASE || e.isAnonymous()) {
                    continue;
                }
                int user = train.userIndex(e.userId());
                int item = train.itemIndex(e.itemId());
                if (user < 0 || (item >= 0 && !train.isProduct(item))) {
                    continue;   // cold users are served by the cold-start path, not judged here
                }
                if (mode == EvaluationMode.BOUGHT_EXCLUDED && item >= 0 && train.purchases().get(user, item) > 0) {
                    continue;
                }
                bought.computeIfAbsent(user, u -> new java.util.HashSet<>()).add(e.itemId());
            }
            int n = bought.size();
            int[] users = new int[n];
            BitSet[] truth = new BitSet[n];
            int[] counts = new int[n];
            int k = 0;
            for (var entry : bought.entrySet()) {
                users[k] = entry.getKey();
                truth[k] = new BitSet(train.itemCount());
                for (String itemId : entry.getValue()) {
                    int item = train.itemIndex(itemId);
                    if (item >= 0) {
                        truth[k].set(item);
                    }
                }
                counts[k] = entry.getValue().size();
                k++;
            }
            boolean[] nonProducts = new boolean[train.itemCount()];
            int products = 0;
            for (int i = 0; i < nonProducts.length; i++) {
                nonProducts[i] = !train.isProduct(i);
                products += nonProducts[i] ? 0 : 1;
            }
            return new HeldOut(users, truth, counts, nonProducts, products);
        }

        /**
         * At most {@code max} of the judged customers, evenly spaced in index order (deterministic), so that a search
         * scoring many settings stays within its time; the whole set when it is small enough.
         */
        public HeldOut sample(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be positive");
            }
            int n = users.length;
            if (n <= max) {
                return this;
            }
            int[] u = new int[max];
            BitSet[] t = new BitSet[max];
            int[] c = new int[max];
            for (int j = 0; j < max; j++) {
                int from = (int) ((long) j * n / max);
                u[j] = users[from];
                t[j] = truth[from];
                c[j] = truthCount[from];
            }
            return new HeldOut(u, t, c, nonProducts, products);
        }

        /** How many customers are judged. */
        public int judgedUsers() {
            return users.length;
        }

        /**
         * Mean nDCG@10 of ranked item lists, indexed by user ({@code null}: no list, scores zero), non-products
         * dropped before the cut.
         */
        public double ndcgAt10(int[][] topPerUser) {
            double total = 0;
            for (int u = 0; u < users.length; u++) {
                int[] list = topPerUser[users[u]];
                if (list == null) {
                    continue;
                }
                int[] ranked = java.util.Arrays.stream(list).filter(i -> !nonProducts[i]).limit(10).toArray();
                total += RankingMetrics.ndcg(10, ranked, truth[u], truthCount[u]);
            }
            return users.length == 0 ? 0 : total / users.length;
        }

        boolean[] exclusions(InteractionData train, int user, EvaluationMode mode) {
            if (mode == EvaluationMode.REPEATS_ALLOWED) {
                return nonProducts;
            }
            boolean[] excluded = nonProducts.clone();
            CsrMatrix purchases = train.purchases();
            for (int p = purchases.rowStart(user); p < purchases.rowEnd(user); p++) {
                excluded[purchases.col(p)] = true;
            }
            return excluded;
        }
    }
}
