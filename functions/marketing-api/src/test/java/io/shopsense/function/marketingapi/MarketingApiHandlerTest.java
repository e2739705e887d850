package io.shopsense.function.marketingapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.model.Recommendation;
import io.shopsense.model.UserRecommendations;
import io.shopsense.model.Sha256;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.InMemoryAdPlanStore;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.InMemoryRecommendationStore;
import io.shopsense.store.Json;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler on the real HTTP API v2 events from events/, over in-memory tables. */
class MarketingApiHandlerTest {
    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private InMemoryRecommendationStore recommendations;
    private MarketingApiHandler handler;
    private static final ShopSecret SECRET = ShopSecret.of("a test secret of at least 32 bytes!".getBytes());
    private final InvocationContext context = new InvocationContext("test", 1024, 60);

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(bucketDir);
        recommendations = new InMemoryRecommendationStore();
        var stamp = new RecommendationStore.BuildStamp("v1", Instant.parse("2026-11-28T03:00:00Z"));
        recommendations.putAll(List.of(
                new UserRecommendations("12347", "hybrid", List.of(
                        new Recommendation("22423", 0.9, "bought with WHITE HANGING HEART T-LIGHT HOLDER",
                                "REGENCY CAKESTAND 3 TIER", 12.75),
                        new Recommendation("85099B", 0.7, "you bought this before"),
                        new Recommendation("47566", 0.5, "popular with customers"))),
                new UserRecommendations(RecommendationStore.COLD_START_USER, "cold-start", List.of(
                        new Recommendation("85123A", 1.0, "trending")))), stamp);
        handler = new MarketingApiHandler(new MarketingApi(recommendations, new InMemoryProfileStore(),
                new InMemoryAdPlanStore(), bucket, Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC),
                ZoneOffset.UTC, () -> SECRET), new Dashboard(bucket, new Dashboard.Shop("GBP", ZoneOffset.UTC)));
    }

    @Test
    void recommendations_knownUser_returnsTheirPrecomputedListWithReasons() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(load("http-get-recommendations.json"), context);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertThat(body.path("coldStart").asBoolean()).isFalse();
        assertThat(body.path("items")).hasSize(3);
        assertThat(body.at("/items/0/reason").asText()).startsWith("bought with");
    }

    @Test
    void recommendations_carryTheCatalogueNameAndPrice_nullNameWhenTheCatalogueHasNone() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(load("http-get-recommendations.json"), context);

        JsonNode items = Json.MAPPER.readTree(response.getBody()).path("items");
        assertThat(items.at("/0/name").asText()).isEqualTo("REGENCY CAKESTAND 3 TIER");
        assertThat(items.at("/0/price").asDouble()).isEqualTo(12.75);
        assertThat(items.get(1).has("name")).isTrue();
        assertThat(items.get(1).path("name").isNull()).isTrue();
        assertThat(items.get(1).has("price")).isFalse();
    }

    @Test
    void recommendations_ofAnotherCustomer_orForAnAnonymousVisitor_areTheColdStartList_withoutTheirHistory()
            throws Exception {
        APIGatewayV2HTTPEvent otherCustomer = load("http-get-recommendations.json");
        otherCustomer.getRequestContext().getAuthorizer().getJwt().getClaims().put("customer_id", "12348");
        APIGatewayV2HTTPEvent anonymous = load("http-get-recommendations.json");
        anonymous.getRequestContext().getAuthorizer().getJwt().getClaims().remove("customer_id");

        for (APIGatewayV2HTTPEvent event : List.of(otherCustomer, anonymous)) {
            JsonNode body = Json.MAPPER.readTree(handler.handleRequest(event, context).getBody());
            assertThat(body.path("coldStart").asBoolean()).isTrue();
            assertThat(body.path("items").toString()).doesNotContain("you bought this before").doesNotContain("85099B");
        }
    }

    @Test
    void recommendations_forTheBackOffice_areAnyCustomersOwnList() throws Exception {
        APIGatewayV2HTTPEvent event = load("http-get-profile.json"); // a back-office token
        event.setRouteKey("GET /users/{id}/recommendations");
        event.setPathParameters(new HashMap<>(java.util.Map.of("id", "12347")));

        JsonNode body = Json.MAPPER.readTree(handler.handleRequest(event, context).getBody());

        assertThat(body.path("coldStart").asBoolean()).isFalse();
        assertThat(body.path("items").toString()).contains("you bought this before");
    }

    @Test
    void recommendations_unknownUser_getsTheColdStartList_neverA404() throws Exception {
        APIGatewayV2HTTPEvent event = load("http-get-recommendations.json");
        event.setPathParameters(new HashMap<>(java.util.Map.of("id", "someone-new")));

        JsonNode body = Json.MAPPER.readTree(handler.handleRequest(event, context).getBody());

        assertThat(body.path("coldStart").asBoolean()).isTrue();
        assertThat(body.at("/items/0/itemId").asText()).isEqualTo("85123A");
    }

    @Test
    void recommendations_excludeAndN_areHonoured() throws Exception {
        APIGatewayV2HTTPEvent event = load("http-get-recommendations.json");
        event.setQueryStringParameters(new HashMap<>(java.util.Map.of("n", "1", "exclude", "22423")));

        JsonNode body = Json.MAPPER.readTree(handler.handleRequest(event, context).getBody());

        assertThat(body.path("items")).hasSize(1);
        assertThat(body.at("/items/0/itemId").asText()).isEqualTo("85099B");
    }

    @Test
    void invalidInputs_are400WithAJsonErrorNamingTheParameter() throws Exception {
        APIGatewayV2HTTPEvent badN = load("http-get-recommendations.json");
        badN.setQueryStringParameters(new HashMap<>(java.util.Map.of("n", "500")));
        APIGatewayV2HTTPEvent badId = load("http-get-recommendations.json");
        badId.setPathParameters(new HashMap<>(java.util.Map.of("id", "<script>")));

        for (APIGatewayV2HTTPEvent event : List.of(badN, badId)) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
            assertThat(response.getStatusCode()).isEqualTo(400);
            JsonNode body = Json.MAPPER.readTree(response.getBody());
            assertThat(body.path("error").asText()).isEqualTo("bad_request");
            assertThat(body.path("message").asText()).containsAnyOf("n must be", "id holds");
        }
    }

    @Test
    void profile_unknownUser_is404Json() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(load("http-get-profile.json"), context);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(response.getBody()).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void campaignResults_base64Body_isValidatedAndStoredUnderRawAds_idempotently() throws Exception {
        APIGatewayV2HTTPResponse first = handler.handleRequest(load("http-post-campaign-results.json"), context);
        APIGatewayV2HTTPResponse replay = handler.handleRequest(load("http-post-campaign-results.json"), context);

        assertThat(first.getStatusCode()).isEqualTo(202);
        String key = Json.MAPPER.readTree(first.getBody()).path("key").asText();
        assertThat(key).startsWith("raw/ads/api-spring-sale-");
        assertThat(Json.MAPPER.readTree(replay.getBody()).path("key").asText()).isEqualTo(key);
        assertThat(bucket.list("raw/ads/")).hasSize(1);
        assertThat(new String(bucket.open(key).readAllBytes())).contains("2026-11-27,20,search,spring-sale,1200,36,3");
    }

    @Test
    void campaignResults_impossibleRow_is400NamingTheField() throws Exception {
        APIGatewayV2HTTPEvent event = load("http-post-campaign-results.json");
        event.setIsBase64Encoded(false);
        event.setBody("{\"rows\":[{\"date\":\"2026-11-27\",\"hour\":20,\"channel\":\"search\",\"impressions\":10,"
                + "\"clicks\":50,\"conversions\":0,\"spend\":1,\"revenue\":0}]}");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(response.getBody()).path("message").asText()).contains("rows[0].clicks");
    }

    @Test
    void campaignResults_rowsCleaningWouldReject_are400WithTheReason_andNothingIsStored() throws Exception {
        String good = "{\"date\":\"2026-11-27\",\"hour\":20,\"channel\":\"search\",\"impressions\":10,"
                + "\"clicks\":5,\"conversions\":0,\"spend\":1,\"revenue\":0}";
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put(good.replace("\"search\"", "\"@search\""), "rows[0].channel starts like a spreadsheet formula"
                + " (cleaning would reject the row as FORMULA_INJECTION)");
        expected.put(good.replace("2026-11-27", "2026-12-01"), "rows[0].date 2026-12-01 is before 1990 or more than a"
                + " day after the results were received (cleaning would reject the row as IMPOSSIBLE_DATE)");
        expected.put(good + "," + good, "rows[1] repeats rows[0]; cleaning would reject it as DUPLICATE");
        expected.put(good.replace("\"clicks\":5", "\"clicks\":11"), "rows[0].clicks 11 is above impressions 10"
                + " (cleaning would reject the row as INCONSISTENT_COUNTS)");
        for (var c : expected.entrySet()) {
            APIGatewayV2HTTPEvent event = load("http-post-campaign-results.json");
            event.setIsBase64Encoded(false);
            event.setBody("{\"rows\":[" + c.getKey() + "]}");

            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(response.getBody()).path("message").asText()).startsWith(c.getValue());
        }
        assertThat(bucket.list("raw/ads/")).isEmpty();
    }

    // ---- campaigns ----
    @Test
    void postCampaign_storesTheDefinitionForTheLaunch_andAReplayWritesTheSameObject() throws Exception {
        bucket.put("audiences/index.json", AUDIENCE_INDEX.getBytes(StandardCharsets.UTF_8), "application/json");

        APIGatewayV2HTTPResponse first = handler.handleRequest(load("http-post-campaign.json"), context);
        byte[] stored = bucket.open("raw/campaigns/autumn-winback.json").readAllBytes();
        APIGatewayV2HTTPResponse replay = handler.handleRequest(load("http-post-campaign.json"), context);

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(replay.getBody()).isEqualTo(first.getBody());
        assertThat(Json.MAPPER.readTree(first.getBody()).path("definition").asText())
                .isEqualTo("raw/campaigns/autumn-winback.json");
        assertThat(bucket.open("raw/campaigns/autumn-winback.json").readAllBytes()).isEqualTo(stored);
        assertThat(new String(stored, StandardCharsets.UTF_8)).contains("\"audience\": \"high-value\"");
    }

    @Test
    void postCampaign_invalid_is400NamingTheField_andStoresNothing() throws Exception {
        bucket.put("audiences/index.json", AUDIENCE_INDEX.getBytes(StandardCharsets.UTF_8), "application/json");
        Map<String, String> expected = new LinkedHashMap<>();
        String good = "\"id\":\"x\",\"audience\":\"high-value\",\"action\":\"email\",\"start\":\"2026-12-01\","
                + "\"end\":\"2026-12-31\"";
        expected.put("{" + good + ",\"holdout\":2}", "holdout: must be a number from 0.01 to 0.5");
        expected.put("{" + good.replace("email", "fax") + "}", "action: must be one of [email, ads, list]");
        expected.put("{" + good.replace("high-value", "nobody") + "}", "audience: no audience named nobody");
        expected.put("{" + good.replace("2026-12-31", "2026-11-30") + "}", "end: is before start");
        expected.put("{" + good + ",\"budget\":5}", "budget: unknown field");
        for (var c : expected.entrySet()) {
            APIGatewayV2HTTPEvent event = load("http-post-campaign.json");
            event.setIsBase64Encoded(false);
            event.setBody(c.getKey());

            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);

            assertThat(response.getStatusCode()).as(c.getKey()).isEqualTo(400);
            JsonNode body = Json.MAPPER.readTree(response.getBody());
            assertThat(body.path("error").isTextual()).isTrue();
            assertThat(body.path("message").asText()).startsWith(c.getValue());
        }
        assertThat(bucket.list("raw/campaigns/")).isEmpty();
    }

    @Test
    void campaignUplift_isTheStoredReport_or404BeforeTheFirstMeasurement() throws Exception {
        APIGatewayV2HTTPResponse before = handler.handleRequest(load("http-get-campaign-uplift.json"), context);
        String report = "{\"campaignId\":\"autumn-winback\",\"state\":\"running\",\"uplift\":{\"verdict\":"
                + "\"no effect detected yet, the interval still spans \u22121.0\u2026+2.0 pp\"}}";
        bucket.put("reports/campaigns/autumn-winback.json", report.getBytes(StandardCharsets.UTF_8),
                "application/json");

        APIGatewayV2HTTPResponse after = handler.handleRequest(load("http-get-campaign-uplift.json"), context);

        assertThat(before.getStatusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(before.getBody()).path("message").asText()).contains("autumn-winback");
        assertThat(after.getStatusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(after.getBody())).isEqualTo(Json.MAPPER.readTree(report));
    }

    @Test
    void postCampaignResults_stillTakesAdResults_besidePostCampaigns() throws Exception {
        assertThat(handler.handleRequest(load("http-post-campaign-results.json"), context).getStatusCode())
                .isEqualTo(202);
        assertThat(bucket.list("raw/ads/")).hasSize(1);
        assertThat(bucket.list("raw/campaigns/")).isEmpty();
    }

    private static final String AUDIENCE_INDEX = "{\"asOf\":\"2026-11-28\",\"customers\":3,\"inAny\":3,"
            + "\"pageSize\":100,\"audiences\":[{\"name\":\"high-value\",\"kind\":\"built-in\",\"definition\":"
            + "\"top 20%\",\"size\":3,\"withEmail\":0,\"noEmail\":3,\"targetable\":false,\"pages\":1,"
            + "\"exports\":{}}],\"overlaps\":[],\"rules\":{\"accepted\":[],\"rejected\":[]}}";
    // ---- end campaigns ----

    @Test
    void campaignResults_audienceField_mustNameABuiltAudience_andIsStoredAsAnAudienceColumn() throws Exception {
        String row = "{\"date\":\"2026-11-27\",\"hour\":20,\"channel\":\"search\",\"impressions\":10,"
                + "\"clicks\":5,\"conversions\":1,\"spend\":1,\"revenue\":9%s}";
        APIGatewayV2HTTPEvent event = load("http-post-campaign-results.json");
        event.setIsBase64Encoded(false);
        event.setBody("{\"rows\":[" + String.format(row, ",\"audience\":\"segment-champions\"") + "]}");

        APIGatewayV2HTTPResponse before = handler.handleRequest(event, context);
        buildAudiences(3);
        APIGatewayV2HTTPResponse unknown = handler.handleRequest(withBody(event, "{\"rows\":["
                + String.format(row, ",\"audience\":\"vip\"") + "]}"), context);
        APIGatewayV2HTTPResponse known = handler.handleRequest(withBody(event, "{\"rows\":["
                + String.format(row, ",\"audience\":\"Segment-Champions\"") + "," + String.format(row, "")
                        .replace("\"hour\":20", "\"hour\":21") + "]}"), context);

        assertThat(before.getStatusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(before.getBody()).path("message").asText()).isEqualTo("rows[0].audience"
                + " 'segment-champions' is not an audience (no audiences have been built yet) (cleaning would reject"
                + " the row as UNKNOWN_AUDIENCE)");
        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(unknown.getBody()).path("message").asText())
                .startsWith("rows[0].audience 'vip' is not an audience; GET /audiences lists them");
        assertThat(known.getStatusCode()).isEqualTo(202);
        String csv = new String(bucket.open(Json.MAPPER.readTree(known.getBody()).path("key").asText()).readAllBytes());
        assertThat(csv).isEqualTo("date,hour,channel,campaign,impressions,clicks,conversions,spend,revenue,audience\n"
                + "2026-11-27,20,search,spring-sale,10,5,1,1.0,9.0,segment-champions\n"
                + "2026-11-27,21,search,spring-sale,10,5,1,1.0,9.0,\n");
    }

    private static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body) {
        event.setBody(body);
        return event;
    }

    @Test
    void deleteUser_removesTheirRecommendations_andRecordsTheErasure() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(load("http-delete-user.json"), context);

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertThat(body.at("/removed/recommendations").asBoolean()).isTrue();
        assertThat(recommendations.get("12347")).isEmpty();
        assertThat(bucket.list("manifests/erasures/")).hasSize(1);
        assertThat(new String(bucket.open(body.path("erasureRecord").asText()).readAllBytes())).doesNotContain("12347");
    }

    @Test
    void audience_pagesItsMembersByClv_withSegment_untilTheLastPage() throws Exception {
        buildAudiences(5);
        APIGatewayV2HTTPEvent event = load("http-get-audience.json");
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var query = new HashMap<String, String>(java.util.Map.of("limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            event.setQueryStringParameters(query);
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode body = Json.MAPPER.readTree(response.getBody());
            assertThat(body.path("name").asText()).isEqualTo("segment-champions");
            assertThat(body.path("size").asInt()).isEqualTo(5);
            body.path("members").forEach(m -> {
                assertThat(m.path("segment").asText()).isEqualTo("Champions");
                seen.add(m.path("userId").asText() + "@" + m.path("clv").asDouble());
            });
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("c4@40.0", "c3@30.0", "c2@20.0", "c1@10.0", "c0@0.0");
    }

    @Test
    void audienceCursor_isSignedAndBoundToItsAudience_soAMovedOneIs400() throws Exception {
        buildAudiences(5);
        APIGatewayV2HTTPEvent first = load("http-get-audience.json");
        first.setQueryStringParameters(new HashMap<>(java.util.Map.of("limit", "2")));
        String cursor = Json.MAPPER.readTree(handler.handleRequest(first, context).getBody()).path("nextCursor").asText();

        APIGatewayV2HTTPEvent moved = load("http-get-audience.json");
        moved.setPathParameters(new HashMap<>(java.util.Map.of("name", "high-value")));
        moved.setQueryStringParameters(new HashMap<>(java.util.Map.of("cursor", cursor)));
        APIGatewayV2HTTPEvent bare = load("http-get-audience.json");
        bare.setQueryStringParameters(new HashMap<>(java.util.Map.of("cursor", "2")));

        assertThat(cursor).isNotEqualTo("2");
        assertThat(handler.handleRequest(moved, context).getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(bare, context).getStatusCode()).isEqualTo(400);
    }

    @Test
    void audiences_listsSizesAndExports_andBadNamesOrCursorsAre4xx() throws Exception {
        APIGatewayV2HTTPEvent list = load("http-get-audience.json");
        list.setRouteKey("GET /audiences");
        list.setPathParameters(null);
        assertThat(handler.handleRequest(list, context).getStatusCode()).isEqualTo(503); // not built yet
        APIGatewayV2HTTPEvent early = load("http-get-audience.json");
        assertThat(handler.handleRequest(early, context).getStatusCode()).isEqualTo(404);
        early.setQueryStringParameters(new HashMap<>(java.util.Map.of("cursor", "garbage")));
        assertThat(handler.handleRequest(early, context).getStatusCode()).isEqualTo(400);
        buildAudiences(3);

        JsonNode body = Json.MAPPER.readTree(handler.handleRequest(list, context).getBody());
        JsonNode champions = java.util.stream.StreamSupport.stream(body.path("audiences").spliterator(), false)
                .filter(a -> a.path("name").asText().equals("segment-champions")).findFirst().orElseThrow();
        assertThat(champions.path("size").asInt()).isEqualTo(3);
        assertThat(champions.path("targetable").asBoolean()).isFalse();
        assertThat(champions.at("/exports/meta").asText()).endsWith("/segment-champions/2026-11-27/meta.csv");

        APIGatewayV2HTTPEvent empty = load("http-get-audience.json");
        empty.setPathParameters(new HashMap<>(java.util.Map.of("name", "segment-lost")));
        APIGatewayV2HTTPResponse none = handler.handleRequest(empty, context);
        assertThat(none.getStatusCode()).isEqualTo(200); // an empty audience is a page of nothing, not an error
        assertThat(Json.MAPPER.readTree(none.getBody()).path("members")).isEmpty();

        APIGatewayV2HTTPEvent unknown = load("http-get-audience.json");
        unknown.setPathParameters(new HashMap<>(java.util.Map.of("name", "vip")));
        assertThat(handler.handleRequest(unknown, context).getStatusCode()).isEqualTo(404);
        for (String cursor : List.of("garbage", "0", "3", "-1", "1e3", "99999999999")) {
            APIGatewayV2HTTPEvent bad = load("http-get-audience.json");
            bad.setQueryStringParameters(new HashMap<>(java.util.Map.of("cursor", cursor)));
            APIGatewayV2HTTPResponse response = handler.handleRequest(bad, context);
            assertThat(response.getStatusCode()).as(cursor).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(response.getBody()).path("error").asText()).isNotBlank();
        }
    }

    /** {@code n} Champions c0…c{n-1} with CLV 0, 10, 20, …, built into audiences in the test bucket. */
    private void buildAudiences(int n) throws Exception {
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        java.time.LocalDate asOf = java.time.LocalDate.of(2026, 11, 27);
        for (int i = 0; i < n; i++) {
            profiles.put(new io.shopsense.store.ProfileStore.StoredProfile("c" + i, 1, null, new io.shopsense.model.Profile(
                    "c" + i, asOf, 1, 3, 10 * i, asOf.minusDays(90), asOf.minusDays(1), 3, 3, 10 * i, 0, 1, 30.0, 10,
                    null, java.util.Map.of(), null, io.shopsense.model.Segment.CHAMPIONS, 0.9, 0.5, 1, 3, 0.1, 1,
                    10 * i, List.of(), List.of(), 0)), 0);
        }
        new io.shopsense.pipeline.AudienceBuild(bucket, profiles, () -> id -> false).build();
    }

    @Test
    void deleteUser_namesTheRecordByAKeyedHash_notOneAnyoneCanRecompute() throws Exception {
        JsonNode body = Json.MAPPER.readTree(handler.handleRequest(load("http-delete-user.json"), context).getBody());

        String record = body.path("erasureRecord").asText();
        String content = new String(bucket.open(record).readAllBytes());
        assertThat(record).doesNotContain(Sha256.hex("12347"));
        assertThat(content).doesNotContain(Sha256.hex("12347"));
        assertThat(record).contains(SECRET.hex(ShopSecret.Purpose.ERASURE_RECORD, "12347"));
    }

    @Test
    void anUnexpectedFailure_isLoggedWithItsStackTrace_andAnsweredWithAGeneric500() throws Exception {
        RecommendationStore broken = (RecommendationStore) java.lang.reflect.Proxy.newProxyInstance(
                RecommendationStore.class.getClassLoader(), new Class<?>[] {RecommendationStore.class},
                (proxy, method, args) -> {
                    throw new IllegalStateException("table shopsense-recs is gone (internal detail)");
                });
        MarketingApiHandler failing = new MarketingApiHandler(new MarketingApi(broken, new InMemoryProfileStore(),
                new InMemoryAdPlanStore(), bucket, Clock.systemUTC(), ZoneOffset.UTC, () -> SECRET),
                new Dashboard(bucket, new Dashboard.Shop("GBP", ZoneOffset.UTC)));
        List<JsonNode> lines = new java.util.ArrayList<>();

        APIGatewayV2HTTPResponse response = io.shopsense.runtime.LogOutput.bind(
                line -> lines.add(tree(line)), null,
                () -> failing.handleRequest(load("http-get-recommendations.json"), context));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("internal detail").doesNotContain("IllegalStateException");
        JsonNode failure = lines.stream().filter(l -> l.path("record").asText().equals("failure")).findFirst()
                .orElseThrow();
        assertThat(failure.path("stackTrace").asText()).contains("internal detail").contains("MarketingApi");
        assertThat(failure.path("requestId").asText()).isEqualTo(context.getAwsRequestId());
        JsonNode outcome = lines.stream().filter(l -> l.path("record").asText().equals("outcome")).findFirst()
                .orElseThrow();
        assertThat(outcome.path("route").asText()).isEqualTo("GET /users/{id}/recommendations");
        assertThat(outcome.path("status").asInt()).isEqualTo(500);
        assertThat(outcome.path("api5xx").asInt()).isEqualTo(1);
    }

    private static APIGatewayV2HTTPEvent load(String name) {
        return EventLoader.loadApiGatewayHttpEvent("../../events/" + name);
    }

    private static JsonNode tree(String line) {
        try {
            return io.shopsense.store.Json.MAPPER.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
