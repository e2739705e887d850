package io.shopsense.pipeline;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.Event;
import io.shopsense.model.Item;
import io.shopsense.model.ItemNames;
import io.shopsense.model.Review;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import io.shopsense.recommend.InteractionData;
import io.shopsense.recommend.ItemRatings;
import io.shopsense.recommend.NestedSelection;
import io.shopsense.recommend.RecommendationBuilder;
import io.shopsense.recommend.Recommender;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.RecommendationStore.BuildStamp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the nightly recommendation build stores (docs/architecture.md §3): every customer's top-N with scores and
 * reasons, the cold-start list, each listed item's similar items and the catalogue rows ({@code Items}). One
 * definition for both paths: build-recommendations ({@link RecommendationRefresh}) trains, builds and writes it in one
 * go; the Spark recs job trains and builds it the same way and writes it as JSON Lines under the run's output prefix
 * ({@link #lines()}), which load-spark-results reads back ({@link #read}) and writes with the same {@link #writeTo}.
 *
 * @param catalogue the catalogue rows (the latest row per item), which also name the lists' items
 * @param lists     every known customer's list, then the cold-start list ({@link RecommendationStore#COLD_START_USER})
 * @param similar   each listed item's most similar items
 */
public record RecommendationTables(List<Item> catalogue, List<UserRecommendations> lists, List<SimilarItems> similar) {
    /** The files of a Spark run's output prefix, one JSON object per line. */
    public static final String ITEMS_FILE = "items.jsonl";
    public static final String LISTS_FILE = "lists.jsonl";
    public static final String SIMILAR_FILE = "similar.jsonl";

    public RecommendationTables {
        catalogue = List.copyOf(catalogue);
        lists = List.copyOf(lists);
        similar = List.copyOf(similar);
    }

    /** The chosen recommender trained on everything, with what the build reports beside the lists. */
    public record Trained(InteractionData interactions, ItemRatings ratings, RecommendationBuilder builder) {
    }

    /** The end of the history the build validates on: the end of the latest event's day (UTC). */
    public static Instant historyEnd(Instant latestEvent) {
        return latestEvent.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(1));
    }

    /**
     * Chooses the algorithm as the nightly build does: nested temporal validation on the last {@code holdoutDays}
     * before {@code end}, reviews weighing interactions.
     */
    public static NestedSelection.Result select(List<Event> events, List<Item> listed, List<Review> reviews,
                                                Instant end, RecommendationRefresh.Settings settings) {
        return NestedSelection.select(events, listed, settings.weights(), end,
                NestedSelection.Settings.of(settings.holdoutDays()), reviews, settings.ratings());
    }

    /**
     * Trains {@code chosen} on every event as the nightly build serves it: interactions aged from the latest event,
     * every review counted (even one given after the latest event), the settings' repeat policy and minimum of
     * customers for the cold-start list.
     */
    public static Trained train(List<Event> events, List<Item> listed, List<Review> reviews, Instant latest,
                                Recommender chosen, RecommendationRefresh.Settings settings) {
        return train(events, listed, reviews, latest, interactions -> chosen, settings);
    }

    /** The same, with the recommender chosen once the interaction matrix is known (its size decides where it trains). */
    public static Trained train(List<Event> events, List<Item> listed, List<Review> reviews, Instant latest,
                                java.util.function.Function<InteractionData, Recommender> choose,
                                RecommendationRefresh.Settings settings) {
        ItemRatings ratings = ItemRatings.of(reviews, Instant.MAX, settings.ratings());
        InteractionData all = InteractionData.from(events, listed, settings.weights(), latest, ratings);
        return new Trained(all, ratings, RecommendationBuilder.train(all, choose.apply(all), settings.repeatPolicy(),
                settings.minCustomers()));
    }

    /** Every customer's list, the cold-start list and every listed item's similar items, as the settings size them. */
    public static RecommendationTables of(RecommendationBuilder builder, List<Item> catalogue,
                                          RecommendationRefresh.Settings settings) {
        List<UserRecommendations> lists = new ArrayList<>(builder.forAllUsers(settings.listLength()));
        lists.add(builder.forUser(RecommendationStore.COLD_START_USER, settings.listLength()));
        return new RecommendationTables(catalogue, lists, builder.similarItemsForAll(settings.similarLength()));
    }

    /**
     * Writes the catalogue rows, then every list and similar-items row named from them. Names go into the lists as
     * they are written: the API then serves them with no read per item (a batch get per request would double its
     * latency), at the price of a renamed product showing its old name until the next nightly build.
     */
    public void writeTo(RecommendationStore tables, BuildStamp stamp) {
        ItemNames names = ItemNames.of(catalogue);
        tables.putCatalog(catalogue);
        tables.putAll(lists.stream().map(names::named).toList(), stamp);
        tables.putAllSimilar(similar.stream().map(names::named).toList(), stamp);
    }

    /** The three files' lines, by file name: catalogue rows as the clean catalogue writes them, lists as stored. */
    public Map<String, List<String>> lines() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        files.put(ITEMS_FILE, catalogue.stream().map(CanonicalJson::itemLine).toList());
        files.put(LISTS_FILE, lists.stream().map(Json::write).toList());
        files.put(SIMILAR_FILE, similar.stream().map(Json::write).toList());
        return files;
    }

    /** The files {@link #lines()} wrote under {@code prefix} in the bucket; an unreadable line fails the read. */
    public static RecommendationTables read(ObjectStore bucket, String prefix) throws IOException {
        return new RecommendationTables(
                readLines(bucket, prefix + ITEMS_FILE, CanonicalJson::readItem),
                readLines(bucket, prefix + LISTS_FILE, line -> Json.read(line, UserRecommendations.class)),
                readLines(bucket, prefix + SIMILAR_FILE, line -> Json.read(line, SimilarItems.class)));
    }

    private static <T> List<T> readLines(ObjectStore bucket, String key, java.util.function.Function<String, T> reader)
            throws IOException {
        List<T> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(bucket.open(key),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    out.add(reader.apply(line));
                }
            }
        }
        return out;
    }
}
