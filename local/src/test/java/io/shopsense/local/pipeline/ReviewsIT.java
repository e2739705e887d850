package io.shopsense.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.TestClouds;
import io.shopsense.local.samples.SampleSlice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reviews through the local cloud (issue #17): an orders slice, then a reviews export under {@code raw/reviews/} is
 * cleaned into {@code clean/reviews/} against the catalogue the orders made (rows in = clean + rejected), folds into
 * its reviewers' profiles (average rating given, through the API), and the nightly build weighs ratings: a well rated
 * item names its rating in reasons and in its item answer, a poorly rated one comes last in every list holding it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalCloud cloud;
    private static S3Client s3;
    private static DynamoDbClient dynamoDb;
    /** The slice's most bought item, rated 5★ by five customers; the second most bought, rated 1★ by the same. */
    private static String loved;
    private static String poor;
    private static List<String> reviewers;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start(Path.of("../template.yaml"), "shopsense");
        s3 = cloud.s3Client();
        dynamoDb = cloud.dynamoDbClient();
        byte[] slice = SampleSlice.firstLines(Path.of("../samples/online-retail-sample.csv.gz"), 3001);
        Map<String, Set<String>> buyers = new HashMap<>();
        Set<String> customers = new TreeSet<>();
        for (String line : new String(slice, StandardCharsets.UTF_8).lines().skip(1).toList()) {
            String[] f = line.split(",");
            if (line.contains("\"") || f.length < 8 || f[6].isBlank() || f[0].startsWith("C")) {
                continue;   // quoted descriptions and anonymous or cancelled lines are not needed here
            }
            String customer = f[6].replace(".0", "");
            buyers.computeIfAbsent(f[1], k -> new HashSet<>()).add(customer);
            customers.add(customer);
        }
        List<String> byBuyers = buyers.keySet().stream()
                .sorted((a, b) -> buyers.get(b).size() != buyers.get(a).size()
                        ? buyers.get(b).size() - buyers.get(a).size() : a.compareTo(b)).toList();
        loved = byBuyers.get(0);
        poor = byBuyers.get(1);
        reviewers = new ArrayList<>(customers).subList(0, 6);
        s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/orders/slice.csv"), RequestBody.fromBytes(slice));
        cloud.awaitIdle(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        s3.close();
        dynamoDb.close();
        cloud.close();
    }

    @Test
    @Order(1)
    void reviewsUpload_isCleanedAgainstTheCatalogue_andReconciles() throws Exception {
        StringBuilder csv = new StringBuilder("user_id,item_id,rating,title,body,created_at\n");
        for (String r : reviewers.subList(0, 5)) {
            csv.append(r).append(',').append(loved).append(",5,Lovely,Really pretty,2010-12-20 10:00:00\n");
            csv.append(r).append(',').append(poor).append(",1,Broken,\"Arrived broken, poor packaging\",2010-12-20 11:00:00\n");
        }
        String sixth = reviewers.get(5);
        csv.append(sixth).append(',').append(loved).append(",9,Wow,Off the scale,2010-12-21 10:00:00\n");
        csv.append(sixth).append(",NO-SUCH-ITEM,4,Hm,,2010-12-21 10:00:00\n");
        csv.append(reviewers.get(0)).append(',').append(loved).append(",5,Lovely,Really pretty,2010-12-20 10:00:00\n");

        s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/reviews/reviews.csv"),
                RequestBody.fromString(csv.toString()));
        cloud.awaitIdle(Duration.ofMinutes(3));

        JsonNode manifest = manifestOf("raw/reviews/reviews.csv");
        JsonNode report = manifest.path("report");
        assertThat(manifest.path("kind").asText()).isEqualTo("reviews");
        assertThat(manifest.path("itemsCheckedAgainstCatalogue").asBoolean()).isTrue();
        assertThat(report.path("rowsIn").asLong()).isEqualTo(13);
        assertThat(report.path("rowsClean").asLong()).isEqualTo(10);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(3);
        assertThat(JSON.convertValue(report.path("rejectsByReason"), Map.class))
                .isEqualTo(Map.of("BAD_RATING", 1, "UNKNOWN_ITEM", 1, "DUPLICATE", 1));
        assertThat(keys("clean/reviews/")).anyMatch(k -> k.startsWith("clean/reviews/dt=2010-12-20/"));
        assertThat(cloud.functions().deadLetters().all()).isEmpty();
    }

    @Test
    @Order(2)
    void reviewersProfiles_showTheirAverageRatingGiven_throughTheApi() throws Exception {
        JsonNode profile = json(get("/users/" + reviewers.get(0) + "/profile"));

        assertThat(profile.path("ratingsGiven").asInt()).isEqualTo(2);
        assertThat(profile.path("averageRatingGiven").asDouble()).isEqualTo(3.0);   // (5 + 1) / 2
        assertThat(profile.path("frequency").asInt()).isPositive();                   // the orders are still there
    }

    @Test
    @Order(3)
    void nightlyBuild_namesRatingsInReasonsAndItemAnswers_andPutsThePoorlyRatedLast() throws Exception {
        String nightly = Files.readString(Path.of("../events/scheduled-nightly.json"));
        cloud.functions().invoke("RebuildProfilesFunction", nightly);
        String built = cloud.functions().invoke("BuildRecommendationsFunction", nightly);
        assertThat(built).contains("built");

        JsonNode item = json(get("/items/" + loved + "/similar?n=5"));
        assertThat(item.path("rating").path("count").asInt()).isEqualTo(5);
        assertThat(item.path("rating").path("average").asDouble()).isEqualTo(5.0);
        // shop mean (5·5 + 5·1) / 10 = 3, prior 10: (10·3 + 25) / 15
        assertThat(item.path("rating").path("bayesian").asDouble()).isCloseTo(55.0 / 15,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json(get("/users/" + reviewers.get(0) + "/profile")).path("averageRatingGiven").asDouble())
                .isEqualTo(3.0);

        List<List<JsonNode>> lists = new ArrayList<>();
        dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName("RecommendationsTable"))).items().forEach(row -> {
            try {
                List<JsonNode> items = new ArrayList<>();
                JSON.readTree(row.get("items").s()).forEach(items::add);
                lists.add(items);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(lists).flatExtracting(l -> l).filteredOn(r -> r.path("itemId").asText().equals(loved))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("reason").asText()).endsWith(" · rated 5.0 by 5 customers"));
        List<List<JsonNode>> holdingPoor = lists.stream()
                .filter(l -> l.stream().anyMatch(r -> r.path("itemId").asText().equals(poor))).toList();
        for (List<JsonNode> list : holdingPoor) {
            assertThat(list.get(list.size() - 1).path("itemId").asText()).isEqualTo(poor);
        }
    }

    private static JsonNode manifestOf(String input) throws Exception {
        for (String key : keys("manifests/")) {
            if (!key.endsWith(".json") || key.startsWith("manifests/erasures/")) {
                continue;
            }
            JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(key))
                    .asByteArray());
            if (manifest.path("input").asText().equals(input)) {
                return manifest;
            }
        }
        throw new AssertionError("no manifest for " + input);
    }

    private static List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix(prefix)).contents().stream()
                .map(o -> o.key()).toList();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + cloud.tokens().backOffice()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
