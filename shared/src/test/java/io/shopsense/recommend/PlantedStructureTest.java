package io.shopsense.recommend;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlantedStructureTest {

    private static final PlantedDataset SHOP = PlantedDataset.generate(600, 200, 6, 30, 0.8, 120, 7L);

    private static SelectionReport evaluate(List<Recommender> algorithms, EvaluationMode mode) {
        TemporalSplit split = TemporalSplit.at(SHOP.events(), SHOP.end().minus(Duration.ofDays(20)));
        return ModelSelection.evaluate(algorithms, split, SHOP.catalogue(), InteractionWeights.defaults(), mode);
    }

    @Test
    void everyLearningAlgorithm_beatsPopularityOnPlantedClusters() {
        SelectionReport report = evaluate(List.of(
                new PopularityRecommender(30),
                ItemKnnRecommender.defaults(),
                new IalsRecommender(new IalsRecommender.Config(16, 5, 1, 1, 3, 1L)),
                new EaseRecommender(100, 1000),
                new ContentRecommender(),
                ModelSelection.defaultHybrid()), EvaluationMode.BOUGHT_EXCLUDED);

        double popularity = report.results().get(0).ndcgAt10();
        assertThat(report.results()).hasSize(6);
        assertThat(report.results().subList(1, 6))
                .allSatisfy(r -> assertThat(r.ndcgAt10()).as(r.algorithm()).isGreaterThan(popularity * 1.2));
        assertThat(report.chosen().algorithm()).isNotEqualTo("popularity");
    }

    @Test
    void selection_skipsEaseBeyondItsLimitAndReportsIt() {
        SelectionReport report = evaluate(List.of(new PopularityRecommender(30), new EaseRecommender(100, 10)),
                EvaluationMode.REPEATS_ALLOWED);
        assertThat(report.skipped()).containsExactly("ease");
        assertThat(report.results()).extracting(EvaluationResult::algorithm).containsExactly("popularity");
    }

    @Test
    void generator_scalesUsersAtTheSameDensity() {
        PlantedDataset one = PlantedDataset.generate(1, 1L);
        PlantedDataset four = PlantedDataset.generate(4, 1L);
        assertThat(four.events()).hasSize(4 * one.events().size());
        assertThat(four.catalogue()).hasSize(one.catalogue().size());
    }

    @Test
    void ials_isDeterministicForASeed() {
        InteractionData data = InteractionData.from(SHOP.events(), SHOP.catalogue());
        var config = new IalsRecommender.Config(8, 3, 1, 1, 3, 5L);
        double[] a = new double[data.itemCount()];
        double[] b = new double[data.itemCount()];
        new IalsRecommender(config).fit(data).score(3, a);
        new IalsRecommender(config).fit(data).score(3, b);
        assertThat(a).containsExactly(b);
    }
}
