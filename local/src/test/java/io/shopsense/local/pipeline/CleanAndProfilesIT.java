package io.shopsense.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.clean.UploadManifest;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.TestClouds;
import io.shopsense.local.samples.SampleSlice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * clean-upload and update-profiles through the local cloud with the project's template: a raw export dropped in the
 * bucket is cleaned by its S3 trigger, each clean partition folds into Profiles by its trigger, the scheduled rebuild
 * scores everyone, and re-deliveries change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CleanAndProfilesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RAW_KEY = "raw/orders/online retail slice.csv";
    private static LocalCloud cloud;
    private static S3Client s3;
    private static DynamoDbClient dynamoDb;
    private static byte[] slice;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start(Path.of("../template.yaml"), "shopsense");
        s3 = cloud.s3Client();
        dynamoDb = cloud.dynamoDbClient();
        slice = SampleSlice.firstLines(Path.of("../samples/online-retail-sample.csv.gz"), 3001);
    }

    @AfterAll
    static void stop() {
        s3.close();
        dynamoDb.close();
        cloud.close();
    }

    @Test
    @Order(1)
    void rawUpload_isCleaned_andItsEventsFoldIntoProfiles() throws Exception {
        s3.putObject(b -> b.bucket(cloud.bucketName()).key(RAW_KEY), RequestBody.fromBytes(slice));
        cloud.awaitIdle(Duration.ofMinutes(3));

        List<String> keys = keys("");
        String manifestKey = keys.stream().filter(k -> k.startsWith("manifests/") && k.endsWith(".json")).findFirst()
                .orElseThrow();
        UploadManifest manifest = UploadManifest.read(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName())
                .key(manifestKey)).asByteArray());
        assertThat(manifest.input()).isEqualTo(RAW_KEY);
        assertThat(manifest.report().rowsIn()).isEqualTo(3000);
        assertThat(manifest.report().rowsClean() + manifest.report().rowsRejected()).isEqualTo(3000);
        assertThat(keys).anyMatch(k -> k.startsWith("clean/events/dt=2010-12-01/"));
        assertThat(cloud.functions().deadLetters().all()).isEmpty();

        long customers = countCustomers(slice);
        assertThat(profileCount()).isEqualTo(customers);
    }

    @Test
    @Order(2)
    void scheduledRebuild_scoresEveryCustomer_andAReplayedRebuildChangesNothing() throws Exception {
        String event = Files.readString(Path.of("../events/scheduled-nightly.json"));
        String first = cloud.functions().invoke("RebuildProfilesFunction", event);
        assertThat(JSON.readTree(first).path("customers").asLong()).isEqualTo(profileCount());
        Map<String, String> afterFirst = profiles();
        assertThat(afterFirst.values()).allMatch(p -> p.contains("\"segment\""));

        String second = cloud.functions().invoke("RebuildProfilesFunction", event);

        assertThat(JSON.readTree(second).path("updated").asInt()).isZero();
        assertThat(profiles()).isEqualTo(afterFirst);
    }

    @Test
    @Order(3)
    void redeliveredEvents_ofTheRawUploadAndOfACleanObject_changeNothing() throws Exception {
        // The rebuilds above wrote their summary, whose trigger runs build-audiences: snapshot only once it is done,
        // or the listing catches its objects (and S3Proxy's temporary files) half-written.
        cloud.awaitIdle(Duration.ofMinutes(3));
        Map<String, String> before = profiles();
        List<String> objectsBefore = keys("");
        // The same bytes again: same ETag, so the same delivery; clean-upload's ledger skips it.
        s3.putObject(b -> b.bucket(cloud.bucketName()).key(RAW_KEY), RequestBody.fromBytes(slice));
        // A clean object delivered again (copied onto itself creates a new ObjectCreated event).
        String cleanKey = objectsBefore.stream().filter(k -> k.startsWith("clean/events/")).findFirst().orElseThrow();
        s3.copyObject(b -> b.sourceBucket(cloud.bucketName()).sourceKey(cleanKey)
                .destinationBucket(cloud.bucketName()).destinationKey(cleanKey).metadataDirective("REPLACE"));
        cloud.awaitIdle(Duration.ofMinutes(2));

        assertThat(keys("")).isEqualTo(objectsBefore);
        assertThat(profiles()).isEqualTo(before);
    }

    private static long profileCount() {
        return dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName("ProfilesTable")).select("COUNT")).stream()
                .mapToLong(r -> r.count()).sum();
    }

    /** userId → (version, profile JSON): the table's full visible state. */
    private static Map<String, String> profiles() {
        Map<String, String> all = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName("ProfilesTable"))).items().forEach(item ->
                all.put(item.get("userId").s(), item.get("version").n() + " "
                        + item.getOrDefault("profile", AttributeValue.fromS("")).s()));
        return all;
    }

    private static List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    private static long countCustomers(byte[] csv) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        return java.util.Arrays.stream(lines).skip(1).map(l -> l.split(",")).filter(f -> f.length >= 8)
                .map(f -> f[f.length - 2].trim()).filter(c -> !c.isEmpty())
                .collect(Collectors.toSet()).size();
    }
}
