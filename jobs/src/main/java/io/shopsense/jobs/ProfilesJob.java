package io.shopsense.jobs;

import io.shopsense.model.Event;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import io.shopsense.pipeline.ResultLines;
import io.shopsense.pipeline.TrainingData;
import io.shopsense.profile.CustomerAggregate;
import io.shopsense.profile.CustomerHistory;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.profile.ProfileFolder;
import io.shopsense.profile.ProfileModels;
import io.shopsense.profile.ProfileRebuild;
import io.shopsense.profile.ProfileScorer;
import io.shopsense.store.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The nightly profile rebuild ({@link ProfileRebuild}) as a Spark job: events are shuffled by customer and each
 * customer is folded and scored by the project's own code ({@link ProfileFolder}, {@link ProfileScorer}).
 *
 * <p>The shop-wide models (BG/NBD, Gamma-Gamma, RFM quintile cuts, the engagement standardisation) need every
 * customer at once: they are fitted on the driver, exactly as the Lambda fits them, from each customer's
 * {@link CustomerHistory} (their sufficient statistics: a few numbers per customer, no events), collected in user-id
 * order, so the models, and with them the scores, equal the single-machine rebuild's.
 */
final class ProfilesJob {
    /** What the job produced: profiles in user-id order, the models, and the wall time of the Spark part. */
    /** @param lines the profiles as {@link ResultLines#profileLine} wrote them, in user-id order */
    record Result(List<Profile> profiles, List<String> lines, ProfileModels models) {
        /** Customers per segment, counted as the single-machine rebuild counts them. */
        Map<Segment, Integer> segmentCounts() {
            return new ProfileRebuild.Result(profiles, models, Map.of()).segmentCounts();
        }
    }

    /**
     * The template's two profile settings (AFFINITY_HALF_LIFE_DAYS, MONTHLY_DISCOUNT_RATE); null keeps the default.
     * Primitives, so that the closures Spark ships carry no project object.
     */
    record Settings(Long affinityHalfLifeDays, Double monthlyDiscountRate) implements java.io.Serializable {
        static final Settings DEFAULTS = new Settings(null, null);

        ProfileConfig config() {
            ProfileConfig config = ProfileConfig.defaults();
            if (affinityHalfLifeDays != null) {
                config = config.withAffinityHalfLife(java.time.Duration.ofDays(affinityHalfLifeDays));
            }
            return monthlyDiscountRate == null ? config : config.withMonthlyDiscountRate(monthlyDiscountRate);
        }
    }

    private final SparkSession spark;
    private final Settings settings;

    ProfilesJob(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    Result run(String eventsRoot, LocalDate asOf) {
        Instant end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Settings folding = settings;
        JavaPairRDD<String, CustomerAggregate> aggregates = CleanEvents
                .byCustomer(CleanEvents.lines(spark, eventsRoot, TrainingData.EVENTS_PREFIX))
                .groupByKey(partitions())
                .flatMapValues(lines -> {
                    List<Event> upToAsOf = new ArrayList<>();
                    for (Event event : CleanEvents.inReadOrder(lines)) {
                        if (event.ts().isBefore(end)) {
                            upToAsOf.add(event);
                        }
                    }
                    if (upToAsOf.isEmpty()) {
                        return java.util.Collections.emptyIterator();
                    }
                    String userId = upToAsOf.get(0).userId();
                    return List.of(new ProfileFolder(folding.config()).fold(null, userId, upToAsOf)).iterator();
                })
                // kept as objects (never serialised): scoring below reuses the folds; a lost partition is refolded
                .persist(StorageLevel.MEMORY_ONLY());
        try {
            List<CustomerHistory> histories = new ArrayList<>(aggregates
                    .map(pair -> CustomerHistory.of(pair._2(), asOf)).collect());
            histories.sort(Comparator.comparing(CustomerHistory::userId));
            ProfileModels models = new ProfileRebuild(settings.config()).fitModelsOnHistories(histories, asOf);
            String modelsJson = Json.write(models);
            // scored where they were folded; only the profile lines travel, sorted by user id as the rebuild's
            List<String> lines = aggregates.mapPartitionsToPair(part -> score(part, folding, modelsJson, asOf))
                    .sortByKey().values().collect();
            return new Result(lines.stream().map(line -> Json.read(line, Profile.class)).toList(), lines, models);
        } finally {
            aggregates.unpersist(false);
        }
    }

    /** Scores one partition with the driver's models (sent as the JSON the store keeps them in). */
    private static Iterator<scala.Tuple2<String, String>> score(Iterator<scala.Tuple2<String, CustomerAggregate>> part,
                                                                Settings settings, String modelsJson, LocalDate asOf) {
        ProfileScorer scorer = new ProfileScorer(settings.config(), Json.read(modelsJson, ProfileModels.class));
        List<scala.Tuple2<String, String>> out = new ArrayList<>();
        while (part.hasNext()) {
            scala.Tuple2<String, CustomerAggregate> next = part.next();
            out.add(new scala.Tuple2<>(next._1(), ResultLines.profileLine(scorer.score(next._2(), asOf))));
        }
        return out.iterator();
    }

    private int partitions() {
        return Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    }
}
