package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * optimize-ads through the local cloud with the project's own template: an ad export uploaded to raw/ads/ is
 * cleaned by clean-upload (S3 trigger), the daily schedule's event plans tomorrow into AdPlans and reports/ads/, and a
 * replay of the same event leaves an identical item and identical report bytes.
 */
class OptimizeAdsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPORT = "reports/ads/2024-07-01/spring-sale.json";
    private static LocalCloud cloud;
    private static S3Client s3;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start(Path.of("../template.yaml"), "adsit");
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
    void scheduledRun_plansFromCleanedUploads_andAReplayWritesIdenticalItemAndReport() throws Exception {
        // given the shop's ad export, cleaned by clean-upload on its S3 trigger
        s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/ads/ad-results.csv"),
                RequestBody.fromFile(Path.of("../samples/ad-results.csv")));
        cloud.awaitIdle(Duration.ofSeconds(120));
        assertThat(s3.listObjectsV2(b -> b.bucket(cloud.bucketName()).prefix("clean/ads/")).contents())
                .extracting(S3Object::key).hasSize(28).allMatch(k -> k.endsWith(".jsonl.gz"));
        String event = Files.readString(Path.of("../events/scheduled-daily.json"));

        // when the daily schedule fires
        JsonNode response = JSON.readTree(cloud.functions().invoke("OptimizeAdsFunction", event));

        // then tomorrow's plan is in AdPlans and its report in reports/ads/
        assertThat(response.path("date").asText()).isEqualTo("2024-07-01");
        assertThat(response.at("/campaigns/0/campaignId").asText()).isEqualTo("spring-sale");
        assertThat(response.at("/campaigns/0/historyRows").asInt()).isEqualTo(2688);
        Map<String, AttributeValue> item = plan();
        assertThat(item).containsKeys("allocations", "expectedConversions", "conversionsLow", "conversionsHigh");
        assertThat(Double.parseDouble(item.get("budget").n())).isEqualTo(1000.0);
        assertThat(Double.parseDouble(item.get("allocatedBudget").n())).isCloseTo(1000.0,
                org.assertj.core.data.Offset.offset(1e-6));
        byte[] report = s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(REPORT)).asByteArray();
        assertThat(JSON.readTree(report).path("allocations")).isNotEmpty();

        // and a replay of the same event changes nothing
        cloud.functions().invoke("OptimizeAdsFunction", event);
        assertThat(plan()).isEqualTo(item);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(REPORT)).asByteArray())
                .isEqualTo(report);

        // the next day's run finds this plan (a Query on the sort key) and says what changed since
        String nextDay = event.replace("\"detail\": {}", "\"detail\": {\"date\": \"2024-07-02\"}");
        assertThat(JSON.readTree(cloud.functions().invoke("OptimizeAdsFunction", nextDay)).path("date").asText())
                .isEqualTo("2024-07-02");
        JsonNode next = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName())
                .key("reports/ads/2024-07-02/spring-sale.json")).asByteArray());
        assertThat(next.at("/changes/since").asText()).isEqualTo("2024-07-01");
    }

    private static Map<String, AttributeValue> plan() {
        return dynamoDb.getItem(b -> b.tableName(cloud.tableName("AdPlansTable")).consistentRead(true)
                .key(Map.of("campaignId", AttributeValue.fromS("spring-sale"),
                        "date", AttributeValue.fromS("2024-07-01")))).item();
    }
}
