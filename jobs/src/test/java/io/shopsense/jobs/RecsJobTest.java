package io.shopsense.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.Event;
import io.shopsense.model.Recommendation;
import io.shopsense.model.UserRecommendations;
import io.shopsense.pipeline.RecommendationRefresh;
import io.shopsense.pipeline.RecommendationTables;
import io.shopsense.pipeline.ResultLines;
import io.shopsense.pipeline.TrainingData;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.EvaluationResult;
import io.shopsense.recommend.IalsRecommender;
import io.shopsense.recommend.InteractionData;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.recommend.ModelSelection;
import io.shopsense.recommend.RecommendationBuilder;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.RepeatPolicy;
import io.shopsense.recommend.TemporalSplit;
import io.shopsense.store.Json;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Spark recommendation job against {@code ./shopsense recs predict} on the sample shop. */
class RecsJobTest {
    private static final Instant SPLIT = Instant.parse("2011-11-01T00:00:00Z");
    private static final int K = 10;

    /**
     * Item-kNN rather than the default nested selection keeps the test to seconds; the selection runs on the driver in
     * the same code either way (bench/ compares the default on the full Online Retail file).
     */
    @Test
    void recs_withinTheDriverLine_equalTheCommandLinesLists() throws Exception {
        TrainingData data = TrainingData.read(new DirectoryObjectStore(SampleShop.cleanRoot()));

        RecsJob.Result spark = new RecsJob(SampleShop.spark()).run(SampleShop.cleanRoot().toString(),
                RecsJob.Settings.of(SPLIT, K, false).withAlgorithm("item-knn"));

        assertThat(spark.trainer()).isEqualTo("driver");
        assertThat(spark.lines()).hasSizeGreaterThan(250).isEqualTo(commandLine(data));
        assertThat(spark.similar()).isNotEmpty();
    }

    @Test
    void recs_pastTheDriverLine_trainSparkAls_asWellAsTheProjectsIals() throws Exception {
        TrainingData data = TrainingData.read(new DirectoryObjectStore(SampleShop.cleanRoot()));
        List<Event> train = TemporalSplit.at(data.events(), SPLIT).train();

        RecsJob.Result spark = new RecsJob(SampleShop.spark()).run(SampleShop.cleanRoot().toString(),
                RecsJob.Settings.of(SPLIT, K, true).withDriverLimits(0, 0));

        assertThat(spark.trainer()).isEqualTo("spark-als");
        // bought: still owned on balance (net of refunds), the project's definition of a purchase to exclude
        InteractionData interactions = InteractionData.from(train, data.listedItems(), InteractionWeights.defaults(),
                SPLIT);
        Map<String, Set<String>> bought = new java.util.HashMap<>();
        for (int u = 0; u < interactions.userCount(); u++) {
            for (int p = interactions.purchases().rowStart(u); p < interactions.purchases().rowEnd(u); p++) {
                if (interactions.purchases().value(p) > 0) {
                    bought.computeIfAbsent(interactions.userId(u), x -> new HashSet<>())
                            .add(interactions.itemId(interactions.purchases().col(p)));
                }
            }
        }
        for (String line : spark.lines()) {
            Map<?, ?> list = Json.read(line, Map.class);
            List<String> items = ((List<?>) list.get("items")).stream().map(String::valueOf).toList();
            Set<String> owned = bought.getOrDefault((String) list.get("userId"), Set.of());
            assertThat(items).hasSize(K).noneMatch(owned::contains);
        }
        // quality on the temporal hold-out (the month after the split), bought items excluded
        List<Recommender> peers = List.of(new SparkAlsRecommender(SampleShop.spark(),
                SparkAlsRecommender.Settings.DEFAULTS), new IalsRecommender(IalsRecommender.Config.defaults()));
        List<EvaluationResult> results = ModelSelection.evaluate(peers, TemporalSplit.at(data.events(), SPLIT),
                data.listedItems(), InteractionWeights.defaults(), EvaluationMode.BOUGHT_EXCLUDED, K).results();
        double sparkNdcg = results.get(0).ndcgAt10();
        double projectNdcg = results.get(1).ndcgAt10();
        System.err.printf("nDCG@%d bought excluded: spark-als %.5f, project ials %.5f%n", K, sparkNdcg, projectNdcg);
        assertThat(sparkNdcg).isGreaterThanOrEqualTo(0.9 * projectNdcg);
    }

