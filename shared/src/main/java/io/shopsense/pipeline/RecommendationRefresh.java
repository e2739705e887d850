package io.shopsense.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.EvaluationResult;
import io.shopsense.recommend.InteractionData;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.recommend.ItemRatings;
import io.shopsense.recommend.RatingSettings;
import io.shopsense.model.Review;
import io.shopsense.assistant.TopWords;
import io.shopsense.model.Item;
import io.shopsense.recommend.NestedSelection;
import io.shopsense.recommend.PopularityRecommender;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.RepeatPolicy;
import io.shopsense.recommend.SelectionReport;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.RecommendationStore.BuildStamp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly recommendation build (build-recommendations and {@code ./shopsense} share it): reads the clean events
 * and catalogue, chooses the shop's algorithm, hyper-parameters and blend weights by nested temporal validation
 * ({@link NestedSelection}: fitted on the history before the last {@code holdoutDays}, judged on those days), refits
 * the choice on everything, precomputes the top-N per customer (plus the cold-start list), the
 * similar items per item and the catalogue rows into the tables, then writes the evaluation report and, last, the
 * model artefact.
 *
 * <p>Idempotent: the model version is a fingerprint of the input objects (keys and ETags) and the settings, and the
 * model artefact is written only after the tables and the report; a run whose fingerprint matches the newest
 * artefact changes nothing. A run that failed half-way has no artefact, so its retry rebuilds everything, and every
 * written value is a function of the input and the run's logical time (the schedule's time), so identical data gives
 * identical rows.
 */
