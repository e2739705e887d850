package io.shopsense.local.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.DeadLetters.DeadLetter;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.TestClouds;
import io.shopsense.model.Profile;
import io.shopsense.model.Item;
import io.shopsense.model.Recommendation;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import io.shopsense.store.dynamodb.DynamoProfileStore;
import io.shopsense.store.dynamodb.DynamoRecommendationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The hand-off proven end to end on the local cloud (docs/architecture.md §7): the same Online Retail sample goes
 * through two clouds in turn, one with the template's thresholds (the Lambda path) and one with
 * {@code SparkRowsThreshold=0} and {@code SparkUploadBytesThreshold=0} (the upload and every nightly job handed off).
 * There clean-upload and the schedules start job runs through the SigV4 StartJobRun call, the runs execute the jobs
 * jar in Spark local mode, and their ends reach load-spark-results through the template's rule; the bucket's clean
 * objects, manifests and ledger, and the tables, must equal the Lambda path's. A run that fails reaches the
 * dead-letter queue.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkHandOffIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = Path.of("../template.yaml");
    /** Two Spark runs in local mode; on a shared 2-core machine at a load of 25 they took more than 8 minutes. */
    private static final Duration RUN = Duration.ofMinutes(16);
    private static LocalCloud spark;
    /** What the Lambda path left, captured before the Spark cloud starts (one dynalite per JVM at a time). */
    private static Map<String, Profile> lambdaProfiles;
    /** Customers whose folded aggregate reached the bound of affinities it keeps (200), on the Lambda path. */
    private static java.util.Set<String> lambdaAtAffinityBound;
    /** The Lambda path's three recommendation tables: every list (the cold-start one too), similar items, Items. */
    private static Tables lambdaTables;
    private static String lambdaSummary;
    /** The upload's objects and ledger entry on the Lambda path, its source id written as {@link #SOURCE}. */
    private static Map<String, String> lambdaUpload;
    private static final String SOURCE = "{sourceId}";
    private static final String UPLOAD_KEY = "raw/orders/online-retail-sample.csv.gz";

    @BeforeAll
    static void start() throws Exception {
        String nightly = Files.readString(Path.of("../events/scheduled-nightly.json"));
        try (LocalCloud lambda = TestClouds.start(TEMPLATE, "lambdapath")) {
            upload(lambda);
            JsonNode rebuilt = JSON.readTree(lambda.functions().invoke("RebuildProfilesFunction", nightly));
            JsonNode built = JSON.readTree(lambda.functions().invoke("BuildRecommendationsFunction", nightly));
            assertThat(rebuilt.path("customers").asInt()).isGreaterThan(100); // the sample holds 428 customers
            assertThat(built.path("status").asText()).isEqualTo("built");
            lambdaProfiles = profiles(lambda);
            lambdaAtAffinityBound = atAffinityBound(lambda);
            lambdaTables = tables(lambda);
            lambdaSummary = read(lambda, "reports/profiles/summary.json");
            lambdaUpload = uploadOutputs(lambda);
        }
        spark = LocalCloud.start(LocalCloud.Options.builder(TEMPLATE).stackName("sparkpath")
                .parameters(Map.of("SparkRowsThreshold", "0", "SparkUploadBytesThreshold", "0")).noHttpApi().build());
        upload(spark);
    }

    private static void upload(LocalCloud cloud) throws Exception {
        try (var s3 = cloud.s3Client()) {
            s3.putObject(b -> b.bucket(cloud.bucketName()).key(UPLOAD_KEY),
                    RequestBody.fromFile(Path.of("../samples/online-retail-sample.csv.gz")));
        }
        cloud.awaitIdle(Duration.ofMinutes(8)); // 138 partitions folded one by one on a loaded machine
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
    }

    @Test
    @Order(0)
    void pastTheUploadThreshold_theSparkCleanJobCleans_andTheBucketAndLedgerEqualTheLambdaPaths() throws Exception {
        assertThat(spark.functions().logs().records("clean-upload")).filteredOn(r -> r.has("outcome"))
                .anySatisfy(r -> assertThat(r.path("decision").asText())
                        .matches("handed off: \\d+ bytes \\(gzip, about \\d+ of text\\) > threshold 0"));
        assertThat(spark.spark().runsStarted()).isEqualTo(1);

        // the clean objects (whose arrival update-profiles folded), rejects, event ids, manifest and ledger entry
        Map<String, String> sparkUpload = uploadOutputs(spark);
        assertThat(sparkUpload.keySet()).isEqualTo(lambdaUpload.keySet());
        assertThat(sparkUpload).isEqualTo(lambdaUpload);
        assertThat(spark.functions().deadLetters().all()).isEmpty();

        // the same upload delivered again: the ledger the loader wrote finds it done, no second run
        upload(spark);
        assertThat(spark.functions().logs().records("clean-upload")).filteredOn(r -> r.has("outcome"))
                .extracting(r -> r.path("decision").asText()).endsWith("already-done");
        assertThat(spark.spark().runsStarted()).isEqualTo(1);
    }

    @Test
    @Order(1)
    void pastTheThreshold_theNightlyJobsRunOnSpark_andTheTablesEqualTheLambdaPaths() throws Exception {
        String nightly = Files.readString(Path.of("../events/scheduled-nightly.json"));

        JsonNode handedRebuild = JSON.readTree(spark.functions().invoke("RebuildProfilesFunction", nightly));
        JsonNode handedRecs = JSON.readTree(spark.functions().invoke("BuildRecommendationsFunction", nightly));
        // the schedule delivered twice: the same client token finds the same run
        spark.functions().invoke("BuildRecommendationsFunction", nightly);
        spark.awaitIdle(RUN);

        assertThat(handedRebuild.path("customers").asInt()).isZero();
        assertThat(handedRecs.path("status").asText()).isEqualTo("handed-off");
        assertThat(spark.spark().runsStarted()).isEqualTo(3); // the upload's clean run, then the two nightly ones
        assertThat(spark.functions().logs().records("rebuild-profiles")).anySatisfy(record ->
                assertThat(record.path("decision").asText()).matches("handed off: \\d+ rows > threshold 0"));
        assertThat(spark.functions().deadLetters().all()).isEmpty();
        assertThat(spark.functions().logs().records("load-spark-results")).filteredOn(r -> r.has("outcome"))
                .extracting(r -> r.path("outcome").asText()).containsOnly("ok").hasSize(3);

        // profiles: the same customers, segments and RFM cells exactly; every figure equal to rounding (the Lambda
        // path sums each customer's events upload by upload, the job all at once, so sums differ in the last bits)
        Map<String, Profile> sparkProfiles = profiles(spark);
        assertThat(sparkProfiles).hasSameSizeAs(lambdaProfiles);
        sparkProfiles.forEach((userId, profile) -> {
            assertThat(profile.segment()).as(userId).isEqualTo(lambdaProfiles.get(userId).segment());
            assertThat(profile.rfm()).as(userId).isEqualTo(lambdaProfiles.get(userId).rfm());
        });
        // A customer's aggregate keeps its 200 strongest item affinities; folded upload by upload, an item dropped
        // early loses its history, while the job folds every event at once. So the heaviest buyers' item
        // affinities may differ; everyone else's must not.
        assertThat(sparkProfiles).usingRecursiveComparison().ignoringFields(lambdaAtAffinityBound.stream()
                        .map(userId -> userId + ".topItems").toArray(String[]::new))
                .withComparatorForType(SparkHandOffIT::toRounding, Double.class).isEqualTo(lambdaProfiles);
        assertClose(JSON.readTree(read(spark, "reports/profiles/summary.json")), JSON.readTree(lambdaSummary), "summary");

        // recommendations: within the driver line the job chooses and trains as build-recommendations does, so the
        // tables are the Lambda path's: every list (the cold-start one included) with the same items in the same order,
        // the same reasons, names, prices and categories, scores equal to rounding; the same similar items (and their
        // ratings) for every item; the same Items rows (what ?category= and campaign exports read)
        Tables sparkTables = tables(spark);
        assertThat(sparkTables.lists()).containsKey(io.shopsense.store.RecommendationStore.COLD_START_USER)
                .hasSameSizeAs(lambdaTables.lists());
        assertThat(sparkTables.lists().values()).flatMap(UserRecommendations::items)
                .allSatisfy(item -> assertThat(item.category()).isNotNull())
                .extracting(Recommendation::reason).doesNotContain("recommended for you");
        assertThat(sparkTables).usingRecursiveComparison()
                .withComparatorForType(SparkHandOffIT::toRounding, Double.class).isEqualTo(lambdaTables);
    }

    @Test
    @Order(2) // after the equality: its unreadable object would fail every later run
    void aRunThatFails_failsTheLoader_andReachesTheDeadLetterQueue() throws Exception {
        // a clean object the job cannot read: the run fails, EventBridge reports FAILED
        try (var s3 = spark.s3Client()) {
            s3.putObject(b -> b.bucket(spark.bucketName()).key("clean/events/dt=2011-12-31/unreadable.jsonl"),
                    RequestBody.fromString("{\"eventId\": this is not JSON\n"));
        }
        spark.awaitIdle(RUN);
        int before = spark.functions().deadLetters().count();

        spark.functions().invoke("RebuildProfilesFunction", Files.readString(
                Path.of("../events/scheduled-nightly.json")).replace("\"detail\": {}", "\"detail\": {\"asOf\": \"2011-12-09\"}"));
        spark.awaitIdle(RUN);

        List<DeadLetter> letters = spark.functions().deadLetters().all().subList(before,
                spark.functions().deadLetters().count());
        assertThat(letters).filteredOn(l -> l.function().contains("LoadSparkResults")).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.errorMessage()).contains("(profiles) ended FAILED");
                    assertThat(letter.attempts()).isEqualTo(3);
                    assertThat(letter.event()).contains("EMR Serverless Job Run State Change");
                });
        // what the dashboard's data-health panel reads: the loader's last outcome, failed
        assertThat(spark.functions().logs().lastOutcomes().get("load-spark-results"))
                .contains("\"outcome\":\"failed\"").contains("JobRunFailed");
    }

    /**
     * What cleaning the upload left: every object under {@code clean/}, {@code rejects/} and {@code manifests/} (gzip
     * decompressed, event ids in hex) and its ledger entry, with the upload's source id (bucket, key and ETag: the
     * clouds' buckets differ) written as {@link #SOURCE}.
     */
    private static Map<String, String> uploadOutputs(LocalCloud cloud) throws Exception {
        Map<String, String> outputs = new TreeMap<>();
        try (var s3 = cloud.s3Client(); var dynamoDb = cloud.dynamoDbClient()) {
            // the one upload's manifest names its source id
            String sourceId = s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix("manifests/"))
                    .contents().stream().map(o -> o.key()).filter(k -> k.matches("manifests/[^/]+\\.json"))
                    .map(k -> k.substring("manifests/".length(), k.length() - ".json".length()))
                    .reduce((a, b) -> {
                        throw new IllegalStateException("two upload manifests: " + a + ", " + b);
                    }).orElseThrow();
            for (var object : s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName())).contents()) {
                String key = object.key();
                if (!key.startsWith("clean/") && !key.startsWith("rejects/") && !key.startsWith("manifests/")) {
                    continue;
                }
                byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(key)).asByteArray();
                String text = key.endsWith(".gz") ? new String(new java.util.zip.GZIPInputStream(
                        new java.io.ByteArrayInputStream(bytes)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        : key.endsWith(".eventids") ? java.util.HexFormat.of().formatHex(bytes)
                        : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                outputs.put(key.replace(sourceId, SOURCE), text.replace(sourceId, SOURCE));
            }
            var entry = new io.shopsense.store.dynamodb.DynamoIngestionLedger(dynamoDb,
                    cloud.tableName("IngestionsTable"), Duration.ofDays(1), java.time.Clock.systemUTC()).find(sourceId);
            outputs.put("ledger", String.valueOf(entry.orElseThrow()).replace(sourceId, SOURCE));
        }
        return outputs;
    }

    private static java.util.Set<String> atAffinityBound(LocalCloud cloud) {
        java.util.Set<String> users = new java.util.TreeSet<>();
        int bound = io.shopsense.profile.ProfileConfig.defaults().maxAffinityKeys();
        try (var dynamoDb = cloud.dynamoDbClient()) {
            new DynamoProfileStore(dynamoDb, cloud.tableName("ProfilesTable")).scan(stored -> {
                if (stored.aggregate().itemScores().scores().size() >= bound) {
                    users.add(stored.userId());
                }
            });
        }
        return users;
    }

    /** Equal to rounding: a relative difference below 1e-9. */
    private static int toRounding(Double a, Double b) {
        if (a == null || b == null) {
            return a == b ? 0 : 1;
        }
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b))) ? 0 : Double.compare(a, b);
    }

    /** The same JSON, its numbers equal to rounding. */
    private static void assertClose(JsonNode actual, JsonNode expected, String path) {
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path).isTrue();
            assertThat(toRounding(actual.asDouble(), expected.asDouble())).as(path + ": " + actual + " vs " + expected)
                    .isZero();
            return;
        }
        assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        assertThat(actual.size()).as(path).isEqualTo(expected.size());
        if (expected.isObject()) {
            expected.fieldNames().forEachRemaining(name -> assertClose(actual.path(name), expected.get(name),
                    path + "." + name));
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertClose(actual.get(i), expected.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static Map<String, Profile> profiles(LocalCloud cloud) {
        Map<String, Profile> byUser = new TreeMap<>();
        try (var dynamoDb = cloud.dynamoDbClient()) {
            new DynamoProfileStore(dynamoDb, cloud.tableName("ProfilesTable"))
                    .scan(stored -> byUser.put(stored.userId(), stored.profile()));
        }
        return byUser;
    }

    /** The recommendation tables as the API reads them, keyed by user or item id. */
    private record Tables(Map<String, UserRecommendations> lists, Map<String, SimilarItems> similar,
                          Map<String, Item> items) {
    }

    private static Tables tables(LocalCloud cloud) {
        Map<String, UserRecommendations> lists = new TreeMap<>();
        Map<String, SimilarItems> similar = new TreeMap<>();
        Map<String, Item> items = new TreeMap<>();
        try (var dynamoDb = cloud.dynamoDbClient()) {
            var store = new DynamoRecommendationStore(dynamoDb, cloud.tableName("RecommendationsTable"),
                    cloud.tableName("SimilarItemsTable"), cloud.tableName("ItemsTable"));
            dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName("RecommendationsTable"))).items().forEach(row ->
                    lists.put(row.get("userId").s(), store.get(row.get("userId").s()).orElseThrow()));
            dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName("SimilarItemsTable"))).items().forEach(row ->
                    similar.put(row.get("itemId").s(), store.similar(row.get("itemId").s()).orElseThrow()));
            dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName("ItemsTable"))).items().forEach(row ->
                    items.put(row.get("itemId").s(), store.getItem(row.get("itemId").s()).orElseThrow()));
        }
        return new Tables(lists, similar, items);
    }

    private static String read(LocalCloud cloud, String key) throws Exception {
        try (var s3 = cloud.s3Client()) {
            return s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(key)).asUtf8String();
        }
    }
}