    /**
     * A handed-off nightly build past the driver line: MLlib's ALS is the model, and everything that does not depend
     * on it equals what build-recommendations' code stores (the cold-start list, similar items, Items rows); the
     * personal lists keep the builder's reasons and scores, with no rank placeholders.
     */
    @Test
    void nightly_pastTheDriverLine_storesWhatTheNightlyBuildStores_butTheModelsOwnLists() throws Exception {
        TrainingData data = TrainingData.read(new DirectoryObjectStore(SampleShop.cleanRoot()));
        Instant latest = data.latestEvent().orElseThrow();
        Instant split = latest.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(1));
        RecommendationRefresh.Settings nightly = new RecommendationRefresh.Settings(28,
                EvaluationMode.REPEATS_ALLOWED, InteractionWeights.defaults(), K, 5);

        RecsJob.Nightly spark = new RecsJob(SampleShop.spark()).nightly(SampleShop.cleanRoot().toString(),
                RecsJob.Settings.of(split, K, false).withDriverLimits(0, 0), nightly);
        RecommendationTables lambda = RecommendationTables.of(RecommendationTables.train(data.events(),
                data.listedItems(), List.of(), latest, new IalsRecommender(IalsRecommender.Config.defaults()),
                nightly).builder(), data.catalogue(), nightly);

        assertThat(spark.trainer()).isEqualTo("spark-als");
        RecommendationTables tables = spark.tables();
        assertThat(tables.catalogue()).isEqualTo(lambda.catalogue());
        assertThat(tables.similar()).isEqualTo(lambda.similar());
        assertThat(tables.lists()).hasSameSizeAs(lambda.lists());
        assertThat(tables.lists().get(tables.lists().size() - 1))
                .isEqualTo(lambda.lists().get(lambda.lists().size() - 1));   // the cold-start list
        assertThat(tables.lists()).extracting(UserRecommendations::userId)
                .isEqualTo(lambda.lists().stream().map(UserRecommendations::userId).toList());
        List<Recommendation> personal = tables.lists().stream().limit(tables.lists().size() - 1)
                .flatMap(list -> list.items().stream()).toList();
        assertThat(personal).isNotEmpty().allSatisfy(item -> assertThat(item.reason()).matches(
                "bought with .+|because you viewed .+|you bought this before|popular in .+|popular with customers"
                        + "|trending"));
        assertThat(personal).hasSizeGreaterThan(100)
                .allSatisfy(item -> assertThat(item.score()).isFinite());
    }

    /** What {@code ./shopsense recs predict --events DIR --split-date … --k 10 --algorithm item-knn} writes. */
    private static List<String> commandLine(TrainingData data) {
        List<Event> train = TemporalSplit.at(data.events(), SPLIT).train();
        Recommender chosen = ModelSelection.standardAlgorithms().stream().filter(r -> r.name().equals("item-knn"))
                .findFirst().orElseThrow();
        InteractionData interactions = InteractionData.from(train, data.listedItems(), InteractionWeights.defaults(),
                SPLIT);
        List<String> lines = new ArrayList<>();
        for (UserRecommendations list : RecommendationBuilder.train(interactions, chosen, RepeatPolicy.alwaysRepeat())
                .forAllUsers(K)) {
            lines.add(ResultLines.recommendationLine(list.userId(), list.items().stream()
                    .map(Recommendation::itemId).toList()));
        }
        return lines;
    }
}
