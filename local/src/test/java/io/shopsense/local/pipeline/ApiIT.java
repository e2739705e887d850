package io.shopsense.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.TestClouds;
import io.shopsense.local.samples.SampleShop;
import io.shopsense.local.reliability.LoadRun;
import io.shopsense.local.reliability.MalformedRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP route through the local gateway after the pipeline ran on a slice of the sample: the answers, the
 * error paths (4xx with a JSON error), the missing token (401), what a storefront token may see (its own customer's
 * orders and list only; no back-office route), and a fuzz of thousands of malformed requests that must never get
 * a 5xx.
 */
class ApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalCloud cloud;
    private static String customer;
    private static String otherCustomer;
    private static String backOffice;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start(Path.of("../template.yaml"), "shopsense");
        SampleShop.open(cloud, Path.of(".."), "raw/orders/slice.csv", 4000);
        try (var dynamoDb = cloud.dynamoDbClient()) {
            var two = dynamoDb.scan(b -> b.tableName(cloud.tableName("ProfilesTable")).limit(2)).items();
            customer = two.get(0).get("userId").s();
            otherCustomer = two.get(1).get("userId").s();
        }
        backOffice = cloud.tokens().backOffice();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void readRoutes_answerFromThePrecomputedTables() throws Exception {
        JsonNode recs = json(get("/users/" + customer + "/recommendations?n=5"), 200);
        assertThat(recs.path("coldStart").asBoolean()).isFalse();
        assertThat(recs.path("items").size()).isBetween(1, 5);
        assertThat(recs.at("/items/0/reason").asText()).isNotBlank();

        JsonNode cold = json(get("/users/nobody-knows-me/recommendations"), 200);
        assertThat(cold.path("coldStart").asBoolean()).isTrue();
        assertThat(cold.path("items").size()).isPositive();

        JsonNode profile = json(get("/users/" + customer + "/profile"), 200);
        assertThat(profile.path("userId").asText()).isEqualTo(customer);

        String item = recs.at("/items/0/itemId").asText();
        JsonNode similar = json(get("/items/" + item + "/similar?n=3"), 200);
        assertThat(similar.path("items").size()).isBetween(1, 3);

        // names, not codes: every item carries the catalogue's name (Online Retail's Description) and price
        try (var dynamoDb = cloud.dynamoDbClient()) {
            for (JsonNode answered : List.of(recs.path("items"), cold.path("items"), similar.path("items"))) {
                for (JsonNode one : answered) {
                    var row = dynamoDb.getItem(b -> b.tableName(cloud.tableName("ItemsTable")).key(java.util.Map.of(
                            "itemId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                    one.path("itemId").asText())))).item();
                    assertThat(one.path("name").asText()).isNotBlank().isEqualTo(row.get("title").s());
                    assertThat(one.path("price").asDouble()).isEqualTo(Double.parseDouble(row.get("price").n()));
                }
            }
        }

        JsonNode champions = json(get("/segments/champions?limit=2"), 200);
        assertThat(champions.path("customers").size()).isLessThanOrEqualTo(2);
    }

    @Test
    void recommendationsByCategory_answerByTheStoredCategories_leavingOutItemsOfAListStoredWithout() throws Exception {
        // given categories for the items of one customer's list (the sample's orders name none), built in at night
        List<String> ids = new java.util.ArrayList<>();
        json(get("/users/" + customer + "/recommendations?n=50"), 200).path("items")
                .forEach(item -> ids.add(item.path("itemId").asText()));
        StringBuilder catalogue = new StringBuilder("item_id,title,category,price,in_stock,is_product\n");
        try (var dynamoDb = cloud.dynamoDbClient()) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                var item = dynamoDb.getItem(b -> b.tableName(cloud.tableName("ItemsTable")).key(itemKey(id))).item();
                catalogue.append(id).append(",\"").append(item.get("title").s().replace("\"", "\"\"")).append("\",")
                        .append(List.of("Lights", "MUGS", "").get(i % 3)).append(',').append(item.get("price").n())
                        .append(',').append(item.get("inStock").bool()).append(',').append(item.get("isProduct").bool())
                        .append('\n');
            }
        }
        byte[] csv = catalogue.toString().getBytes(StandardCharsets.UTF_8);
        String key = catalogueKeyReadLast(csv);
        try (var s3 = cloud.s3Client()) {
            s3.putObject(b -> b.bucket(cloud.bucketName()).key(key),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(csv));
        }
        cloud.awaitIdle(Duration.ofMinutes(2));
        JsonNode built = JSON.readTree(cloud.functions().invoke("BuildRecommendationsFunction",
                java.nio.file.Files.readString(Path.of("../events/scheduled-nightly.json"))));
        assertThat(built.path("status").asText()).isEqualTo("built");

        // when the list is filtered by category, then it answers what one look-up per candidate answered before
        JsonNode all = json(get("/users/" + customer + "/recommendations?n=50"), 200).path("items");
        java.util.Map<String, JsonNode> answers = new java.util.LinkedHashMap<>();
        try (var dynamoDb = cloud.dynamoDbClient()) {
            for (String category : List.of("lights", "Mugs", "none-such")) {
                List<JsonNode> expected = new java.util.ArrayList<>();
                for (JsonNode item : all) {
                    var row = dynamoDb.getItem(b -> b.tableName(cloud.tableName("ItemsTable"))
                            .key(itemKey(item.path("itemId").asText()))).item();
                    if (row.containsKey("category") && row.get("category").s().equalsIgnoreCase(category)) {
                        expected.add(item);
                    }
                }
                JsonNode answered = json(get("/users/" + customer + "/recommendations?n=50&category=" + category),
                        200);
                assertThat(answered.path("items")).as(category).containsExactlyElementsOf(expected);
                answers.put(category, answered);
            }
        }
        assertThat(answers.get("lights").path("items").size()).isPositive();
        assertThat(answers.get("Mugs").path("items").size()).isPositive();

        // and a list stored before categories were kept (no category on its items) leaves its items out of a
        // filtered answer (no look-up per item, no guess), while the unfiltered list is served whole
        try (var dynamoDb = cloud.dynamoDbClient()) {
            var key1 = java.util.Map.of("userId", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                    .fromS(customer));
            var stored = (com.fasterxml.jackson.databind.node.ArrayNode) JSON.readTree(dynamoDb.getItem(b -> b
                    .tableName(cloud.tableName("RecommendationsTable")).key(key1)).item().get("items").s());
            assertThat(stored.get(0).has("category")).isTrue();
            stored.forEach(item -> ((com.fasterxml.jackson.databind.node.ObjectNode) item).remove("category"));
            dynamoDb.updateItem(b -> b.tableName(cloud.tableName("RecommendationsTable")).key(key1)
                    .updateExpression("SET #items = :items").expressionAttributeNames(java.util.Map.of("#items", "items"))
                    .expressionAttributeValues(java.util.Map.of(":items",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(stored.toString()))));
        }
        for (var answer : answers.entrySet()) {
            assertThat(json(get("/users/" + customer + "/recommendations?n=50&category=" + answer.getKey()), 200)
                    .path("items")).as(answer.getKey()).isEmpty();
        }
        assertThat(json(get("/users/" + customer + "/recommendations?n=50"), 200).path("items")).isEqualTo(all);
    }

    private static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> itemKey(
            String itemId) {
        return java.util.Map.of("itemId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(itemId));
    }

    /**
     * A {@code raw/catalog/} key whose clean rows are read after every catalogue object already in the bucket: rows of
     * one item are read in key order, the last winning, and the sample's orders wrote catalogue rows of the same day.
     */
    private static String catalogueKeyReadLast(byte[] content) throws Exception {
        String etag = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(content));
        String last;
        try (var s3 = cloud.s3Client()) {
            last = s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix("clean/catalog/")).contents()
                    .stream().map(o -> o.key().substring(o.key().lastIndexOf('/') + 1)).max(String::compareTo)
                    .orElse("");
        }
        for (int i = 0; ; i++) {
            String key = "raw/catalog/categories-" + i + ".csv";
            if ((io.shopsense.store.SourceIds.of(cloud.bucketName(), key, etag) + ".jsonl.gz").compareTo(last) > 0) {
                return key;
            }
        }
    }

    @Test
    void errorPaths_are4xxWithAJsonErrorAndNoStackTrace() throws Exception {
        assertError(get("/users/" + customer + "/recommendations?n=0"), 400);
        assertError(get("/users/%3Cscript%3E/profile"), 400);
        assertError(get("/users/ghost/profile"), 404);
        assertError(get("/segments/vip"), 404);
        assertError(get("/segments/champions?cursor=garbage"), 400);
        assertError(get("/campaigns/spring-sale/plan?date=tomorrow"), 400);
        assertError(get("/campaigns/none/plan?date=2026-01-01"), 404);
        assertError(send("POST", "/campaigns/x/results", "{not json"), 400);
        HttpResponse<String> unknownAudience = send("POST", "/campaigns/x/results", "{\"rows\":[{\"date\":"
                + "\"2024-06-30\",\"hour\":9,\"channel\":\"search\",\"impressions\":10,\"clicks\":1,"
                + "\"conversions\":0,\"spend\":1,\"revenue\":0,\"audience\":\"no-such-audience\"}]}");
        assertError(unknownAudience, 400);
        assertThat(JSON.readTree(unknownAudience.body()).path("message").asText())
                .startsWith("rows[0].audience 'no-such-audience' is not an audience").endsWith("UNKNOWN_AUDIENCE)");
        assertError(send("POST", "/events", "{\"userId\":\"a\",\"itemId\":\"b\",\"type\":\"teleport\"}"), 400);
        assertError(send("POST", "/assistant/ask", "{}"), 400);
        HttpResponse<String> noToken = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint()
                + "/users/" + customer + "/profile")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    @Test
    void segmentCursors_pageOnwards_andEveryForgedOrMovedCursorIsA400() throws Exception {
        JsonNode first = json(get("/segments/champions?limit=1"), 200);
        String genuine = first.path("nextCursor").asText();
        JsonNode second = json(get("/segments/champions?limit=1&cursor=" + genuine), 200);
        assertThat(second.at("/customers/0/userId").asText()).isNotEqualTo(first.at("/customers/0/userId").asText());
        String otherSegment = json(get("/segments/at-risk?limit=1"), 200).path("nextCursor").asText();
        assertThat(otherSegment).isNotBlank();

        List<String> forged = MalformedRequests.forgedCursors(genuine, otherSegment);

        assertThat(forged).hasSize(13);
        for (String cursor : forged) {
            assertError(get("/segments/champions?limit=1&cursor=" + cursor), 400);
        }
    }

    @Test
    void postEvents_updatesTheProfileAtOnce_andARetryChangesNothing() throws Exception {
        String event = "{\"userId\":\"" + customer + "\",\"itemId\":\"85123A\",\"type\":\"purchase\",\"quantity\":1,"
                + "\"unitPrice\":2.55,\"ts\":\"2011-01-05T10:00:00Z\",\"eventId\":\"it-live-1\"}";
        long unitsBefore = json(get("/users/" + customer + "/profile"), 200).path("units").asLong();

        JsonNode first = json(send("POST", "/events", event), 202);
        JsonNode retry = json(send("POST", "/events", event), 202);

        assertThat(first.path("profilesUpdated").asInt()).isEqualTo(1);
        assertThat(retry.path("alreadyRecorded").asInt()).isEqualTo(1);
        assertThat(json(get("/users/" + customer + "/profile"), 200).path("units").asLong()).isEqualTo(unitsBefore + 1);
    }

    @Test
    void assistant_answersFromTheFaq_andAdmitsWhatItDoesNotKnow() throws Exception {
        JsonNode known = json(send("POST", "/assistant/ask", "{\"question\":\"How long does delivery take?\"}"), 200);
        assertThat(known.path("answered").asBoolean()).isTrue();
        assertThat(known.path("answer").asText()).contains("working days");

        JsonNode unknown = json(send("POST", "/assistant/ask", "{\"question\":\"what is the weather in Paris\"}"), 200);
        assertThat(unknown.path("answered").asBoolean()).isFalse();
    }

    @Test
    void deleteUser_erasesTheProfile_andLaterFoldsSkipTheCustomer() throws Exception {
        String victim = customer + "-erase-test";
        json(send("POST", "/events", "{\"userId\":\"" + victim + "\",\"itemId\":\"85123A\",\"type\":\"view\"}"), 202);
        assertThat(get("/users/" + victim + "/profile").statusCode()).isEqualTo(200);

        JsonNode erased = json(send("DELETE", "/users/" + victim, null), 202);
        json(send("POST", "/events", "{\"userId\":\"" + victim + "\",\"itemId\":\"85123A\",\"type\":\"view\"}"), 202);

        assertThat(erased.at("/removed/profile").asBoolean()).isTrue();
        assertThat(get("/users/" + victim + "/profile").statusCode()).isEqualTo(404);
    }

    @Test
    void assistant_tellsOrdersOnlyToTheCustomerTheTokenNames_neverToAnIdInTheBody() throws Exception {
        String customerA = cloud.tokens().storefront(customer);
        String whereIsMyOrder = "{\"question\":\"Where is my order?\"}";
        String aboutB = "{\"question\":\"Where is my order?\",\"userId\":\"" + otherCustomer + "\"}";

        JsonNode own = json(send(customerA, "POST", "/assistant/ask", whereIsMyOrder), 200);
        JsonNode someoneElses = json(send(customerA, "POST", "/assistant/ask", aboutB), 200);
        JsonNode anonymous = json(send(cloud.tokens().storefront(), "POST", "/assistant/ask",
                "{\"question\":\"Where is my order?\",\"userId\":\"" + customer + "\"}"), 200);
        JsonNode backOfficeAsks = json(send(backOffice, "POST", "/assistant/ask", aboutB), 200);

        assertThat(own.path("kind").asText()).as(own.toString()).isEqualTo("orders");
        assertThat(someoneElses.path("kind").asText()).as(someoneElses.toString()).isEqualTo("sign_in");
        assertThat(anonymous.path("kind").asText()).as(anonymous.toString()).isEqualTo("sign_in");
        assertThat(backOfficeAsks.path("kind").asText()).isEqualTo("orders");
    }

    @Test
    void recommendations_areThePersonalListOnlyForTheTokensOwnCustomer() throws Exception {
        String customerA = cloud.tokens().storefront(customer);

        JsonNode own = json(send(customerA, "GET", "/users/" + customer + "/recommendations", null), 200);
        JsonNode someoneElses = json(send(customerA, "GET", "/users/" + otherCustomer + "/recommendations", null), 200);
        JsonNode anonymous = json(send(cloud.tokens().storefront(), "GET", "/users/" + customer + "/recommendations",
                null), 200);

        assertThat(own.path("coldStart").asBoolean()).isFalse();
        assertThat(someoneElses.path("coldStart").asBoolean()).isTrue();
        assertThat(anonymous.path("coldStart").asBoolean()).isTrue();
        assertThat(anonymous.path("items")).isEqualTo(json(get("/users/nobody-knows-me/recommendations"), 200)
                .path("items"));
    }

    @Test
    void storefrontToken_cannotEraseCustomersOrPageSegments_403() throws Exception {
        String customerA = cloud.tokens().storefront(customer);

        for (HttpResponse<String> refused : java.util.List.of(
                send(customerA, "DELETE", "/users/" + customer, null),
                send(customerA, "GET", "/segments/champions?limit=5", null),
                send(customerA, "GET", "/users/" + customer + "/profile", null),
                send(customerA, "GET", "/dashboard/profiles", null))) {
            assertError(refused, 403);
            assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("forbidden");
        }
        assertThat(get("/users/" + customer + "/profile").statusCode()).isEqualTo(200); // not erased
    }

    @Test
    void liveViewsOfAnItemInNoCatalogue_neverReachTheColdStartList_afterTheNightlyBuild() throws Exception {
        // given one visitor's views of an item no catalogue lists (a full batch, so it reaches the training data)
        StringBuilder events = new StringBuilder("{\"events\":[");
        for (int k = 0; k < 100; k++) {
            events.append(k == 0 ? "" : ",").append("{\"userId\":\"visitor-1\",\"itemId\":\"NOT-IN-ANY-CATALOGUE\",")
                    .append("\"type\":\"view\",\"eventId\":\"poison-").append(k).append("\"}");
        }
        json(send("POST", "/events", events.append("]}").toString()), 202);
        cloud.awaitIdle(Duration.ofMinutes(2));

        // when the nightly build runs on the new data
        JsonNode built = JSON.readTree(cloud.functions().invoke("BuildRecommendationsFunction",
                java.nio.file.Files.readString(Path.of("../events/scheduled-nightly.json"))));

        // then neither a new visitor nor the visitor nor a similar-items list is offered it
        assertThat(built.path("status").asText()).isEqualTo("built");
        JsonNode cold = json(get("/users/someone-new/recommendations?n=50"), 200);
        assertThat(cold.path("items").size()).isEqualTo(50);
        assertThat(cold.toString()).doesNotContain("NOT-IN-ANY-CATALOGUE");
        assertThat(get("/users/visitor-1/recommendations?n=50").body()).doesNotContain("NOT-IN-ANY-CATALOGUE");
        assertThat(get("/items/NOT-IN-ANY-CATALOGUE/similar").statusCode()).isEqualTo(404);
    }

    @Test
    void assistant_answersAChineseParaphraseFromTheIndexTheFaqUploadBuilt() throws Exception {
        JsonNode answer = json(send("POST", "/assistant/ask", "{\"question\":\"你们的退货政策是什么？\"}"), 200);

        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.at("/passage/title").asText()).isEqualTo("可以退货吗？");
    }

    @Test
    void fuzz_thousandsOfMalformedRequests_neverGetA5xx() throws Exception {
        LoadRun fuzz = LoadRun.run(cloud, 16, 2000, MalformedRequests.generator(new Random(20261128)));

        assertThat(fuzz.requests()).isEqualTo(2000);
        assertThat(fuzz.problems("fuzz")).isEmpty();
        assertThat(fuzz.statusCounts().keySet()).allSatisfy(status -> assertThat(status).isBetween(200, 499));
    }

    private static void assertError(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** A back-office call (every route). */
    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(backOffice, method, path, body);
    }

    private static HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
