package io.shopsense.function.marketingapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.assistant.Answer;
import io.shopsense.assistant.AnswerKind;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.UploadManifest;
import io.shopsense.http.ApiException;
import io.shopsense.model.Segment;
import io.shopsense.pipeline.UnansweredLog;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.Json;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's panels over a bucket on disk, and the page handler on the real HTTP API v2 event shape. */
class DashboardTest {
    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private Dashboard dashboard;

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(bucketDir);
        dashboard = new Dashboard(bucket, new Dashboard.Shop("CNY", java.time.ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void emptyShop_everyPanelIsNotReady_andSaysWhatToDoNext() {
        assertThat(dashboard.profiles().path("ready").asBoolean()).isFalse();
        assertThat(dashboard.profiles().path("next").asText()).contains("raw/orders/");
        assertThat(dashboard.dataHealth().path("next").asText()).contains("raw/orders/");
        assertThat(dashboard.recommendations().path("next").asText()).contains("build-recommendations");
        assertThat(dashboard.ads(Optional.empty(), Optional.empty()).path("next").asText()).contains("raw/ads/");
        assertThat(dashboard.assistant().path("ready").asBoolean()).isFalse();
        assertThat(dashboard.assistant().path("next").asText()).contains("raw/faq/faq.md");
    }

    @Test
    void everyAnswer_readyOrNot_saysTheShopsCurrencyAndTimeZone() {
        put(Dashboard.PROFILE_SUMMARY, "{\"customers\": 3}");

        for (JsonNode answer : List.of(dashboard.profiles(), dashboard.dataHealth(), dashboard.audiences())) {
            assertThat(answer.path("shop").path("currency").asText()).isEqualTo("CNY");
            assertThat(answer.path("shop").path("timeZone").asText()).isEqualTo("Asia/Shanghai");
        }
        assertThat(dashboard.profiles().path("ready").asBoolean()).isTrue();
    }

    @Test
    void audiences_showSizesTargetability_theLargestOverlapsFirst_andRejectedRules() throws Exception {
        assertThat(dashboard.audiences().path("next").asText()).contains("raw/audiences/");
        io.shopsense.store.InMemoryProfileStore profiles = new io.shopsense.store.InMemoryProfileStore();
        java.time.LocalDate asOf = java.time.LocalDate.of(2026, 11, 27);
        for (int i = 0; i < 6; i++) {
            io.shopsense.model.Segment segment = i < 4 ? io.shopsense.model.Segment.LOYAL : io.shopsense.model.Segment.LOST;
            profiles.put(new io.shopsense.store.ProfileStore.StoredProfile("u" + i, 1, null, new io.shopsense.model.Profile(
                    "u" + i, asOf, 1, 3, 10 * i, asOf.minusDays(90), asOf.minusDays(1), 3, 3, 10 * i, 0, 1, 30.0, 10,
                    null, Map.of(), null, segment, 0.9, 0.5, 1, 3, 0.1, 1, 10 * i, List.of(), List.of(), 0)), 0);
        }
        bucket.put("raw/audiences/a.json", "{\"name\":\"rich\",\"where\":{\"field\":\"clv\",\"gte\":20}}"
                .getBytes(StandardCharsets.UTF_8), "application/json");
        bucket.put("raw/audiences/b.json", "{\"name\":\"x\",\"where\":{\"field\":\"vip\",\"gte\":1}}"
                .getBytes(StandardCharsets.UTF_8), "application/json");
        new io.shopsense.pipeline.AudienceBuild(bucket, profiles, () -> id -> false).build();

        JsonNode panel = dashboard.audiences();

        assertThat(panel.path("ready").asBoolean()).isTrue();
        assertThat(panel.path("customers").asInt()).isEqualTo(6);
        JsonNode rich = java.util.stream.StreamSupport.stream(panel.path("audiences").spliterator(), false)
                .filter(a -> a.path("name").asText().equals("rich")).findFirst().orElseThrow();
        assertThat(rich.path("size").asInt()).isEqualTo(4);
        assertThat(rich.path("targetable").asBoolean()).isFalse();
        List<Integer> shared = panel.path("overlaps").findValues("shared").stream().map(JsonNode::asInt).toList();
        assertThat(shared).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(panel.path("overlapsTotal").asInt()).isGreaterThanOrEqualTo(shared.size());
        assertThat(panel.at("/rejectedRules/0/reason").asText()).startsWith("where.field: unknown field \"vip\"");
    }

    @Test
    void campaigns_listEachCampaignWithItsVerdict_fromTheNightlyListing() throws Exception {
        assertThat(dashboard.campaigns().path("next").asText()).contains("POST /campaigns", "raw/campaigns/");
        io.shopsense.pipeline.CampaignMeasurement.Listing listing = new io.shopsense.pipeline.CampaignMeasurement
                .Listing("2026-11-29", List.of(new io.shopsense.pipeline.CampaignMeasurement.Verdict("autumn",
                "high-value", "email", "2026-11-01", "2026-11-30", "running", "2026-11-28", 412, 3.1, true,
                "+3.1 pp, 95% 1.2\u20135.0")));
        bucket.put("reports/campaigns/_index.json", Json.write(listing).getBytes(StandardCharsets.UTF_8),
                "application/json");

        JsonNode panel = dashboard.campaigns();

        assertThat(panel.path("ready").asBoolean()).isTrue();
        assertThat(panel.path("measuredOn").asText()).isEqualTo("2026-11-29");
        assertThat(panel.at("/campaigns/0/campaignId").asText()).isEqualTo("autumn");
        assertThat(panel.at("/campaigns/0/verdict").asText()).isEqualTo("+3.1 pp, 95% 1.2\u20135.0");
    }

    @Test
    void assistant_listsTheMostAskedUnansweredQuestions() {
        UnansweredLog log = new UnansweredLog(bucket);
        for (String requestId : List.of("r1", "r2", "r3")) {
            log.record(gap("Do you ship to Japan?"), requestId, Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
        }
        log.record(gap("Open on Sundays?"), "r4", Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

        JsonNode panel = dashboard.assistant();

        assertThat(panel.path("ready").asBoolean()).isTrue();
        assertThat(panel.path("days").asInt()).isEqualTo(30);
        assertThat(panel.at("/questions/0/question").asText()).isEqualTo("Do you ship to Japan?");
        assertThat(panel.at("/questions/0/count").asInt()).isEqualTo(3);
        assertThat(panel.at("/questions/1/question").asText()).isEqualTo("Open on Sundays?");
        assertThat(panel.at("/questions/1/count").asInt()).isEqualTo(1);
    }

    private static Answer gap(String question) {
        return new Answer(question, "I don't know.", AnswerKind.UNKNOWN, null, 0.1, false);
    }

    @Test
    void dataHealth_sumsTheManifests_andIgnoresErasureRecordsAndEventIdFiles() {
        put("manifests/s1.json", UploadManifest.of("raw/orders/a.csv", "events", report("s1", "online-retail", 7,
                Map.of("DUPLICATE", 2L, "BAD_DATE", 1L), CleanReport.Status.OK, null)));
        put("manifests/s2.json", UploadManifest.of("raw/orders/b.bin", "events", report("s2", null, 0, Map.of(),
                CleanReport.Status.FAILED, "UNKNOWN_FORMAT")));
        put("manifests/s1.eventids", "x");
        put("manifests/erasures/abc.json", "{}");

        JsonNode health = dashboard.dataHealth();

        assertThat(health.path("ready").asBoolean()).isTrue();
        assertThat(health.at("/totals/uploads").asInt()).isEqualTo(2);
        assertThat(health.at("/totals/failedUploads").asInt()).isEqualTo(1);
        assertThat(health.at("/totals/rowsIn").asLong()).isEqualTo(10);
        assertThat(health.at("/totals/rejectsByReason/DUPLICATE").asLong()).isEqualTo(2);
        assertThat(health.at("/uploads/0/input").asText() + health.at("/uploads/1/input").asText())
                .contains("raw/orders/a.csv", "raw/orders/b.bin");
        assertThat(health.findValuesAsText("errorCode")).contains("UNKNOWN_FORMAT");
        assertThat(health.at("/deadLetters/readable").asBoolean()).isFalse();
        assertThat(health.path("lastRuns").findValuesAsText("function")).contains("clean-upload", "optimize-ads");
    }

    @Test
    void ads_newestDateAndFirstCampaignByDefault_otherCampaignsOnRequest_unknownOnes404() {
        put("reports/ads/2024-06-30/spring-sale.json", "{\"campaignId\":\"spring-sale\",\"date\":\"2024-06-30\"}");
        put("reports/ads/2024-07-01/autumn.json", "{\"campaignId\":\"autumn\",\"date\":\"2024-07-01\"}");
        put("reports/ads/2024-07-01/spring-sale.json", "{\"campaignId\":\"spring-sale\",\"date\":\"2024-07-01\"}");

        JsonNode newest = dashboard.ads(Optional.empty(), Optional.empty());
        JsonNode spring = dashboard.ads(Optional.of("spring-sale"), Optional.empty());

        assertThat(newest.at("/report/campaignId").asText()).isEqualTo("autumn");
        assertThat(newest.path("campaigns").toString()).isEqualTo("[\"autumn\",\"spring-sale\"]");
        assertThat(spring.at("/report/date").asText()).isEqualTo("2024-07-01");
        assertThatThrownBy(() -> dashboard.ads(Optional.of("nope"), Optional.empty()))
                .isInstanceOf(ApiException.class).hasMessageContaining("nope");
    }

    @Test
    void recommendations_theNewestModel_withItsLiftOverPopularity() {
        put("models/recommendations/2026-11-27.json", "{\"algorithm\":\"old\"}");
        put("models/recommendations/2026-11-28.json", "{\"algorithm\":\"hybrid\",\"evaluation\":{\"results\":["
                + "{\"algorithm\":\"popularity\",\"ndcgAt10\":0.1},{\"algorithm\":\"hybrid\",\"ndcgAt10\":0.3}],"
                + "\"chosen\":{\"algorithm\":\"hybrid\",\"ndcgAt10\":0.3}}}");

        JsonNode recs = dashboard.recommendations();

        assertThat(recs.path("algorithm").asText()).isEqualTo("hybrid");
        assertThat(recs.path("ndcgLiftOverPopularity").asDouble()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void routes_areAnsweredByTheHandler_andABadCampaignIsA400() throws Exception {
        MarketingApiHandler handler = new MarketingApiHandler(null, dashboard);
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("../../events/http-get-profile.json");
        event.setRouteKey("GET /dashboard/ads");
        event.setPathParameters(null);
        event.setQueryStringParameters(new HashMap<>(Map.of("campaign", "<script>")));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new InvocationContext("test", 1024, 60));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(response.getBody()).path("error").asText()).isEqualTo("bad_request");
    }

    @Test
    void pageHandler_servesThePageScriptAndStyle_withTheContentSecurityPolicy() throws Exception {
        DashboardPageHandler handler = new DashboardPageHandler();
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("../../events/http-get-profile.json");
        for (String route : new String[] {"GET /dashboard", "GET /dashboard/app.js", "GET /dashboard/app.css",
                "GET /dashboard/messages.js"}) {
            event.setRouteKey(route);
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, new InvocationContext("test", 1024, 60));
            assertThat(response.getStatusCode()).as(route).isEqualTo(200);
            assertThat(response.getHeaders().get("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(response.getBody()).isNotBlank();
        }
        event.setRouteKey("GET /dashboard/other");
        assertThat(handler.handleRequest(event, new InvocationContext("test", 1024, 60)).getStatusCode()).isEqualTo(404);
    }

    @Test
    void chinese_hasEveryWordThePageAndThePanelsWrite() throws Exception {
        Set<String> translated = chineseKeys();
        Set<String> written = new TreeSet<>();
        String script = asset("app.js");
        Matcher call = Pattern.compile("\\bt\\(\\s*('(?:[^'\\\\]|\\\\.)*'(?:\\s*\\+\\s*'(?:[^'\\\\]|\\\\.)*')*)").matcher(script);
        while (call.find()) {
            Matcher part = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'").matcher(call.group(1));
            StringBuilder text = new StringBuilder();
            while (part.find()) {
                text.append(unescapeJs(part.group(1)));
            }
            written.add(text.toString());
        }
        Matcher header = Pattern.compile("label: '((?:[^'\\\\]|\\\\.)*)'").matcher(script);
        while (header.find()) {
            written.add(unescapeJs(header.group(1)));
        }
        Matcher fixed = Pattern.compile("data-i18n(?:-placeholder=\"([^\"]+)\")?>?([^<]*)<?").matcher(asset("index.html"));
        while (fixed.find()) {
            written.add(fixed.group(1) != null ? fixed.group(1) : fixed.group(2).trim());
        }
        for (JsonNode panel : List.of(dashboard.profiles(), dashboard.dataHealth(), dashboard.recommendations(),
                dashboard.ads(Optional.empty(), Optional.empty()), dashboard.assistant(), dashboard.audiences(),
                dashboard.campaigns(),
                dashboard.reviews())) {
            written.add(panel.path("next").asText());
        }
        for (Segment segment : Segment.values()) {
            written.add("segment: " + segment.label());
        }
        written.remove("");

        assertThat(written).hasSizeGreaterThan(100);
        assertThat(translated).containsAll(written);
    }

    private static Set<String> chineseKeys() throws Exception {
        Set<String> keys = new TreeSet<>();
        Matcher entry = Pattern.compile("(?m)^\\s*(\"(?:[^\"\\\\]|\\\\.)*\"):").matcher(asset("messages.js"));
        while (entry.find()) {
            keys.add(Json.MAPPER.readValue(entry.group(1), String.class));
        }
        return keys;
    }

    private static String asset(String name) throws Exception {
        try (var in = DashboardPageHandler.class.getResourceAsStream("dashboard/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A JavaScript string literal's body as text: {@code \\'} and {@code \\uXXXX} escapes resolved. */
    private static String unescapeJs(String literal) {
        Matcher escape = Pattern.compile("\\\\(u[0-9a-fA-F]{4}|.)").matcher(literal);
        StringBuilder out = new StringBuilder();
        while (escape.find()) {
            String code = escape.group(1);
            escape.appendReplacement(out, Matcher.quoteReplacement(code.length() == 5
                    ? String.valueOf((char) Integer.parseInt(code.substring(1), 16)) : code));
        }
        return escape.appendTail(out).toString();
    }

    private void put(String key, String json) {
        bucket.put(key, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private void put(String key, UploadManifest manifest) {
        bucket.put(key, manifest.toJson(), "application/json");
    }

    /** The report of an upload of {@code clean} clean rows and the rejected rows of {@code rejects}. */
    private static CleanReport report(String sourceId, String format, long clean, Map<String, Long> rejects,
                                      CleanReport.Status status, String errorCode) {
        long rejected = rejects.values().stream().mapToLong(Long::longValue).sum();
        return new CleanReport(sourceId, format, "UTF-8", false, "none", clean + rejected, clean, rejected, 0, 0, 0,
                new java.util.TreeMap<>(rejects), new java.util.TreeMap<>(Map.of("events", clean)), 0, 0, null, null,
                "0".repeat(64), 100, status, errorCode, errorCode == null ? null : "the first line matches no export");
    }
}
