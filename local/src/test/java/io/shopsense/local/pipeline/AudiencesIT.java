package io.shopsense.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.TestClouds;
import io.shopsense.local.samples.SampleShop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * build-audiences through the local cloud, wired by the template: the demo-like pipeline (Online Retail slice, a
 * Shopify export with e-mails, a shop rule file and a broken one), the profile rebuild whose summary triggers the
 * build, then the API pages every audience, the exports are there in both platform formats, an erased customer is
 * gone from the next build, and a replay writes the same bytes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AudiencesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start(Path.of("../template.yaml"), "shopsense");
        put("raw/orders/shopify.csv", Files.readAllBytes(Path.of("../shared/src/test/resources/clean/shopify-orders.csv")));
        put("raw/audiences/repeat-buyers.json",
                "{\"name\":\"repeat-buyers\",\"where\":{\"field\":\"orders\",\"gte\":2}}".getBytes(StandardCharsets.UTF_8));
        put("raw/audiences/broken.json",
                "{\"name\":\"broken\",\"where\":{\"field\":\"segment\",\"in\":[]}}".getBytes(StandardCharsets.UTF_8));
        SampleShop.open(cloud, Path.of(".."), "raw/orders/slice.csv", 3000);
        cloud.awaitIdle(Duration.ofMinutes(5)); // the rebuild's summary triggers build-audiences
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    @Order(1)
    void theRebuildsSummary_triggeredTheBuild_andEveryAudienceIsListed() throws Exception {
        JsonNode list = json(get("/audiences"), 200);

        int customers = list.path("customers").asInt();
        assertThat(customers).isEqualTo(profileCount());
        List<String> names = list.path("audiences").findValuesAsText("name");
        assertThat(names).contains("segment-champions", "segment-lost", "high-value", "win-back",
                "lookalike-champions", "new-customers", "repeat-buyers").doesNotContain("broken");
        int inSegments = 0;
        for (JsonNode a : list.path("audiences")) {
            if (a.path("name").asText().startsWith("segment-")) {
                inSegments += a.path("size").asInt();
            }
            assertThat(a.path("withEmail").asInt() + a.path("noEmail").asInt()).isEqualTo(a.path("size").asInt());
            assertThat(a.path("targetable").asBoolean()).isEqualTo(a.path("withEmail").asInt() >= 100);
        }
        assertThat(inSegments).isLessThanOrEqualTo(customers).isPositive(); // one segment each, browsers in none
        assertThat(list.path("inAnyAudience").asInt()).isBetween(inSegments, customers);
        assertThat(list.path("rejectedRules").get(0).path("reason").asText()).isEqualTo("where.in: must not be empty");
    }

    @Test
    @Order(2)
    void membersPageThroughTheApi_byClv_eachOnce() throws Exception {
        JsonNode lost = json(get("/audiences/segment-lost?limit=1"), 200);
        int size = lost.path("size").asInt();
        assertThat(size).isGreaterThan(7);
        List<Double> clv = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/audiences/segment-lost?limit=7" + (cursor == null ? "" : "&cursor=" + cursor)), 200);
            for (JsonNode m : page.path("members")) {
                assertThat(ids.add(m.path("userId").asText())).isTrue();
                assertThat(m.path("segment").asText()).isEqualTo("Lost");
                clv.add(m.path("clv").asDouble());
            }
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);

        assertThat(ids).hasSize(size);
        assertThat(clv).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertError(get("/audiences/segment-lost?cursor=" + size), 400);
        assertError(get("/audiences/segment-lost?limit=0"), 400);
        assertError(get("/audiences/no-such-audience"), 404);
        // back-office routes: a storefront token, even a signed-in customer's, is refused
        assertThat(send(cloud.tokens().storefront(), "GET", "/audiences").statusCode()).isEqualTo(403);
        assertThat(send(cloud.tokens().storefront(ids.iterator().next()), "GET", "/audiences/segment-lost")
                .statusCode()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void exports_areThereInBothPlatformFormats_withTheShopifyCustomersHashedEmails() throws Exception {
        JsonNode repeat = json(get("/audiences/repeat-buyers?limit=100"), 200);
        Map<String, String> files = new TreeMap<>();
        for (String format : List.of("meta", "google", "ids")) {
            String key = repeat.path("exports").path(format).asText();
            assertThat(key).matches("exports/audiences/repeat-buyers/\\d{4}-\\d{2}-\\d{2}/" + format + "\\.csv");
            files.put(format, read(key));
        }
        List<String> meta = files.get("meta").lines().toList();
        List<String> google = files.get("google").lines().toList();
        assertThat(meta.get(0)).isEqualTo("email");
        assertThat(google.get(0)).isEqualTo("Email");
        assertThat(meta.subList(1, meta.size())).isEqualTo(google.subList(1, google.size()))
                .hasSize(repeat.path("withEmail").asInt()).allMatch(h -> SHA256.matcher(h).matches());
        // jane.doe@example.com ordered twice in the Shopify export
        assertThat(meta).contains(sha256("jane.doe@example.com"));
        assertThat(files.get("ids").lines().skip(1).toList()).hasSize(repeat.path("size").asInt())
                .contains("e_" + sha256("jane.doe@example.com"));
    }

    @Test
    @Order(4)
    void anErasedCustomer_isGoneFromTheNextBuild_andAReplayWritesTheSameBytes() throws Exception {
        String victim = "e_" + sha256("jane.doe@example.com");
        json(send("DELETE", "/users/" + victim), 202);
        cloud.awaitIdle(Duration.ofMinutes(2)); // the erasure record's sweep (forget-customers) rewrites pages too
        String event = Files.readString(Path.of("../events/s3-put-profile-summary.json"))
                .replace("shopsense-data-000000000000", cloud.bucketName());

        cloud.functions().invoke("BuildAudiencesFunction", event);
        Map<String, String> first = published();
        cloud.functions().invoke("BuildAudiencesFunction", event);

        assertThat(published()).isEqualTo(first);
        first.forEach((key, content) -> assertThat(content).as(key).doesNotContain(victim.substring(2)));
    }

    /** Every object build-audiences writes, by key. */
    private static Map<String, String> published() throws Exception {
        Map<String, String> objects = new TreeMap<>();
        try (S3Client s3 = cloud.s3Client()) {
            for (String prefix : List.of("audiences/", "exports/audiences/")) {
                s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix(prefix)).contents()
                        .forEach(o -> objects.put(o.key(), null));
            }
            for (String key : new ArrayList<>(objects.keySet())) {
                objects.put(key, s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(key)).asUtf8String());
            }
        }
        assertThat(objects).isNotEmpty();
        return objects;
    }

    private static int profileCount() {
        try (var dynamoDb = cloud.dynamoDbClient()) {
            return dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName("ProfilesTable")).select("COUNT")).stream()
                    .mapToInt(r -> r.count()).sum();
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void put(String key, byte[] bytes) {
        try (S3Client s3 = cloud.s3Client()) {
            s3.putObject(b -> b.bucket(cloud.bucketName()).key(key), RequestBody.fromBytes(bytes));
        }
    }

    private static String read(String key) {
        try (S3Client s3 = cloud.s3Client()) {
            return s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(key)).asUtf8String();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return send(cloud.tokens().backOffice(), method, path);
    }

    private static HttpResponse<String> send(String token, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
    }
}
