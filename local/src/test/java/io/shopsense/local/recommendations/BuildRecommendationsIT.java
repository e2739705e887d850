package io.shopsense.local.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.TestClouds;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.dynamodb.DynamoRecommendationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Through the local cloud with the project's template: the committed Online Retail sample uploaded to raw/orders/
 * is cleaned by clean-upload (S3 trigger), then the nightly event builds the recommendations into the tables; a
 * replay changes nothing and a forced rebuild on the same data writes identical rows.
 */
class BuildRecommendationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "BuildRecommendationsFunction";
    private static LocalCloud cloud;
    private static S3Client s3;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start(Path.of("../template.yaml"), "recs");
        s3 = cloud.s3Client();
        dynamoDb = cloud.dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        s3.close();
        dynamoDb.close();
        cloud.close();
    }

    @Test
    void nightlyBuild_afterAnUpload_fillsBothTablesWithReasons_andIsIdempotent() throws Exception {
        // given the sample export, cleaned by the S3 trigger
        s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/orders/online-retail-sample.csv.gz"),
                RequestBody.fromFile(Path.of("../samples/online-retail-sample.csv.gz")));
        cloud.awaitIdle(Duration.ofSeconds(60));
        String event = Files.readString(Path.of("../events/scheduled-nightly.json"));

        // when the nightly event fires
        JsonNode built = JSON.readTree(cloud.functions().invoke(FUNCTION, event));

        // then every customer and the cold-start id have a list with reasons, and items have similar items
        assertThat(built.path("status").asText()).isEqualTo("built");
        Map<String, Map<String, AttributeValue>> recommendations = scan("RecommendationsTable", "userId");
        Map<String, Map<String, AttributeValue>> similar = scan("SimilarItemsTable", "itemId");
        assertThat(recommendations).hasSize(built.path("users").asInt() + 1)
                .containsKey(RecommendationStore.COLD_START_USER);
        assertThat(similar).hasSizeGreaterThan(100);
        for (var row : recommendations.values()) {
            JsonNode items = JSON.readTree(row.get("items").s());
            assertThat(items.size()).isEqualTo(50);
            items.forEach(item -> assertThat(item.path("reason").asText()).isNotBlank());
            assertThat(row.get("modelVersion").s()).isEqualTo(built.path("modelVersion").asText());
            assertThat(row.get("builtAt").s()).isEqualTo("2026-11-29T03:00:00Z");
        }
        assertThat(similar.values()).anySatisfy(row ->
                assertThat(row.get("items").s()).contains("\"reason\":\"bought with "));
        assertThat(s3.listObjectsV2(b -> b.bucket(cloud.bucketName()).prefix("models/recommendations/")).contents())
                .extracting(o -> o.key()).containsExactly("models/recommendations/2026-11-29.json");

        // the API's read path: one GetItem per list, unknown ids empty
        DynamoRecommendationStore store = new DynamoRecommendationStore(dynamoDb,
                cloud.tableName("RecommendationsTable"), cloud.tableName("SimilarItemsTable"),
                cloud.tableName("ItemsTable"));
        String someone = recommendations.keySet().iterator().next();
        assertThat(store.get(someone).orElseThrow().items()).hasSize(50);
        assertThat(store.get(RecommendationStore.COLD_START_USER).orElseThrow().algorithm()).isEqualTo("cold-start");
        assertThat(store.get("no-such-customer")).isEmpty();
        String item = similar.keySet().iterator().next();
        assertThat(store.similar(item).orElseThrow().itemId()).isEqualTo(item);
        assertThat(store.getItem(item)).isPresent();
        assertThat(store.similar("no-such-item")).isEmpty();

        // a replay of the same event changes nothing
        JsonNode replay = JSON.readTree(cloud.functions().invoke(FUNCTION, event));
        assertThat(replay.path("status").asText()).isEqualTo("unchanged");
        assertThat(scan("RecommendationsTable", "userId")).isEqualTo(recommendations);

        // and a full rebuild on identical data (artefact removed) writes identical rows
        s3.deleteObject(b -> b.bucket(cloud.bucketName()).key("models/recommendations/2026-11-29.json"));
        JsonNode rebuilt = JSON.readTree(cloud.functions().invoke(FUNCTION, event));
        assertThat(rebuilt.path("status").asText()).isEqualTo("built");
        assertThat(scan("RecommendationsTable", "userId")).isEqualTo(recommendations);
        assertThat(scan("SimilarItemsTable", "itemId")).isEqualTo(similar);
    }

    private static Map<String, Map<String, AttributeValue>> scan(String logicalTable, String key) {
        Map<String, Map<String, AttributeValue>> rows = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName(logicalTable))).items()
                .forEach(item -> rows.put(item.get(key).s(), item));
        return rows;
    }

}
