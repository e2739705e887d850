package io.shopsense.jobs;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.Event;
import io.shopsense.model.Item;
import io.shopsense.model.Recommendation;
import io.shopsense.model.UserRecommendations;
import io.shopsense.model.Review;
import io.shopsense.pipeline.RecommendationRefresh;
import io.shopsense.pipeline.RecommendationTables;
import io.shopsense.pipeline.ResultLines;
import io.shopsense.pipeline.TrainingData;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.InteractionData;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.recommend.ModelSelection;
import io.shopsense.recommend.NestedSelection;
import io.shopsense.recommend.RecommendationBuilder;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.RepeatPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Recommendation training, top-N and similar items as a Spark job. Where the line is (docs/architecture.md §7): the
 * events are read, parsed and split in parallel; the interaction matrix, top-N, the repeat policy and similar items are
 * the project's own code on the driver (memory linear in the pairs). Training is the part that grows past one machine:
 * up to {@code driverMaxPairs} user-item pairs and {@code driverMaxItems} items the driver runs the Lambda's nested
 * selection (EASE's item limit and the in-process iALS budget), so the lists equal {@code ./shopsense recs predict};
 * past either, Spark MLlib's implicit ALS trains on the executors ({@link SparkAlsRecommender}).
 */
final class RecsJob {
    /** What a run is asked for. */
    /** @param algorithm {@link #NESTED} (the default, as the command line's) or a standard algorithm's name */
    /**
     * @param referenceAtLatest whether the served lists' interactions are aged from the latest training event, as the
     *                          nightly build (build-recommendations) ages them, rather than from the split
     */
    record Settings(Instant splitAt, int k, boolean excludePurchased, String algorithm, int validationDays,
                    long driverMaxPairs, int driverMaxItems, SparkAlsRecommender.Settings als,
                    boolean referenceAtLatest) {
        /** Beyond these the driver does not train: 20 M pairs (about 1 GB of CSR with its transpose), 20,000 items. */
        static Settings of(Instant splitAt, int k, boolean excludePurchased) {
            return new Settings(splitAt, k, excludePurchased, NESTED, 28, 20_000_000L, 20_000,
                    SparkAlsRecommender.Settings.DEFAULTS, false);
        }

        Settings withDriverLimits(long pairs, int items) {
            return new Settings(splitAt, k, excludePurchased, algorithm, validationDays, pairs, items, als,
                    referenceAtLatest);
        }

        Settings withAlgorithm(String name) {
            return new Settings(splitAt, k, excludePurchased, name, validationDays, driverMaxPairs, driverMaxItems,
                    als, referenceAtLatest);
        }

        /** The nightly build's reference time (a handed-off build-recommendations, pipeline.SparkHandOff). */
        Settings withReferenceAtLatest(boolean latest) {
            return new Settings(splitAt, k, excludePurchased, algorithm, validationDays, driverMaxPairs,
                    driverMaxItems, als, latest);
        }
    }

    /** The command line's default: chosen, tuned and blended by nested validation on the days before the split. */
    static final String NESTED = "nested";

    /**
     * @param lines   top-K per customer as {@link ResultLines#recommendationLine}, in the builder's user order
     * @param similar the most similar items per listed item, the same line shape with {@code itemId} as the key
     * @param trainer "driver" (the project's selection) or "spark-als"
     */
    record Result(List<String> lines, List<String> similar, String algorithm, String trainer, int users, int items,
                  long pairs, long trainEvents) {
    }

    private final SparkSession spark;

    RecsJob(SparkSession spark) {
        this.spark = spark;
    }

    Result run(String eventsRoot, Settings settings) {
        JavaRDD<EventLine> all = CleanEvents.lines(spark, eventsRoot, TrainingData.EVENTS_PREFIX).cache();
        try {
            Input input = read(eventsRoot, all, settings.splitAt());
            List<Event> train = input.train();
            List<Item> listed = input.listed();
            Instant reference = !settings.referenceAtLatest() ? settings.splitAt() : input.latest();
            InteractionData interactions = InteractionData.from(train, listed, InteractionWeights.defaults(),
                    reference);
            long pairs = interactions.confidence().nnz();
            boolean onDriver = onDriver(interactions, settings);
            EvaluationMode mode = settings.excludePurchased() ? EvaluationMode.BOUGHT_EXCLUDED
                    : EvaluationMode.REPEATS_ALLOWED;
            Recommender chosen = !onDriver ? new SparkAlsRecommender(spark, settings.als())
                    : settings.algorithm().equals(NESTED)
                    ? NestedSelection.select(train, listed, InteractionWeights.defaults(), settings.splitAt(),
                            NestedSelection.Settings.of(settings.validationDays())).forMode(mode)
                    : standard(settings.algorithm());
            RepeatPolicy policy = settings.excludePurchased() ? RepeatPolicy.neverRepeat() : RepeatPolicy.alwaysRepeat();
            RecommendationBuilder builder = RecommendationBuilder.train(interactions, chosen, policy);
            List<String> lines = new ArrayList<>();
            for (UserRecommendations list : builder.forAllUsers(settings.k())) {
                lines.add(ResultLines.recommendationLine(list.userId(), itemIds(list.items())));
            }
            List<String> similar = builder.similarItemsForAll(settings.k()).stream()
                    .map(s -> ResultLines.similarItemsLine(s.itemId(), itemIds(s.similar()))).toList();
            return new Result(lines, similar, chosen.name(), onDriver ? "driver" : "spark-als",
                    interactions.userCount(), interactions.itemCount(), pairs, train.size());
        } finally {
            all.unpersist(false);
        }
    }

    /**
     * What a handed-off build-recommendations stores (pipeline.SparkHandOff): the lists with their scores and reasons,
     * the cold-start list, similar items and the catalogue rows, built by the nightly build's own code
     * ({@link RecommendationTables}) with its settings and the shop's reviews, interactions aged from the latest event.
     * Within the driver line the same nested selection chooses the algorithm, so the tables equal the Lambda path's;
     * past it MLlib's ALS is the chosen model and the rest (reasons, cold start, similar items, rating demotion) is
     * unchanged.
     *
     * <p>As the function, it trains on every event and validates on the days before the end of the latest event's
     * day, whatever date the run was started for (live events may be later than the uploads the hand-off dated it by).
     *
     * @param limits the driver line and MLlib's settings; its split, k and mode are not used
     */
    Nightly nightly(String eventsRoot, Settings limits, RecommendationRefresh.Settings nightly) {
        JavaRDD<EventLine> all = CleanEvents.lines(spark, eventsRoot, TrainingData.EVENTS_PREFIX).cache();
        try {
            Input input = read(eventsRoot, all, Instant.ofEpochMilli(Long.MAX_VALUE));
            Instant end = RecommendationTables.historyEnd(input.latest());
            List<Review> reviews = CleanEvents.reviews(spark, eventsRoot);
            boolean[] onDriver = new boolean[1];
            RecommendationTables.Trained trained = RecommendationTables.train(input.train(), input.listed(), reviews,
                    input.latest(), interactions -> {
                        onDriver[0] = onDriver(interactions, limits);
                        return !onDriver[0] ? new SparkAlsRecommender(spark, limits.als())
                                : RecommendationTables.select(input.train(), input.listed(), reviews, end,
                                        nightly).forMode(nightly.mode());
                    }, nightly);
            RecommendationTables tables = RecommendationTables.of(trained.builder(), input.catalogue(), nightly);
            InteractionData interactions = trained.interactions();
            return new Nightly(tables, trained.builder().algorithm(), onDriver[0] ? "driver" : "spark-als",
                    interactions.userCount(), interactions.itemCount(), interactions.confidence().nnz(),
                    input.train().size(), reviews.size());
        } finally {
            all.unpersist(false);
        }
    }

    /** A nightly run's tables and figures. */
    record Nightly(RecommendationTables tables, String algorithm, String trainer, int users, int items, long pairs,
                   long trainEvents, int reviews) {
    }

    /** The events before the split in read order, the catalogue, the items lists may name and the latest event. */
    private record Input(List<Event> train, List<Item> catalogue, List<Item> listed, Instant latest) {
    }

    private Input read(String eventsRoot, JavaRDD<EventLine> all, Instant splitAt) {
        long splitMillis = splitAt.toEpochMilli();
        List<Event> train = inReadOrder(all.filter(line -> CanonicalJson.readEvent(line.json()).ts()
                .toEpochMilli() < splitMillis).collect());
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no events before " + splitAt + " to train on");
        }
        List<Item> catalogue = CleanEvents.catalogue(spark, eventsRoot);
        return new Input(train, catalogue, listedItems(catalogue, all),
                train.stream().map(Event::ts).max(Instant::compareTo).orElseThrow());
    }

    /** Whether the project's code trains on the driver: within its pairs and items (EASE's item limit). */
    private static boolean onDriver(InteractionData interactions, Settings settings) {
        return interactions.confidence().nnz() <= settings.driverMaxPairs()
                && interactions.itemCount() <= settings.driverMaxItems();
    }

    private static Recommender standard(String name) {
        return ModelSelection.standardAlgorithms().stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown --algorithm " + name + "; one of " + NESTED
                        + ", " + ModelSelection.standardAlgorithms().stream().map(Recommender::name).toList()));
    }

    /** The events in the order the command line reads them, each live event once (as {@link TrainingData#read}). */
    private static List<Event> inReadOrder(List<EventLine> lines) {
        List<EventLine> sorted = new ArrayList<>(lines);
        Collections.sort(sorted);
        return CleanEvents.inReadOrder(sorted);
    }

    /**
     * {@link TrainingData#listedItems}: the catalogue, or for a shop without one the items its uploads name, in the order
     * they first appear (found in parallel: the first line per item).
     */
    private static List<Item> listedItems(List<Item> catalogue, JavaRDD<EventLine> all) {
        if (!catalogue.isEmpty()) {
            return catalogue;
        }
        List<Tuple2<String, EventLine>> firsts = new ArrayList<>(all.mapToPair(line -> {
                    Event event = CanonicalJson.readEvent(line.json());
                    return new Tuple2<>(event.sourceId() == null ? "" : event.itemId(), line);
                }).filter(pair -> !pair._1().isEmpty())
                .reduceByKey((a, b) -> a.compareTo(b) <= 0 ? a : b).collect());
        firsts.sort((a, b) -> a._2().compareTo(b._2()));
        Set<String> seen = new HashSet<>();
        List<Item> items = new ArrayList<>();
        for (Tuple2<String, EventLine> first : firsts) {
            if (seen.add(first._1())) {
                items.add(new Item(first._1(), null, null, 0, true, true));
            }
        }
        return items;
    }

    private static List<String> itemIds(List<Recommendation> items) {
        return items.stream().map(Recommendation::itemId).toList();
    }
}
