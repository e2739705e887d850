package io.shopsense.recommend;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A linear ranker over the tuned algorithms' scores and the customer's own buying, with weights learned by listwise
 * ranking on a validation window ({@link #learn}, {@link ListwiseSoftmax}): for user u and item i,
 * <pre>
 *   f(u, i) = Σ_m β_m · norm_m(s_m(u, i))  +  [u bought i] · Σ_f γ_f · h_f(u, i)
 * </pre>
 * where {@code norm_m} is the hybrid's per-user min-max scaling of algorithm m and {@code h} are the
 * {@link PurchaseHistory} features (distinct purchase days, two decayed counts, days since the last purchase, the
 * item's repurchase rate, the customer's repeat share). Unlike {@link HybridRecommender}'s grid of non-negative
 * weights, the weights may be negative and own-history recency and repurchase propensity are learned, not fixed:
 * what "buy it again" means for this shop (how fast a habit fades, which items are staples) comes from its data.
 */
public final class LearnedRanker implements Recommender {
    /** L2 penalty on the standardised coefficients: about one customer's worth of evidence per coefficient. */
    private static final double L2 = 1.0;
    private static final int FOLDS = 2;

    private final List<Recommender> components;
    private final double[] componentWeights;
    private final double[] ownWeights;
    private final Map<String, Object> learning;

    /**
     * @param componentWeights one weight per component, on its min-max scaled score
     * @param ownWeights       one weight per {@link PurchaseHistory#FEATURES} entry
     * @param learning         how the weights were learned, for the report (may be empty)
     */
    public LearnedRanker(List<Recommender> components, double[] componentWeights, double[] ownWeights,
                         Map<String, Object> learning) {
        if (components.size() != componentWeights.length || ownWeights.length != PurchaseHistory.FEATURES.length) {
            throw new IllegalArgumentException("one weight per component and per own-history feature");
        }
        this.components = List.copyOf(components);
        this.componentWeights = componentWeights.clone();
        this.ownWeights = ownWeights.clone();
        this.learning = Map.copyOf(learning);
    }

    @Override
    public String name() {
        return "ranker";
    }

    /** Each component with its weight and parameters, the own-history weights, and how they were learned. */
    @Override
    public Map<String, Object> parameters() {
        List<Object> parts = new ArrayList<>();
        for (int m = 0; m < components.size(); m++) {
            parts.add(new TreeMap<>(Map.of("algorithm", components.get(m).name(), "weight",
                    round(componentWeights[m]), "parameters", new TreeMap<>(components.get(m).parameters()))));
        }
        Map<String, Object> own = new LinkedHashMap<>();
        for (int f = 0; f < ownWeights.length; f++) {
            own.put(PurchaseHistory.FEATURES[f], round(ownWeights[f]));
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("components", parts);
        out.put("ownHistoryWeights", own);
        if (!learning.isEmpty()) {
            out.put("learning", new TreeMap<>(learning));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** Components that cannot fit the data (EASE on a large catalogue) are left out, with their weights. */
    @Override
    public ScoringModel fit(InteractionData data) {
        List<ScoringModel> models = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int m = 0; m < components.size(); m++) {
            if (components.get(m).canFit(data)) {
                models.add(components.get(m).fit(data));
                weights.add(componentWeights[m]);
            }
        }
        return model(models, weights.stream().mapToDouble(Double::doubleValue).toArray(), ownWeights,
                PurchaseHistory.of(data));
    }

    /** The ranker over models already fitted on the data {@code history} was read from. */
    static ScoringModel model(List<ScoringModel> models, double[] componentWeights, double[] ownWeights,
                              PurchaseHistory history) {
        return new ScoringModel() {
            @Override
            public String algorithm() {
                return "ranker";
            }

            @Override
            public void score(int user, double[] scores) {
                java.util.Arrays.fill(scores, 0);
                double[] part = new double[scores.length];
                for (int m = 0; m < models.size(); m++) {
                    if (componentWeights[m] != 0) {
                        models.get(m).score(user, part);
                        HybridRecommender.addNormalised(part, componentWeights[m], scores);
                    }
                }
                double[] h = new double[ownWeights.length];
                for (int c = history.cellStart(user); c < history.cellEnd(user); c++) {
                    history.features(user, c, h, 0);
                    double s = 0;
                    for (int f = 0; f < h.length; f++) {
                        s += ownWeights[f] * h[f];
                    }
                    scores[history.cellItem(c)] += s;
                }
            }
        };
    }

    /** A ranker learned on a validation window, with the model it scores with on the fit before the window. */
    record Learned(LearnedRanker ranker, ScoringModel model) {
    }

    /**
     * Learns the weights on the validation window: each judged customer's candidates are the union of every
     * component's top {@code poolPerComponent} and, for the repeat-aware list, everything they bought (the mode's
     * exclusions applied), labelled by whether they bought it in the window. The discovery list never offers a
     * bought item, so it learns no own-history weights (they stay 0). The weights are fitted on all judged
     * customers; the report also keeps a {@value #FOLDS}-fold cross-fitted pooled nDCG@10 (weights learned on the
     * other customers), the figure to expect when the weights meet new purchases.
     *
     * @param components the tuned algorithms, fitted on {@code train} as {@code models}
     */
    static Learned learn(List<Recommender> components, List<ScoringModel> models, PurchaseHistory history,
                         InteractionData train, ModelSelection.HeldOut heldOut, EvaluationMode mode,
                         int poolPerComponent, int k) {
        Rows rows = Rows.of(components.size(), models, history, train, heldOut, mode, poolPerComponent);
        double[] all = ListwiseSoftmax.fit(rows.x, rows.d, rows.userStart, rows.label, u -> true, L2);
        double crossFitted = 0;
        for (int fold = 0; fold < FOLDS; fold++) {
            int held = fold;
            double[] w = ListwiseSoftmax.fit(rows.x, rows.d, rows.userStart, rows.label, u -> u % FOLDS != held, L2);
            crossFitted += rows.pooledNdcg(w, u -> u % FOLDS == held, heldOut, k);
        }
        int n = heldOut.judgedUsers();
        Map<String, Object> learning = new TreeMap<>();
        learning.put("trainingRows", rows.label.length);
        learning.put("judgedCustomers", n);
        learning.put("crossFittedPooledNdcgAt10", round(n == 0 ? 0 : crossFitted / n));
        learning.put("inSamplePooledNdcgAt10", round(n == 0 ? 0 : rows.pooledNdcg(all, u -> true, heldOut, k) / n));
        double[] componentWeights = java.util.Arrays.copyOf(all, components.size());
        double[] ownWeights = java.util.Arrays.copyOfRange(all, components.size(), rows.d);
        LearnedRanker ranker = new LearnedRanker(components, componentWeights, ownWeights, learning);
        return new Learned(ranker, model(models, componentWeights, ownWeights, history));
    }

    /** The training rows: one per judged customer and candidate, features then label. */
    private static final class Rows {
        final int d;
        final double[] x;
        final boolean[] label;
        final int[] userStart;
        final int[][] poolItems;

        private Rows(int d, double[] x, boolean[] label, int[] userStart, int[][] poolItems) {
            this.d = d;
            this.x = x;
            this.label = label;
            this.userStart = userStart;
            this.poolItems = poolItems;
        }

        static Rows of(int componentCount, List<ScoringModel> models, PurchaseHistory history, InteractionData train,
                       ModelSelection.HeldOut heldOut, EvaluationMode mode, int perComponent) {
            int d = componentCount + PurchaseHistory.FEATURES.length;
            int n = heldOut.judgedUsers();
            double[][] perUser = new double[n][];
            boolean[][] labels = new boolean[n][];
            int[][] poolItems = new int[n][];
            IntStream.range(0, n).parallel().forEach(u -> {
                int user = heldOut.users[u];
                boolean[] excluded = heldOut.exclusions(train, user, mode);
                double[][] normalised = new double[componentCount][train.itemCount()];
                BitSet pool = new BitSet(train.itemCount());
                double[] raw = new double[train.itemCount()];
                for (int m = 0; m < componentCount; m++) {
                    models.get(m).score(user, raw);
                    HybridRecommender.addNormalised(raw, 1, normalised[m]);
                    for (int i : TopN.select(normalised[m], excluded, perComponent)) {
                        pool.set(i);
                    }
                }
                int[] cellOf = new int[train.itemCount()];
                java.util.Arrays.fill(cellOf, -1);
                int cellEnd = mode == EvaluationMode.REPEATS_ALLOWED ? history.cellEnd(user) : history.cellStart(user);
                for (int c = history.cellStart(user); c < cellEnd; c++) {
                    int item = history.cellItem(c);
                    cellOf[item] = c;
                    if (!excluded[item]) {
                        pool.set(item);
                    }
                }
                int[] items = pool.stream().toArray();
                double[] rows = new double[items.length * d];
                boolean[] y = new boolean[items.length];
                for (int q = 0; q < items.length; q++) {
                    int item = items[q];
                    for (int m = 0; m < componentCount; m++) {
                        rows[q * d + m] = normalised[m][item];
                    }
                    if (cellOf[item] >= 0) {
                        history.features(user, cellOf[item], rows, q * d + componentCount);
                    }
                    y[q] = heldOut.truth[u].get(item);
                }
                perUser[u] = rows;
                labels[u] = y;
                poolItems[u] = items;
            });
            int total = 0;
            for (boolean[] y : labels) {
                total += y.length;
            }
            double[] x = new double[total * d];
            boolean[] label = new boolean[total];
            int[] userStart = new int[n + 1];
            int at = 0;
            for (int u = 0; u < n; u++) {
                userStart[u] = at;
                System.arraycopy(perUser[u], 0, x, at * d, perUser[u].length);
                System.arraycopy(labels[u], 0, label, at, labels[u].length);
                at += labels[u].length;
            }
            userStart[n] = at;
            return new Rows(d, x, label, userStart, poolItems);
        }

        /** Sum over the customers in {@code judged} of nDCG@k of their pool ranked by {@code w}. */
        double pooledNdcg(double[] w, java.util.function.IntPredicate judged, ModelSelection.HeldOut heldOut, int k) {
            double total = 0;
            for (int u = 0; u + 1 < userStart.length; u++) {
                if (!judged.test(u)) {
                    continue;
                }
                int from = userStart[u];
                int size = userStart[u + 1] - from;
                double[] s = new double[size];
                for (int q = 0; q < size; q++) {
                    for (int j = 0; j < d; j++) {
                        s[q] += w[j] * x[(from + q) * d + j];
                    }
                }
                int[] top = TopN.select(s, null, k);
                int[] ranked = new int[top.length];
                int[] items = poolItems[u];
                for (int r = 0; r < top.length; r++) {
                    ranked[r] = items[top[r]];
                }
                total += RankingMetrics.ndcg(k, ranked, heldOut.truth[u], heldOut.truthCount[u]);
            }
            return total;
        }
    }
}
