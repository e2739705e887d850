package io.shopsense.recommend;

import io.shopsense.model.Item;
import io.shopsense.model.RatingSummary;
import io.shopsense.model.Recommendation;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Precomputes what the API serves: the filtered top-N per customer with a reason per item, and the most similar
 * items per item. Trains the chosen algorithm once, plus the small models that explain and back it up (item-kNN for
 * "bought with …" and similar items, TF-IDF content for cold items, trending and popularity for cold customers).
 * Business filters: items the catalogue does not list, non-products, items out of stock, and items the customer
 * already bought unless the {@link RepeatPolicy} lets their category come back; no list (a customer's, the cold-start
 * one, similar items) ever names a filtered item, and items the catalogue does not list get no similar-items list of
 * their own. A customer with no history gets trending and category-popular items, counted in distinct customers with
 * a minimum ({@link PopularityRecommender}), never an empty list while any product is in stock.
 *
 * <p>Ratings (issue #17, {@link InteractionData#ratings()}): an item whose Bayesian average rating is poor with enough
 * reviews comes after every other item of any list (demoted, not removed: a short list still fills); an item the
 * customer rated 1 or 2 stars is never offered to them again; an item with enough reviews says so in its reason
 * ("bought with … · rated 4.7 by 38 customers").
 */
public final class RecommendationBuilder {
    static final String TRENDING = "trending";
    static final String BOUGHT_BEFORE = "you bought this before";
    static final String POPULAR = "popular with customers";
    private static final int COLD_CANDIDATES = 200;

    private final InteractionData data;
    private final ScoringModel model;
    private final ItemKnnRecommender.ItemKnnModel knn;
    private final ContentRecommender.ContentModel content;
    private final boolean[] blocked;
    private final boolean[] repeatable;
    private final int[] trendingOrder;
    private final int[] popularOrder;
    /** Items whose rating is poor with enough reviews: demoted below every other item of a list (issue #17). */
    private final boolean[] poor;

    private RecommendationBuilder(InteractionData data, ScoringModel model, ItemKnnRecommender.ItemKnnModel knn,
                                  ContentRecommender.ContentModel content, RepeatPolicy policy, int minCustomers) {
        this.data = data;
        this.model = model;
        this.knn = knn;
        this.content = content;
        int items = data.itemCount();
        this.blocked = new boolean[items];
        this.repeatable = new boolean[items];
        for (int i = 0; i < items; i++) {
            Item item = data.item(i);
            blocked[i] = !data.isListed(i) || !item.isProduct() || !item.inStock();
            repeatable[i] = policy.isRepeatable(item);
        }
        double[] trend = TrendingRecommender.weekly(minCustomers).scores(data);
        boolean[] notTrending = blocked.clone();
        for (int i = 0; i < items; i++) {
            notTrending[i] |= trend[i] <= 0;   // "trending" only for items that grow, among enough customers
        }
        this.trendingOrder = TopN.select(trend, notTrending, COLD_CANDIDATES);
        this.popularOrder = TopN.select(PopularityRecommender.scores(data, 30, minCustomers), blocked, items);
        this.poor = new boolean[items];
        for (int i = 0; i < items; i++) {
            poor[i] = data.ratings().isPoor(data.itemId(i));
        }
    }

    /** Trains {@code chosen} (and the explaining models) on {@code data}; the default minimum of customers. */
    public static RecommendationBuilder train(InteractionData data, Recommender chosen, RepeatPolicy policy) {
        return train(data, chosen, policy, PopularityRecommender.DEFAULT_MIN_CUSTOMERS);
    }

    /**
     * Trains {@code chosen} (and the explaining models) on {@code data}.
     *
     * @param minCustomers distinct customers an item needs before the cold-start list calls it trending or popular
     */
    public static RecommendationBuilder train(InteractionData data, Recommender chosen, RepeatPolicy policy,
                                              int minCustomers) {
        ScoringModel model = chosen.fit(data);
        ItemKnnRecommender.ItemKnnModel knn = model instanceof ItemKnnRecommender.ItemKnnModel own
                ? own : ItemKnnRecommender.defaults().fit(data);
        return new RecommendationBuilder(data, model, knn, new ContentRecommender().fit(data), policy, minCustomers);
    }

    /** Uses an already trained model (for instance factors trained by Spark, wrapped in a {@link FactorModel}). */
    public static RecommendationBuilder of(InteractionData data, ScoringModel model, RepeatPolicy policy) {
        return new RecommendationBuilder(data, model, ItemKnnRecommender.defaults().fit(data),
                new ContentRecommender().fit(data), policy, PopularityRecommender.DEFAULT_MIN_CUSTOMERS);
    }

    /** Name of the algorithm behind the lists. */
    public String algorithm() {
        return model.algorithm();
    }

    /** Top-{@code n} for every known customer, in user index order; scored in parallel. */
    public List<UserRecommendations> forAllUsers(int n) {
        return IntStream.range(0, data.userCount()).parallel()
                .mapToObj(u -> forUser(data.userId(u), n))
                .collect(Collectors.toList());
    }

    /** Top-{@code n} for one customer; an unknown customer gets the cold-start list. */
    public UserRecommendations forUser(String userId, int n) {
        int user = data.userIndex(userId);
        boolean[] excluded = user < 0 ? blocked : exclusions(user);
        List<Recommendation> items = user < 0 ? List.of() : warm(user, excluded, n);
        if (items.size() < n) {
            items = fillCold(items, or(excluded, poor), n);   // well-rated and unrated items first
        }
        if (items.size() < n) {
            items = fillCold(items, excluded, n);
        }
        String algorithm = user < 0 ? "cold-start" : model.algorithm();
        return new UserRecommendations(userId, algorithm, items);
    }

    /** Blocked items plus the user's bought items whose category may not come back. */
    private boolean[] exclusions(int user) {
        boolean[] excluded = blocked.clone();
        CsrMatrix purchases = data.purchases();
        for (int p = purchases.rowStart(user); p < purchases.rowEnd(user); p++) {
            int i = purchases.col(p);
            excluded[i] |= !repeatable[i] || data.ratings().dislikedBy(data.userId(user), data.itemId(i));
        }
        return excluded;
    }

    private List<Recommendation> warm(int user, boolean[] excluded, int n) {
        double[] scores = new double[data.itemCount()];
        model.score(user, scores);
        int[] top = TopN.select(scores, or(excluded, poor), n);
        if (top.length < n) {   // the poorly rated come last, and only to fill the list
            boolean[] onlyPoor = excluded.clone();
            for (int i = 0; i < onlyPoor.length; i++) {
                onlyPoor[i] |= !poor[i];
            }
            int[] demoted = TopN.select(scores, onlyPoor, n - top.length);
            top = java.util.stream.IntStream.concat(Arrays.stream(top), Arrays.stream(demoted)).toArray();
        }
        Explanation why = explain(user);
        List<Recommendation> out = new ArrayList<>(top.length);
        for (int i : top) {
            out.add(new Recommendation(data.itemId(i), scores[i], withRating(why.reason(i), i)));
        }
        return out;
    }

    /** {@code a} or {@code b}, item by item. */
    private static boolean[] or(boolean[] a, boolean[] b) {
        boolean[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] |= b[i];
        }
        return out;
    }

    /** The reason, followed by the item's rating when it has enough reviews. */
    private String withRating(String reason, int item) {
        return data.ratings().reason(data.itemId(item)).map(rated -> reason + " · " + rated).orElse(reason);
    }

    /** For every item reachable from the user's history through kNN, the history item most similar to it. */
    private Explanation explain(int user) {
        CsrMatrix history = data.confidence();
        Map<Integer, Integer> source = new java.util.HashMap<>();
        Map<Integer, Float> best = new java.util.HashMap<>();
        for (int p = history.rowStart(user); p < history.rowEnd(user); p++) {
            int j = history.col(p);
            int[] nbrs = knn.neighbourArray(j);
            float[] sims = knn.similarityArray(j);
            for (int q = 0; q < nbrs.length; q++) {
                if (sims[q] > best.getOrDefault(nbrs[q], 0f)) {
                    best.put(nbrs[q], sims[q]);
                    source.put(nbrs[q], j);
                }
            }
        }
        return new Explanation(user, source);
    }

    /** The reason text for one recommended item of one user. */
    private final class Explanation {
        private final int user;
        private final Map<Integer, Integer> source;

        Explanation(int user, Map<Integer, Integer> source) {
            this.user = user;
            this.source = source;
        }

        String reason(int item) {
            if (data.purchases().get(user, item) > 0) {
                return BOUGHT_BEFORE;
            }
            Integer from = source.get(item);
            if (from != null) {
                return (data.purchases().get(user, from) > 0 ? "bought with " : "because you viewed ") + title(from);
            }
            return popularReason(item);
        }
    }

    private String popularReason(int item) {
        String category = data.item(item).category();
        return category != null && !category.isBlank() ? "popular in " + category : POPULAR;
    }

    /**
     * Cold start: alternates trending items with the most popular item of each category in turn (content from the
     * catalogue), then fills with overall popularity. Keeps what {@code start} already holds.
     */
    private List<Recommendation> fillCold(List<Recommendation> start, boolean[] excluded, int n) {
        Map<String, Recommendation> out = new LinkedHashMap<>();
        start.forEach(r -> out.put(r.itemId(), r));
        int[] byCategory = categoryLeaders();
        int t = 0;
        int c = 0;
        while (out.size() < n && (t < trendingOrder.length || c < byCategory.length)) {
            if (t < trendingOrder.length) {
                addCold(out, trendingOrder[t++], TRENDING, excluded, n);
            }
            if (c < byCategory.length) {
                int item = byCategory[c++];
                addCold(out, item, popularReason(item), excluded, n);
            }
        }
        for (int p = 0; p < popularOrder.length && out.size() < n; p++) {
            addCold(out, popularOrder[p], popularReason(popularOrder[p]), excluded, n);
        }
        return new ArrayList<>(out.values());
    }

    private void addCold(Map<String, Recommendation> out, int item, String reason, boolean[] excluded, int n) {
        String id = data.itemId(item);
        if (out.size() < n && !excluded[item] && !out.containsKey(id)) {
            out.put(id, new Recommendation(id, 1.0 - (double) out.size() / n, withRating(reason, item)));
        }
    }

    /** The most popular product of each category, categories ordered by their leader's popularity. */
    private int[] categoryLeaders() {
        Map<String, Integer> leader = new LinkedHashMap<>();
        for (int i : popularOrder) {
            String category = data.item(i).category();
            if (category != null && !category.isBlank()) {
                leader.putIfAbsent(category, i);
            }
        }
        return leader.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Similar items of every listed item, in item index order. */
    public List<SimilarItems> similarItemsForAll(int n) {
        return IntStream.range(0, data.itemCount()).parallel()
                .filter(data::isListed)
                .mapToObj(i -> similarItems(data.itemId(i), n))
                .collect(Collectors.toList());
    }

    /**
     * The {@code n} items most similar to a known item: its kNN neighbours ("bought with …"), then, for cold items
     * or short lists, items with similar titles and category ("similar to …"). Empty for an id the catalogue does not
     * list.
     */
    public SimilarItems similarItems(String itemId, int n) {
        int item = data.itemIndex(itemId);
        if (item < 0 || !data.isListed(item)) {
            return new SimilarItems(itemId, List.of());
        }
        Map<String, Recommendation> out = new LinkedHashMap<>();
        int[] nbrs = knn.neighbourArray(item);
        float[] sims = knn.similarityArray(item);
        for (int q = 0; q < nbrs.length && out.size() < n; q++) {
            if (!blocked[nbrs[q]]) {
                out.put(data.itemId(nbrs[q]), new Recommendation(data.itemId(nbrs[q]), sims[q],
                        withRating("bought with " + title(item), nbrs[q])));
            }
        }
        if (out.size() < n) {
            addByContent(out, content.similarities(item), item, title(item), n);
        }
        return new SimilarItems(itemId, poorLast(out.values()), ratingOf(itemId));
    }

    /** Similar items by content for any catalogue row, including one added after training. */
    public SimilarItems similarTo(Item item, int n) {
        Map<String, Recommendation> out = new LinkedHashMap<>();
        addByContent(out, content.similaritiesTo(item), data.itemIndex(item.itemId()),
                item.title() != null ? item.title() : item.itemId(), n);
        return new SimilarItems(item.itemId(), poorLast(out.values()), ratingOf(item.itemId()));
    }

    private void addByContent(Map<String, Recommendation> out, double[] sims, int self, String title, int n) {
        boolean[] excluded = blocked.clone();
        if (self >= 0) {
            excluded[self] = true;
        }
        for (int i = 0; i < sims.length; i++) {
            excluded[i] |= sims[i] <= 0;
        }
        for (int i : TopN.select(sims, excluded, n)) {
            if (out.size() >= n) {
                break;
            }
            out.putIfAbsent(data.itemId(i), new Recommendation(data.itemId(i), sims[i],
                    withRating("similar to " + title, i)));
        }
    }

    /** The list with its poorly rated items moved after the others, each part in its own order. */
    private List<Recommendation> poorLast(java.util.Collection<Recommendation> list) {
        List<Recommendation> good = new ArrayList<>(list.size());
        List<Recommendation> demoted = new ArrayList<>();
        for (Recommendation r : list) {
            (data.ratings().isPoor(r.itemId()) ? demoted : good).add(r);
        }
        good.addAll(demoted);
        return good;
    }

    /** The item's rating summary for the API; null when nobody reviewed it. */
    private RatingSummary ratingOf(String itemId) {
        return data.ratings().summary(itemId).map(s -> new RatingSummary(s.count(), s.average(), s.bayesian()))
                .orElse(null);
    }

    private String title(int item) {
        String title = data.item(item).title();
        return title != null && !title.isBlank() ? title : data.itemId(item);
    }

    /** Items in index order that the filters never block (listed products in stock); for tests and reports. */
    int[] recommendableItems() {
        return IntStream.range(0, blocked.length).filter(i -> !blocked[i]).toArray();
    }

    @Override
    public String toString() {
        return "RecommendationBuilder[" + model.algorithm() + ", " + Arrays.toString(new int[]{data.userCount(),
                data.itemCount()}) + "]";
    }
}
