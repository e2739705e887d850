package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.Review;
import io.shopsense.model.SalesCalendar;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.recommend.ItemKnnRecommender;
import io.shopsense.recommend.PlantedDataset;
import io.shopsense.recommend.RatingSettings;
import io.shopsense.store.Json;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the nightly build stores, as the Spark recs job hands it to load-spark-results: the files read back equal what
 * was built (scores, reasons, the cold-start list, similar items with ratings, catalogue rows), and the build's
 * settings pass to the job as JSON unchanged, sales calendar included.
 */
class RecommendationTablesTest {
    private static final RecommendationRefresh.Settings SETTINGS = new RecommendationRefresh.Settings(14,
            EvaluationMode.BOUGHT_EXCLUDED, InteractionWeights.defaults().withSalesCalendar(
                    SalesCalendar.parse("china,08-08=店庆", ZoneId.of("Asia/Shanghai"))), 7, 4, 2,
            new RatingSettings(5, 2, 3.0));

    @TempDir
    Path bucketDir;

    @Test
    void settings_roundTripAsJson_withTheirSalesCalendarAndZone() {
        RecommendationRefresh.Settings read = Json.read(Json.write(SETTINGS), RecommendationRefresh.Settings.class);

        assertThat(read).isEqualTo(SETTINGS);
        assertThat(read.weights().salesCalendar().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(read.weights().salesCalendar().isSaleDay(java.time.LocalDate.parse("2026-08-08"))).isTrue();
    }

    @Test
    void settings_writtenBeforeTheCalendarWasKept_readBackWithNone() {
        String old = Json.write(SETTINGS).replaceAll(",?\"salesDays\":\"[^\"]*\"", "");

        assertThat(Json.read(old, RecommendationRefresh.Settings.class).weights().salesCalendar())
                .isEqualTo(SalesCalendar.NONE);
    }

    @Test
    void tables_builtFromATrainedModel_endWithTheColdStartList_andReadBackEqual() throws Exception {
        PlantedDataset shop = PlantedDataset.generate(1, 7);
        Instant latest = shop.events().stream().map(io.shopsense.model.Event::ts).max(Instant::compareTo)
                .orElseThrow();
        String reviewer = shop.events().get(0).userId();
        String reviewed = shop.catalogue().get(0).itemId();
        List<Review> reviews = List.of(new Review("r1", reviewer, reviewed, 5, "great", "lovely", latest, "s", 1),
                new Review("r2", shop.events().get(1).userId(), reviewed, 4, null, null, latest, "s", 2));
        RecommendationTables.Trained trained = RecommendationTables.train(shop.events(), shop.catalogue(), reviews,
                latest, ItemKnnRecommender.defaults(), SETTINGS);

        RecommendationTables tables = RecommendationTables.of(trained.builder(), shop.catalogue(), SETTINGS);

        assertThat(tables.lists()).hasSize(trained.interactions().userCount() + 1);
        assertThat(tables.lists().get(tables.lists().size() - 1).userId())
                .isEqualTo(RecommendationStore.COLD_START_USER);
        assertThat(tables.lists()).allSatisfy(list -> assertThat(list.items()).hasSizeLessThanOrEqualTo(7));
        assertThat(tables.similar()).isNotEmpty().allSatisfy(s -> assertThat(s.similar()).hasSizeLessThanOrEqualTo(4));
        assertThat(tables.similar()).anySatisfy(s -> assertThat(s.rating()).isNotNull());

        DirectoryObjectStore bucket = new DirectoryObjectStore(bucketDir);
        for (Map.Entry<String, List<String>> file : tables.lines().entrySet()) {
            bucket.put("spark/recs/t/" + file.getKey(), (String.join("\n", file.getValue()) + "\n")
                    .getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
        }
        assertThat(RecommendationTables.read(bucket, "spark/recs/t/")).isEqualTo(tables);
    }
}
