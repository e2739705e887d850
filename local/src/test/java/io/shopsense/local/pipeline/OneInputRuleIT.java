package io.shopsense.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.TestClouds;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One definition of valid input, through the local gateway and the S3 trigger: every customer the cleaner keeps can
 * be named (and erased) through the API, the ids it cannot keep are rejected as BAD_ID, the API refuses ad rows that
 * cleaning would reject, and request bodies are strict JSON everywhere.
 */
class OneInputRuleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start(Path.of("../template.yaml"), "shopsense");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void customersTheCleanerKeeps_canBeErasedThroughTheApi_andBadIdsAreRejectedWithAReason() throws Exception {
        String rows = "user_id,item_id,ts,type,quantity,price\n"
                + "ann lee,85123A,2024-01-02 10:00:00,purchase,1,2.55\n"
                + "王小明,85123A,2024-01-02 11:00:00,purchase,1,2.55\n"
                + "\"bad\r\nid\",85123A,2024-01-02 12:00:00,purchase,1,2.55\n"
                + "a/b,85123A,2024-01-02 12:00:00,purchase,1,2.55\n"
                + "a#b?c,85123A,2024-01-02 12:00:00,purchase,1,2.55\n"
                + "two  spaces,85123A,2024-01-02 12:00:00,purchase,1,2.55\n"
                + "x".repeat(300) + ",85123A,2024-01-02 12:00:00,purchase,1,2.55\n"
                + "=HYPERLINK(\"x\"),85123A,2024-01-02 12:00:00,purchase,1,2.55\n";
        try (S3Client s3 = cloud.s3Client()) {
            s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/events/ids.csv"),
                    RequestBody.fromString(rows, StandardCharsets.UTF_8));
            cloud.awaitIdle(Duration.ofMinutes(3));
            JsonNode report = null;
            for (var object : s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix("manifests/"))
                    .contents().stream().filter(o -> o.key().endsWith(".json")).toList()) {
                JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName())
                        .key(object.key())).asByteArray());
                if (manifest.path("report").path("rowsIn").asLong() == 8) {
                    report = manifest.path("report");
                }
            }
            assertThat(report).as("the upload's manifest").isNotNull();
            assertThat(report.path("rowsClean").asLong()).isEqualTo(2);
            assertThat(report.path("rejectsByReason").path("BAD_ID").asLong()).isEqualTo(5);
            assertThat(report.path("rejectsByReason").path("FORMULA_INJECTION").asLong()).isEqualTo(1);
        }

        for (String kept : new String[] {"ann lee", "王小明"}) {
            String path = "/users/" + URLEncoder.encode(kept, StandardCharsets.UTF_8).replace("+", "%20");
            assertThat(send("GET", path + "/profile", null).statusCode()).as(kept).isEqualTo(200);
            JsonNode erased = json(send("DELETE", path, null), 202);
            assertThat(erased.path("userId").asText()).isEqualTo(kept);
            assertThat(erased.at("/removed/profile").asBoolean()).isTrue();
        }
    }

    @Test
    void adRowsCleaningWouldReject_are400NamingRowFieldAndReason() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String good = "{\"date\":\"" + today + "\",\"hour\":9,\"channel\":\"search\",\"impressions\":100,"
                + "\"clicks\":10,\"conversions\":1,\"spend\":5,\"revenue\":20}";
        String[][] cases = {
            {good.replace("\"search\"", "\"-social\""), "rows[1].channel", "FORMULA_INJECTION"},
            {good.replace("\"search\"", "\"=1+1\""), "rows[1].channel", "FORMULA_INJECTION"},
            {good.replace("\"search\"", "\"a/b\""), "rows[1].channel", "BAD_ID"},
            {good.replace(today, "1989-12-31"), "rows[1].date", "IMPOSSIBLE_DATE"},
            {good.replace(today, "2099-01-01"), "rows[1].date", "IMPOSSIBLE_DATE"},
            {good.replace("\"clicks\":10", "\"clicks\":101"), "rows[1].clicks", "INCONSISTENT_COUNTS"},
            {good.replace("\"conversions\":1", "\"conversions\":11"), "rows[1].conversions", "INCONSISTENT_COUNTS"},
            {good.replace("\"spend\":5", "\"spend\":-5"), "rows[1].spend", "BAD_NUMBER"},
            {good, "rows[1] repeats rows[0]", "DUPLICATE"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = send("POST", "/campaigns/spring-sale/results",
                    "{\"rows\":[" + good + "," + c[0] + "]}");
            JsonNode body = json(response, 400);
            assertThat(body.path("message").asText()).as(c[0]).contains(c[1]).contains(c[2]);
        }
        assertThat(json(send("POST", "/campaigns/spring-sale/results", "{\"rows\":[" + good + "]}"), 202)
                .path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void duplicateKeysAndTrailingContent_are400OnEveryJsonRoute() throws Exception {
        String event = "{\"userId\":\"u1\",\"itemId\":\"85123A\",\"type\":\"view\"";
        String[][] cases = {
            {"/events", event + ",\"userId\":\"u2\"}", "\"userId\" twice"},
            {"/events", event + "} {\"x\":1}", "text after its JSON value"},
            {"/events", event + "}garbage", "text after its JSON value"},
            {"/assistant/ask", "{\"question\":\"Where is my order?\",\"question\":\"hi\"}", "\"question\" twice"},
            {"/assistant/ask", "{\"question\":\"Where is my order?\"}]", "text after its JSON value"},
            {"/campaigns/spring-sale/results", "{\"rows\":[],\"rows\":[]}", "\"rows\" twice"},
            {"/campaigns/spring-sale/results", "{\"rows\":[]} trailing", "text after its JSON value"},
        };
        for (String[] c : cases) {
            JsonNode body = json(send("POST", c[0], c[1]), 400);
            assertThat(body.path("error").asText()).isEqualTo("bad_request");
            assertThat(body.path("message").asText()).as(c[0] + " " + c[1]).contains(c[2]);
        }
    }

    @Test
    void liveEventsWithABadId_are400NamingTheField() throws Exception {
        String[][] cases = {
            {"a/b", "85123A", "event.userId"},
            {"bad\\r\\nid", "85123A", "event.userId"},
            {"x".repeat(300), "85123A", "event.userId"},
            {"u1", "=cmd", "event.itemId"},
            {"u1", "..", "event.itemId"},
        };
        for (String[] c : cases) {
            String body = "{\"userId\":\"" + c[0] + "\",\"itemId\":\"" + c[1] + "\",\"type\":\"view\"}";
            assertThat(json(send("POST", "/events", body), 400).path("message").asText()).as(body)
                    .startsWith(c[2]);
        }
        assertThat(json(send("POST", "/events", "{\"userId\":\"ann lee\",\"itemId\":\"BANK CHARGES\","
                + "\"type\":\"view\"}"), 202).path("accepted").asInt()).isEqualTo(1);
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + cloud.tokens().backOffice()).header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
