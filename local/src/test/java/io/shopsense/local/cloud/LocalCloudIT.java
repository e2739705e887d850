package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.local.testfunctions.FailingHandler;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;

/** The local cloud end to end: provisioning, S3 notifications to functions, retries and dead letters, the gateway. */
class LocalCloudIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ECKey SIGNING_KEY = ApiTokens.newKey();
    private static LocalCloud cloud;
    private static S3Client s3;
    private static DynamoDbClient dynamoDb;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start(Path.of("src/test/resources/test-template.yaml"), "itest", SIGNING_KEY);
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
    void provisioning_createsExactlyTheDeclaredBucketAndTableWithItsIndex() {
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("itest-data-000000000000");
        assertThat(dynamoDb.listTables().tableNames()).containsExactly("itest-events");
        TableDescription table = dynamoDb.describeTable(b -> b.tableName("itest-events")).table();
        assertThat(table.keySchema()).extracting(k -> k.attributeName()).containsExactly("objectKey");
        assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly("byBucket");
    }

    @Test
    void putObject_invokesTheMatchingFunctionWithTheRealS3Event_andAgainOnASecondPut() throws Exception {
        String key = "incoming/shop exports/ünïcode+plus&amp=1.csv";
        String eTag = s3.putObject(b -> b.bucket(cloud.bucketName()).key(key), RequestBody.fromString("a,b\n1,2\n")).eTag();
        cloud.awaitIdle(Duration.ofSeconds(30));

        // S3 notifies at least once per PUT, and S3 sees two PUTs when the JDK's HttpURLConnection silently resends a
        // buffered PUT after a kept-alive connection drops (the SDK's URLConnection client buffers bodies of known
        // length). CI saw two deliveries for the first PUT once in about seven runs: so "at least one", then "more".
        Map<String, AttributeValue> item = record(key);
        int first = Integer.parseInt(item.get("deliveries").n());
        assertThat(first).isPositive();
        assertThat(item.get("bucket").s()).isEqualTo(cloud.bucketName());
        assertThat(item.get("eTag").s()).isEqualTo(eTag.replace("\"", ""));
        assertThat(item.get("eventName").s()).isEqualTo("ObjectCreated:Put");
        assertThat(item.get("objectSize").n()).isEqualTo("8");
        assertThat(item.get("memory").n()).isEqualTo("512");

        s3.putObject(b -> b.bucket(cloud.bucketName()).key(key), RequestBody.fromString("a,b\n1,2\n"));
        cloud.awaitIdle(Duration.ofSeconds(30));
        assertThat(Integer.parseInt(record(key).get("deliveries").n())).isGreaterThan(first);
    }

    @Test
    void copyObject_isAnObjectCreatedEventToo_andKeysOutsideThePrefixTriggerNothing() throws Exception {
        s3.putObject(b -> b.bucket(cloud.bucketName()).key("elsewhere/a.csv"), RequestBody.fromString("x"));
        s3.copyObject(b -> b.sourceBucket(cloud.bucketName()).sourceKey("elsewhere/a.csv")
                .destinationBucket(cloud.bucketName()).destinationKey("incoming/copied.csv"));
        cloud.awaitIdle(Duration.ofSeconds(30));

        assertThat(record("incoming/copied.csv").get("eventName").s()).isEqualTo("ObjectCreated:Copy");
        assertThat(dynamoDb.getItem(b -> b.tableName("itest-events")
                .key(Map.of("objectKey", AttributeValue.fromS("elsewhere/a.csv")))).hasItem()).isFalse();
    }

    @Test
    void failingFunction_isTriedThreeTimes_thenItsEventLandsInTheDeadLetterQueue() throws Exception {
        int before = FailingHandler.ATTEMPTS.get();
        s3.putObject(b -> b.bucket(cloud.bucketName()).key("poison/bad.csv"), RequestBody.fromString("boom"));
        s3.putObject(b -> b.bucket(cloud.bucketName()).key("poison/ignored.txt"), RequestBody.fromString("no suffix match"));
        cloud.awaitIdle(Duration.ofSeconds(30));

        // Each ObjectCreated event is tried three times; a PUT the client retried under load is a second event, as
        // on S3, so the attempts are three per dead letter of this key.
        long letters = cloud.functions().deadLetters().all().stream()
                .filter(letter -> letter.event().contains("poison/bad.csv")).count();
        assertThat(letters).isPositive();
        assertThat(FailingHandler.ATTEMPTS.get() - before).isEqualTo(3 * letters);
        assertThat(cloud.functions().deadLetters().all()).anySatisfy(letter -> {
            assertThat(letter.function()).isEqualTo("itest-FailFunction");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.errorType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(JSON.readTree(letter.event()).at("/Records/0/s3/object/key").asText()).isEqualTo("poison/bad.csv");
        });
    }

    @Test
    void gateway_buildsHttpApiV2Events_withPathQueryCookiesAndTheFunctionsEnvironment() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/things/a%20b?n=10&tag=x&tag=y"))
                .header("Authorization", "Bearer " + cloud.tokens().backOffice())
                .header("Cookie", "session=abc; theme=dark")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Echo")).contains("yes");
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("routeKey").asText()).isEqualTo("GET /things/{id}");
        assertThat(echo.at("/pathParameters/id").asText()).isEqualTo("a b");
        assertThat(echo.at("/query/n").asText()).isEqualTo("10");
        assertThat(echo.at("/query/tag").asText()).isEqualTo("x,y");
        assertThat(echo.path("cookies").toString()).isEqualTo("[\"session=abc\",\"theme=dark\"]");
        assertThat(echo.path("stage").asText()).isEqualTo("stage-test");
    }

    @Test
    void gateway_passesBinaryBodiesBase64Encoded_andTextBodiesAsText() throws Exception {
        byte[] binary = {0, (byte) 0xff, 0x10, (byte) 0xc3};
        JsonNode binaryEcho = JSON.readTree(http.send(HttpRequest.newBuilder(api("/things/7"))
                .header("Authorization", "Bearer " + cloud.tokens().backOffice()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(binaryEcho.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(binaryEcho.path("bodyBytes").asInt()).isEqualTo(4);

        JsonNode textEcho = JSON.readTree(http.send(HttpRequest.newBuilder(api("/things/7"))
                .header("Authorization", "Bearer " + cloud.tokens().backOffice()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"q\":\"été\"}")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(textEcho.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(textEcho.path("bodyText").asText()).isEqualTo("{\"q\":\"été\"}");
        assertThat(textEcho.path("method").asText()).isEqualTo("POST");
    }

    @Test
    void gateway_answers401WithoutTheBearerToken_404ForUnknownRoutes_andOpenRoutesNeedNoToken() throws Exception {
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(api("/things/1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noToken.body()).path("error").asText()).isEqualTo("unauthorized");

        HttpResponse<String> wrongToken = http.send(HttpRequest.newBuilder(api("/things/1"))
                .header("Authorization", "Bearer nope").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongToken.body()).path("message").asText()).contains("not a signed JWT");

        assertThat(http.send(HttpRequest.newBuilder(api("/nowhere")).header("Authorization", "Bearer " + cloud.tokens().backOffice())
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(api("/things/1")).header("Authorization", "Bearer " + cloud.tokens().backOffice())
                .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(api("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void gateway_passesTheVerifiedClaimsAndScopes_whereApiGatewayPutsThem() throws Exception {
        JsonNode echo = JSON.readTree(http.send(HttpRequest.newBuilder(api("/things/1"))
                .header("Authorization", "Bearer " + cloud.tokens().storefront("c-17")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(echo.at("/claims/customer_id").asText()).isEqualTo("c-17");
        assertThat(echo.at("/claims/iss").asText()).isEqualTo("https://issuer.example/test");
        assertThat(echo.at("/claims/aud").asText()).isEqualTo("things");
        assertThat(echo.at("/claims/scope").asText()).isEqualTo("storefront");
        assertThat(echo.at("/claims/exp").asText()).matches("\\d{10}");
        assertThat(echo.path("scopes").toString()).isEqualTo("[\"storefront\"]");
    }

    @Test
    void gateway_refusesExpiredWrongIssuerWrongAudienceAndForgedTokens_401WithTheErrorJson() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet valid = new JWTClaimsSet.Builder().issuer("https://issuer.example/test").audience("things")
                .claim("scope", "admin").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .build();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(ApiTokens.sign(new JWTClaimsSet.Builder(valid).expirationTime(Date.from(now.minusSeconds(1)))
                .build(), SIGNING_KEY), "expired");
        refused.put(ApiTokens.sign(new JWTClaimsSet.Builder(valid).issuer("https://evil.example").build(),
                SIGNING_KEY), "iss");
        refused.put(ApiTokens.sign(new JWTClaimsSet.Builder(valid).audience("other-app").build(), SIGNING_KEY), "aud");
        refused.put(ApiTokens.sign(valid, ApiTokens.newKey()), "signature");
        refused.put(ApiTokens.sign(new JWTClaimsSet.Builder(valid).notBeforeTime(Date.from(now.plusSeconds(300)))
                .build(), SIGNING_KEY), "nbf");
        String accepted = ApiTokens.sign(valid, SIGNING_KEY);
        String[] parts = accepted.split("\\.");
        refused.put(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new JWTClaimsSet.Builder(valid).claim("scope", "admin").subject("someone-else").build().toString()
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2], "signature");

        for (Map.Entry<String, String> token : refused.entrySet()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api("/things/1"))
                    .header("Authorization", "Bearer " + token.getKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(token.getValue()).isEqualTo(401);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("error").asText()).isEqualTo("unauthorized");
            assertThat(error.path("message").asText()).as(token.getValue()).contains(token.getValue());
        }
        assertThat(http.send(HttpRequest.newBuilder(api("/things/1")).header("Authorization", "Bearer " + accepted)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void gateway_answers403_whenAValidTokenLacksTheRoutesScope() throws Exception {
        HttpResponse<String> storefrontPost = http.send(HttpRequest.newBuilder(api("/things/1"))
                .header("Authorization", "Bearer " + cloud.tokens().storefront())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(storefrontPost.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(storefrontPost.body()).path("error").asText()).isEqualTo("forbidden");
        assertThat(JSON.readTree(storefrontPost.body()).path("message").asText()).contains("admin");
    }

    @Test
    void gateway_refusesTwoAuthorizationHeaders_evenWhenBothAreValid() throws Exception {
        String token = cloud.tokens().backOffice();
        HttpResponse<String> twice = http.send(HttpRequest.newBuilder(api("/things/1"))
                .header("Authorization", "Bearer " + token).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(twice.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(twice.body()).path("message").asText()).contains("exactly one Authorization header");
    }

    @Test
    void gateway_answersAMalformedUrl_400WithTheErrorJson() throws Exception {
        for (String target : List.of("/things/%zz", "/things/%", "/things/1?n=%G1", "/things/%E0%A4", "/things/a|b")) {
            String response = rawGet(target);
            assertThat(response).as(target).startsWith("HTTP/1.1 400");
            JsonNode error = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(error.path("error").asText()).as(target).isEqualTo("bad_request");
            assertThat(error.path("message").asText()).as(target).contains("URL");
        }
    }

    /** A GET sent as raw bytes: HTTP clients refuse to send a malformed request target at all. */
    private static String rawGet(String target) throws Exception {
        try (Socket socket = new Socket(cloud.apiEndpoint().getHost(), cloud.apiEndpoint().getPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + cloud.tokens().backOffice() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void invoke_deliversAScheduledEventInEventBridgeShape() throws Exception {
        var function = cloud.functions().function("EchoFunction");
        String event = ScheduleRunner.event(function, function.schedules().get(0), java.time.Instant.parse("2026-01-02T03:00:00Z"));
        JsonNode parsed = JSON.readTree(event);
        assertThat(parsed.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(parsed.path("source").asText()).isEqualTo("aws.events");
        assertThat(parsed.path("time").asText()).isEqualTo("2026-01-02T03:00:00Z");
        assertThat(parsed.path("resources").get(0).asText()).endsWith(":rule/itest-EchoFunction-Nightly");
    }

    private static Map<String, AttributeValue> record(String key) {
        return dynamoDb.getItem(b -> b.tableName("itest-events").key(Map.of("objectKey", AttributeValue.fromS(key))))
                .item();
    }

    private static URI api(String pathAndQuery) {
        return URI.create(cloud.apiEndpoint() + pathAndQuery);
    }
}