public final class RecommendationRefresh {
    /** Bumped when the build's output changes shape, so old artefacts do not suppress a rebuild. */
    private static final String FORMAT = "recommendations-3";
    private static final ObjectWriter SORTED = Json.MAPPER.writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).with(SerializationFeature.INDENT_OUTPUT);

    /**
     * How a shop's recommendations are built.
     *
     * @param holdoutDays    days of the validation window (ending with the latest event's day) on which the
     *                       algorithm, its hyper-parameters and the blend weights are chosen
     * @param mode           whether bought items may come back, in the evaluation and in the served lists
     * @param listLength     items per customer (top-N)
     * @param similarLength  similar items per item
     * @param minCustomers   distinct customers an item needs before it is called popular or trending
     * @param ratings        how star ratings weight interactions and demote poorly rated items (issue #17)
     */
    public record Settings(int holdoutDays, EvaluationMode mode, InteractionWeights weights, int listLength,
                           int similarLength, int minCustomers, RatingSettings ratings) {
        public Settings {
            if (holdoutDays < 1 || listLength < 1 || similarLength < 1 || minCustomers < 1) {
                throw new IllegalArgumentException(
                        "holdoutDays, listLength, similarLength and minCustomers must be positive");
            }
            java.util.Objects.requireNonNull(ratings, "ratings");
        }

        /** With the default rating settings ({@link RatingSettings#defaults()}). */
        public Settings(int holdoutDays, EvaluationMode mode, InteractionWeights weights, int listLength,
                        int similarLength, int minCustomers) {
            this(holdoutDays, mode, weights, listLength, similarLength, minCustomers, RatingSettings.defaults());
        }

        /** With the default minimum of distinct customers ({@link PopularityRecommender#DEFAULT_MIN_CUSTOMERS}). */
        public Settings(int holdoutDays, EvaluationMode mode, InteractionWeights weights, int listLength,
                        int similarLength) {
            this(holdoutDays, mode, weights, listLength, similarLength, PopularityRecommender.DEFAULT_MIN_CUSTOMERS);
        }

        /** The serving filter of the mode: bought items always come back, or never do. */
        public RepeatPolicy repeatPolicy() {
            return mode.servingPolicy();
        }
    }

    /**
     * What one run did.
     *
     * @param status {@code built}, {@code unchanged} (the newest model was built from the same input) or
     *               {@code no-data} (no clean events yet)
     */
    public record Outcome(String status, String modelVersion, String algorithm, int users, int items,
                          String modelKey, String reportKey, EvaluationResult chosen) {
    }

    /**
     * The model artefact: enough to reproduce the build and to know what the tables hold.
     *
     * @param splitAt    start of the validation window
     * @param evaluation the served list's validation figures (every tuned algorithm and the tuned hybrid)
     * @param selection  the whole nested selection: window, every setting tried, both lists' choices
     */
    public record ModelArtefact(String format, String modelVersion, Instant builtAt, String algorithm,
                                Map<String, Object> parameters, String chosenBy, Settings settings,
                                RepeatPolicy repeatPolicy, Instant splitAt, Instant referenceTime, int events,
                                int users, int items, String coldStartUser, List<String> inputs,
                                SelectionReport evaluation, NestedSelection.Report selection,
                                RatingsUsed ratings) {
    }

    /**
     * What the reviews contributed to a build (issue #17).
     *
     * @param reviews      reviews counted (each customer's latest per item, erased customers left out)
     * @param shopMean     their mean rating (the Bayesian prior's centre); null without reviews
     * @param itemsRated   items with at least one review
     * @param itemsDemoted items whose rating is poor with enough reviews
     * @param worstRated   the {@value #WORST_RATED} worst Bayesian averages among items with enough reviews, with
     *                     the words their low (1-2 star) reviews use most: the dashboard's reviews panel
     */
    public record RatingsUsed(int reviews, Double shopMean, int itemsRated, int itemsDemoted,
                              List<RatedItem> worstRated) {
    }

    /** One item of {@link RatingsUsed#worstRated}: its ratings, whether it is demoted, and its low reviews' words. */
    public record RatedItem(String itemId, String title, int count, double average, double bayesian, boolean demoted,
                            int lowReviews, List<TopWords.WordCount> lowReviewWords) {
    }

    static final int WORST_RATED = 10;
    private static final int WORDS_PER_ITEM = 8;

    private final ObjectStore bucket;
    private final RecommendationStore tables;
    private final Settings settings;
    private final Erasures erasures;

    public RecommendationRefresh(ObjectStore bucket, RecommendationStore tables, Settings settings,
                                 Erasures erasures) {
        this.erasures = erasures;
        this.bucket = bucket;
        this.tables = tables;
        this.settings = settings;
    }

    /** The function's refresh: data bucket, the three tables and the settings the template gives it. */
    public static RecommendationRefresh fromWiring(Wiring wiring) {
        return new RecommendationRefresh(wiring.dataBucket(), wiring.recommendationStore(),
                wiring.recommendationSettings(), wiring.erasures());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Builds (or confirms) the recommendations as of {@code runAt}, the run's logical time: it names the dated
     * artefacts and stamps the rows, so a retried invocation of the same schedule tick writes the same bytes.
     */
    public Outcome refresh(Instant runAt) throws IOException {
        List<ObjectStore.ObjectInfo> inputs = new ArrayList<>(TrainingData.cleanObjects(bucket,
                TrainingData.EVENTS_PREFIX));
        inputs.addAll(TrainingData.cleanObjects(bucket, TrainingData.CATALOG_PREFIX));
        inputs.addAll(TrainingData.cleanObjects(bucket, ReviewRows.PREFIX));
        String version = fingerprint(inputs);
        Optional<ModelArtefact> newest = newestModel();
        if (newest.isPresent() && newest.get().modelVersion().equals(version)) {
            ModelArtefact model = newest.get();
            return new Outcome("unchanged", version, model.algorithm(), model.users(), model.items(),
                    Layout.recommendationModelKey(model.builtAt().atOffset(ZoneOffset.UTC).toLocalDate()),
                    Layout.recommendationReportKey(model.builtAt().atOffset(ZoneOffset.UTC).toLocalDate()),
                    model.evaluation().chosen());
        }
        io.shopsense.security.ErasedCustomers erased = erasures.load();
        TrainingData data = TrainingData.read(bucket).without(erased);
        List<Review> reviews = ReviewRows.read(bucket, erased::contains);
        Optional<Instant> latest = data.latestEvent();
        if (latest.isEmpty()) {
            return new Outcome("no-data", version, null, 0, 0, null, null, null);
        }
        Instant end = RecommendationTables.historyEnd(latest.get());
        List<Item> listed = data.listedItems();
        NestedSelection.Result selection = RecommendationTables.select(data.events(), listed, reviews, end, settings);
        Recommender chosen = selection.forMode(settings.mode());
        NestedSelection.ListReport served = selection.report().forMode(settings.mode());
        SelectionReport report = served.asSelectionReport(selection.report().skipped());
        String chosenBy = served.chosenBy().equals("validation")
                ? "nested validation: best nDCG@10 on the last " + settings.holdoutDays() + " days, refitted on all"
                : served.chosenBy();

        RecommendationTables.Trained trained = RecommendationTables.train(data.events(), listed, reviews,
                latest.get(), chosen, settings);
        InteractionData all = trained.interactions();
        ItemRatings ratings = trained.ratings();
        BuildStamp stamp = new BuildStamp(version, runAt.truncatedTo(ChronoUnit.SECONDS));
        RecommendationTables.of(trained.builder(), data.catalogue(), settings).writeTo(tables, stamp);

        LocalDate date = runAt.atOffset(ZoneOffset.UTC).toLocalDate();
        String reportKey = Layout.recommendationReportKey(date);
        String modelKey = Layout.recommendationModelKey(date);
        bucket.put(reportKey, bytes(selection.report()), "application/json");
        ModelArtefact artefact = new ModelArtefact(FORMAT, version, stamp.builtAt(), chosen.name(),
                chosen.parameters(), chosenBy, settings, settings.repeatPolicy(), selection.report().validationFrom(),
                latest.get(), data.events().size(), all.userCount(), all.itemCount(),
                RecommendationStore.COLD_START_USER, inputs.stream().map(ObjectStore.ObjectInfo::key).toList(), report,
                selection.report(), ratingsUsed(ratings, listed));
        bucket.put(modelKey, bytes(artefact), "application/json");   // last: its presence marks a complete build
        return new Outcome("built", version, chosen.name(), all.userCount(), all.itemCount(), modelKey, reportKey,
                report.chosen());
    }

    private static RatingsUsed ratingsUsed(ItemRatings ratings, List<Item> listed) {
        long demoted = listed.stream().filter(item -> ratings.isPoor(item.itemId())).count();
        Map<String, String> titles = new java.util.HashMap<>();
        listed.forEach(item -> titles.put(item.itemId(), item.title()));
        Map<String, List<String>> lowTexts = new java.util.HashMap<>();
        for (Review r : ratings.counted()) {
            if (r.rating() <= 2) {
                lowTexts.computeIfAbsent(r.itemId(), k -> new ArrayList<>())
                        .add((r.title() == null ? "" : r.title()) + "\n" + (r.body() == null ? "" : r.body()));
            }
        }
        List<RatedItem> worst = new ArrayList<>();
        for (Map.Entry<String, ItemRatings.Summary> e : ratings.worstFirst()) {
            ItemRatings.Summary s = e.getValue();
            if (worst.size() == WORST_RATED) {
                break;
            }
            if (s.count() < ratings.settings().minReviews()) {
                continue;
            }
            List<String> low = lowTexts.getOrDefault(e.getKey(), List.of());
            worst.add(new RatedItem(e.getKey(), titles.get(e.getKey()), s.count(), s.average(), s.bayesian(),
                    ratings.isPoor(e.getKey()), low.size(), TopWords.of(low, WORDS_PER_ITEM)));
        }
        return new RatingsUsed(ratings.reviewCount(), ratings.isEmpty() ? null : ratings.shopMean(),
                ratings.worstFirst().size(), (int) demoted, worst);
    }

    /** The newest complete build's artefact, if any (dated keys sort by date). */
    private Optional<ModelArtefact> newestModel() throws IOException {
        Optional<String> key = bucket.list(Layout.RECOMMENDATION_MODELS).stream().map(ObjectStore.ObjectInfo::key)
                .filter(k -> k.endsWith(".json")).reduce((first, second) -> second);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = bucket.open(key.get())) {
            return Optional.of(Json.MAPPER.readValue(in, ModelArtefact.class));
        } catch (com.fasterxml.jackson.core.JacksonException unreadable) {
            return Optional.empty();   // an artefact of another format: rebuild
        }
    }

    /** SHA-256 over the format, the settings and every input object's key, size and ETag; 20 hex digits. */
    private String fingerprint(List<ObjectStore.ObjectInfo> inputs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((FORMAT + "\n" + SORTED.writeValueAsString(settings) + "\n").getBytes(StandardCharsets.UTF_8));
            for (ObjectStore.ObjectInfo info : inputs) {
                sha.update((info.key() + "\t" + info.size() + "\t" + info.eTag() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return SORTED.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
