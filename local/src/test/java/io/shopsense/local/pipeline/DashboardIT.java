package io.shopsense.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.local.LocalSettings;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The dashboard in a real headless browser (Debian's {@code chromium}) against the local cloud: first with an empty
 * shop, where every panel must say what to do next; then with the demo data (a slice of Online Retail, the FAQ and
 * the ad results, the scheduled functions run twice so there is movement to show), where every number a panel shows
 * must be the one the API answers. The rendered page is read with {@code --dump-dom}; a screenshot is saved to
 * {@code target/dashboard.png}. The same again with the browser's language set to Chinese (every word translated, the
 * same numbers), and at a phone's 390-pixel width in both languages (nothing runs off the screen). Skipped, saying why,
 * where chromium is not installed ({@code .ci/run} installs it).
 */
class DashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** {@code <tag … data-k="key" …>text}: what a panel shows under a key (the text up to the next tag). */
    private static final Pattern SHOWN = Pattern.compile("<[a-zA-Z]+\\s([^>]*?)data-k=\"([^\"]+)\"([^>]*)>([^<]*)");
    private static final Pattern BUDGET = Pattern.compile("data-budget=\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("id=\"([a-z-]+)\"[^>]*data-state=\"([a-z]+)\"");
    /** Headings, figure labels, table headers and next steps: the words a shop owner reads. */
    private static final Pattern WORDS = Pattern.compile(
            "<(h2|h3|th|p class=\"next\"|div class=\"label\")[^>]*>([^<]+)<");
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");
    private static final String CHINESE_BROWSER = "zh-CN,zh";
    private static Path chromium;
    private static LocalCloud cloud;
    private static String emptyDom;
    private static String dom;
    private static String emptyChineseDom;
    private static String chineseDom;
    private static String customer;

    @BeforeAll
    static void start() throws Exception {
        chromium = onPath("chromium").or(() -> onPath("chromium-browser")).orElse(null);
        assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium; .ci/run does it):"
                + " the dashboard browser test needs a real headless browser");
        cloud = TestClouds.start(Path.of("../template.yaml"), "shopsense");
        emptyDom = render(null);
        emptyChineseDom = render(null, CHINESE_BROWSER);

        try (var s3 = cloud.s3Client()) {
            s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/orders/slice.csv"),
                    RequestBody.fromBytes(SampleSlice.firstLines(Path.of("../samples/online-retail-sample.csv.gz"), 4001)));
            s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/faq/faq.md"),
                    RequestBody.fromFile(Path.of("../samples/faq.md")));
            s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/ads/ad-results.csv"),
                    RequestBody.fromFile(Path.of("../samples/ad-results.csv")));
        }
        cloud.awaitIdle(Duration.ofMinutes(3));
        try (var s3 = cloud.s3Client()) {   // reviews after the orders, so they are checked against its catalogue
            s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/reviews/reviews.csv"),
                    RequestBody.fromFile(Path.of("../samples/reviews.csv")));
        }
        cloud.awaitIdle(Duration.ofMinutes(3));
        String nightly = Files.readString(Path.of("../events/scheduled-nightly.json"));
        String daily = Files.readString(Path.of("../events/scheduled-daily.json"));
        // A rebuild and a plan a day earlier first, so the panels have movement and changes to show.
        cloud.functions().invoke("RebuildProfilesFunction", withDetail(nightly, "asOf", "2010-12-01"));
        cloud.functions().invoke("RebuildProfilesFunction", nightly);
        cloud.functions().invoke("BuildRecommendationsFunction", nightly);
        cloud.functions().invoke("OptimizeAdsFunction", withDetail(daily, "date", "2024-06-30"));
        cloud.functions().invoke("OptimizeAdsFunction", daily);
        // Shoppers' questions the FAQ cannot answer: one asked twice (in two wordings), one once.
        for (String question : List.of("Is there a loyalty programme?", "is there a LOYALTY programme",
                "Are you hiring staff?")) {
            ask(question);
        }
        cloud.awaitIdle(Duration.ofMinutes(3)); // build-audiences, triggered by the rebuild's summary
        // Results of a campaign that names its audiences, now that audiences exist, then the day's plan again.
        StringBuilder targeted = new StringBuilder("date,hour,channel,campaign,impressions,clicks,conversions,spend,"
                + "revenue,audience\n");
        for (String day : List.of("2024-06-29", "2024-06-30")) {
            for (int hour = 8; hour < 22; hour++) {
                targeted.append(day).append(',').append(hour).append(",traffic-2,winter-loyalty,900,30,6,12,240,"
                        + "segment-champions\n");
                targeted.append(day).append(',').append(hour).append(",traffic-2,winter-loyalty,900,30,2,12,80,"
                        + "high-value\n");
            }
        }
        try (var s3 = cloud.s3Client()) {
            s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/ads/loyalty-by-audience.csv"),
                    RequestBody.fromString(targeted.toString()));
        }
        cloud.awaitIdle(Duration.ofMinutes(3));
        cloud.functions().invoke("OptimizeAdsFunction", daily);
        // A campaign on the built audiences over October 2011, when nothing was sent (an A/A), measured once.
        launchCampaign("{\"id\":\"october-aa\",\"audience\":\"high-value\",\"action\":\"list\","
                + "\"start\":\"2011-10-01\",\"end\":\"2011-10-31\",\"holdout\":0.5}");
        cloud.awaitIdle(Duration.ofMinutes(3)); // clean-upload publishes it, launch-campaign splits it
        cloud.functions().invoke("MeasureCampaignsFunction", nightly);
        try (var dynamoDb = cloud.dynamoDbClient()) {
            customer = dynamoDb.scan(b -> b.tableName(cloud.tableName("ProfilesTable")).limit(1)).items().get(0)
                    .get("userId").s();
        }
        dom = render(customer);
        chineseDom = render(customer, CHINESE_BROWSER);
        screenshot(Path.of("target/dashboard.png").toAbsolutePath());
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void emptyShop_everyPanelSaysWhatToDoNext() {
        Map<String, String> states = states(emptyDom);
        Map<String, String> shown = shown(emptyDom);

        assertThat(states).containsEntry("panel-profiles", "empty").containsEntry("panel-health", "empty")
                .containsEntry("panel-recs", "empty").containsEntry("panel-ads", "empty")
                .containsEntry("panel-assistant", "empty").containsEntry("panel-audiences", "empty")
                .containsEntry("panel-campaigns", "empty").containsEntry("panel-reviews", "empty");
        assertThat(shown.get("panel-campaigns.next")).contains("POST /campaigns");
        assertThat(shown.get("panel-reviews.next")).contains("raw/reviews/");
        assertThat(shown.get("panel-profiles.next")).contains("Upload an orders export");
        assertThat(shown.get("panel-health.next")).contains("raw/orders/");
        assertThat(shown.get("panel-recs.next")).contains("raw/orders/");
        assertThat(shown.get("panel-ads.next")).contains("raw/ads/");
    }

    @Test
    void chinese_chosenByTheBrowsersLanguage_everyWordTranslated_andTheNumbersAreTheApis() throws Exception {
        JsonNode profiles = api("/dashboard/profiles");
        JsonNode health = api("/dashboard/data-health");
        JsonNode ads = api("/dashboard/ads").path("report");
        Map<String, String> shown = shown(chineseDom);

        assertThat(chineseDom).contains("<html lang=\"zh-CN\"");
        assertThat(states(chineseDom)).containsEntry("panel-profiles", "ready").containsEntry("panel-ads", "ready")
                .containsEntry("panel-audiences", "ready");
        for (String html : List.of(chineseDom, emptyChineseDom)) {
            List<String> words = words(html);
            assertThat(words).hasSizeGreaterThan(8);
            assertThat(words).allSatisfy(text -> assertThat(CHINESE.matcher(text).find()).as(text).isTrue());
        }
        assertThat(chineseDom).contains("\u51a0\u519b\u5ba2\u6237 Champions"); // 冠军客户, both names
        assertThat(profiles.at("/shop/currency").asText()).isEqualTo("GBP");
        assertThat(shown.get("profiles.clv.median")).startsWith("\u00a3"); // the shop's currency, £
        assertThat(number(shown, "profiles.customers")).isEqualTo(profiles.path("customers").asDouble());
        assertThat(number(shown, "profiles.clv.median")).isCloseTo(profiles.at("/clv/median").asDouble(), within(0.005));
        profiles.path("segments").fields().forEachRemaining(segment -> assertThat(number(shown, "profiles.segment."
                + segment.getKey().replace(' ', '_'))).isEqualTo(segment.getValue().asDouble()));
        for (String total : List.of("uploads", "rowsIn", "rowsClean", "rowsRejected")) {
            assertThat(number(shown, "health." + total)).as(total).isEqualTo(health.at("/totals/" + total).asDouble());
        }
        assertThat(number(shown, "ads.budget")).isCloseTo(ads.path("budget").asDouble(), within(0.005));
        assertThat(shown.get("ads.changes")).startsWith(ads.at("/changes/cells").size() + " ");
    }

    @Test
    void phone_390PixelsWide_nothingRunsOffTheScreen_inEitherLanguage() throws Exception {
        for (String language : List.of("en-GB", CHINESE_BROWSER)) {
            try (PhoneBrowser phone = PhoneBrowser.start(chromium, language)) {
                String html = phone.render(pageUrl(customer), 390,
                        "document.documentElement.hasAttribute('data-overflow-px')");

                phone.screenshot(Path.of("target/dashboard-phone-" + language.substring(0, 2) + ".png"));

                assertThat(phone.evaluate("window.innerWidth").asInt()).as(language).isEqualTo(390);
                assertThat(html).as(language).contains("data-overflow-px=\"0\"");
                assertThat(states(html)).as(language).containsEntry("panel-health", "ready");
            }
        }
    }

    @Test
    void profilesPanel_showsTheApisSegmentsDistributionsAndMovement() throws Exception {
        JsonNode api = api("/dashboard/profiles");
        Map<String, String> shown = shown(dom);

        assertThat(states(dom)).containsEntry("panel-profiles", "ready");
        assertThat(number(shown, "profiles.customers")).isEqualTo(api.path("customers").asDouble());
        assertThat(number(shown, "profiles.buyers")).isEqualTo(api.path("buyers").asDouble());
        assertThat(api.at("/movement/since").asText()).isEqualTo("2010-12-01");
        api.path("segments").fields().forEachRemaining(segment -> {
            String key = segment.getKey().replace(' ', '_');
            assertThat(number(shown, "profiles.segment." + key)).as(key).isEqualTo(segment.getValue().asDouble());
            assertThat(number(shown, "profiles.move." + key)).as(key + " movement")
                    .isEqualTo(api.at("/movement/change/" + segment.getKey()).asDouble());
        });
        for (String histogram : List.of("clv", "churn")) {
            JsonNode counts = api.path(histogram).path("counts");
            for (int i = 0; i < counts.size(); i++) {
                assertThat(number(shown, "profiles." + histogram + "." + i)).as(histogram + " bin " + i)
                        .isEqualTo(counts.get(i).asDouble());
            }
        }
        assertThat(number(shown, "profiles.clv.median")).isCloseTo(api.at("/clv/median").asDouble(), within(0.005));
        assertThat(number(shown, "profiles.churn.mean")).isCloseTo(100 * api.at("/churn/mean").asDouble(), within(0.05));
    }

    @Test
    void dataHealthPanel_showsTheApisUploadsRowsAndRejectReasons() throws Exception {
        JsonNode api = api("/dashboard/data-health");
        Map<String, String> shown = shown(dom);

        assertThat(states(dom)).containsEntry("panel-health", "ready");
        assertThat(api.at("/totals/uploads").asInt()).isEqualTo(4); // orders, reviews, ads, ads by audience; the FAQ is read as it is
        for (String total : List.of("uploads", "rowsIn", "rowsClean", "rowsRejected", "failedUploads")) {
            assertThat(number(shown, "health." + total)).as(total).isEqualTo(api.at("/totals/" + total).asDouble());
        }
        assertThat(api.at("/totals/rejectsByReason").size()).isPositive();
        api.at("/totals/rejectsByReason").fields().forEachRemaining(reason -> assertThat(
                number(shown, "health.reject." + reason.getKey())).as(reason.getKey())
                .isEqualTo(reason.getValue().asDouble()));
        assertThat(shown.get("health.deadLetters")).contains("dead-letter");
        // Locally the panel shows the local dead-letter count and every function's last outcome record.
        assertThat(api.at("/deadLetters/count").asInt()).isZero();
        assertThat(shown.get("health.deadLetters")).startsWith("0 event(s) in the local dead-letter queue");
        assertThat(api.at("/operations/available").asBoolean()).isTrue();
        Map<String, JsonNode> last = new java.util.TreeMap<>();
        api.at("/operations/functions").forEach(f -> last.put(f.path("function").asText(), f));
        assertThat(last).containsKeys("clean-upload", "update-profiles");
        assertThat(last.get("clean-upload").path("outcome").asText()).isEqualTo("ok");
        assertThat(last.get("clean-upload").path("requestId").asText()).isNotBlank();
    }

    @Test
    void recommendationsPanel_showsTheChosenModelAgainstPopularity_andTheSearchShowsTheCustomersList()
            throws Exception {
        JsonNode api = api("/dashboard/recommendations");
        JsonNode list = api("/users/" + customer + "/recommendations?n=10");
        Map<String, String> shown = shown(dom);

        assertThat(states(dom)).containsEntry("panel-recs", "ready").containsEntry("customer-result", "ready");
        assertThat(shown.get("recs.algorithm")).isEqualTo(api.path("algorithm").asText());
        assertThat(api.path("popularity").isObject()).isTrue();
        assertThat(number(shown, "recs.popularity.ndcg")).isCloseTo(api.at("/popularity/ndcgAt10").asDouble(),
                within(0.00005));
        for (JsonNode result : api.path("results")) {
            assertThat(number(shown, "recs.ndcg." + result.path("algorithm").asText()))
                    .as(result.path("algorithm").asText()).isCloseTo(result.path("ndcgAt10").asDouble(), within(0.00005));
        }
        for (int i = 0; i < list.path("items").size(); i++) {
            assertThat(shown.get("search.item." + i)).isEqualTo(list.path("items").get(i).path("itemId").asText());
        }
    }

    @Test
    void adsPanel_showsThePlanAsAHeatMap_withIntervalsAndTheChangeFromTheDayBefore() throws Exception {
        JsonNode api = api("/dashboard/ads");
        JsonNode report = api.path("report");
        Map<String, String> shown = shown(dom);

        assertThat(states(dom)).containsEntry("panel-ads", "ready");
        assertThat(shown.get("ads.date")).isEqualTo("2024-07-01").isEqualTo(report.path("date").asText());
        assertThat(shown.get("ads.campaign")).isEqualTo(report.path("campaignId").asText());
        assertThat(number(shown, "ads.budget")).isCloseTo(report.path("budget").asDouble(), within(0.005));
        assertThat(number(shown, "ads.conversions")).isCloseTo(report.at("/expected/conversions/mean").asDouble(),
                within(0.05));
        assertThat(number(shown, "ads.conversionsLow")).isCloseTo(report.at("/expected/conversions/low95").asDouble(),
                within(0.05));
        assertThat(number(shown, "ads.conversionsHigh"))
                .isCloseTo(report.at("/expected/conversions/high95").asDouble(), within(0.05));
        assertThat(report.at("/changes/since").asText()).isEqualTo("2024-06-30");
        assertThat(shown.get("ads.changes")).startsWith(report.at("/changes/cells").size() + " cells changed");
        Map<String, Double> cells = budgets(dom);
        assertThat(report.path("allocations")).isNotEmpty();
        for (JsonNode cell : report.path("allocations")) {
            String key = "ads.cell." + cell.path("channel").asText() + "." + cell.path("hour").asInt();
            assertThat(cells.get(key)).as(key).isCloseTo(cell.path("budget").asDouble(), within(1e-6));
        }
    }

    @Test
    void assistantPanel_showsTheApisUnansweredQuestions_andTheScreenshotIsSaved() throws Exception {
        JsonNode api = api("/dashboard/assistant");
        Map<String, String> shown = shown(dom);

        assertThat(states(dom)).containsEntry("panel-assistant", "ready");
        assertThat(api.path("questions")).hasSize(2);
        assertThat(api.at("/questions/0/count").asInt()).isEqualTo(2);
        for (int i = 0; i < api.path("questions").size(); i++) {
            JsonNode question = api.path("questions").get(i);
            assertThat(shown.get("assistant.question." + i)).isEqualTo(question.path("question").asText());
            assertThat(number(shown, "assistant.count." + i)).isEqualTo(question.path("count").asDouble());
        }
        assertThat(Files.size(Path.of("target/dashboard.png"))).isGreaterThan(10_000);
    }

    @Test
    void audiencesPanel_showsTheApisSizesAndOverlaps() throws Exception {
        JsonNode api = api("/dashboard/audiences");
        Map<String, String> shown = shown(dom);

        assertThat(states(dom)).containsEntry("panel-audiences", "ready");
        assertThat(number(shown, "audiences.customers")).isEqualTo(api.path("customers").asDouble());
        assertThat(number(shown, "audiences.inAny")).isEqualTo(api.path("inAnyAudience").asDouble());
        assertThat(number(shown, "audiences.count")).isEqualTo(api.path("audiences").size());
        assertThat(api.path("audiences").size()).isGreaterThanOrEqualTo(12); // 8 segments and 4 more built-in
        for (JsonNode audience : api.path("audiences")) {
            String name = audience.path("name").asText();
            assertThat(number(shown, "audiences.size." + name)).as(name).isEqualTo(audience.path("size").asDouble());
        }
        for (int i = 0; i < api.path("overlaps").size(); i++) {
            assertThat(number(shown, "audiences.overlap." + i)).isEqualTo(api.path("overlaps").get(i).path("shared")
                    .asDouble());
        }
        assertThat(api.path("overlaps")).isNotEmpty();
        JsonNode nextPlan = api.path("nextPlan");
        assertThat(nextPlan.path("campaigns")).extracting(JsonNode::asText).containsExactly("winter-loyalty");
        assertThat(nextPlan.path("budgetByAudience").size()).isEqualTo(2);
        for (var budget : (Iterable<Map.Entry<String, JsonNode>>) () -> nextPlan.path("budgetByAudience").fields()) {
            assertThat(number(shown, "audiences.nextPlan." + budget.getKey())).as(budget.getKey())
                    .isCloseTo(budget.getValue().asDouble(), within(0.005));
        }
    }

    @Test
    void campaignsPanel_listsEachCampaignWithTheApisVerdict() throws Exception {
        JsonNode api = api("/dashboard/campaigns");
        JsonNode report = api("/campaigns/october-aa/uplift");
        Map<String, String> shown = shown(dom);

        assertThat(states(dom)).containsEntry("panel-campaigns", "ready");
        assertThat(api.path("campaigns")).hasSize(1);
        assertThat(shown.get("campaigns.id.october-aa")).isEqualTo("october-aa");
        assertThat(shown.get("campaigns.state.october-aa")).isEqualTo("ended");
        assertThat(number(shown, "campaigns.members.october-aa")).isEqualTo(
                report.at("/uplift/treatment/members").asDouble() + report.at("/uplift/holdout/members").asDouble());
        assertThat(shown.get("campaigns.verdict.october-aa")).isEqualTo(report.at("/uplift/verdict").asText())
                .startsWith("no effect detected yet");
    }

    // --- reviews (issue #17) ---
    @Test
    void reviewsPanel_showsTheWorstRatedItemsAndTheWordsOfTheirLowReviews_englishAndChinese() throws Exception {
        JsonNode api = api("/dashboard/reviews");
        Map<String, String> shown = shown(dom);

        assertThat(states(dom)).containsEntry("panel-reviews", "ready");
        assertThat(number(shown, "reviews.count")).isEqualTo(api.path("reviews").asDouble()).isPositive();
        assertThat(number(shown, "reviews.itemsDemoted")).isEqualTo(api.path("itemsDemoted").asDouble()).isPositive();
        JsonNode worst = api.path("worstRated");
        assertThat(worst).isNotEmpty();
        for (int i = 0; i < worst.size(); i++) {
            JsonNode item = worst.get(i);
            assertThat(number(shown, "reviews.bayesian." + i)).isCloseTo(item.path("bayesian").asDouble(),
                    within(0.005));
            assertThat(number(shown, "reviews.reviews." + i)).isEqualTo(item.path("count").asDouble());
            StringBuilder words = new StringBuilder();
            item.path("lowReviewWords").forEach(w -> words.append(words.length() == 0 ? "" : ", ")
                    .append(w.path("word").asText()).append(' ').append(w.path("texts").asInt()));
            assertThat(shown.get("reviews.words." + i)).isEqualTo(words.toString());
            if (i > 0) {
                assertThat(item.path("bayesian").asDouble()).isGreaterThanOrEqualTo(
                        worst.get(i - 1).path("bayesian").asDouble());
            }
        }
        // the low reviews of the sample are English and Chinese: both kinds of word are counted
        assertThat(worst.findValues("word")).extracting(JsonNode::asText)
                .anyMatch(w -> w.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .anyMatch(w -> w.chars().allMatch(c -> c < 128));
    }

    @Test
    void cors_preflightAndResponses_followTheTemplatesCorsConfiguration() throws Exception {
        String allowed = "https://shop.example.com"; // the CorsAllowOrigin parameter's default
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint()
                        + "/users/" + customer + "/recommendations")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", allowed).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint()
                        + "/dashboard/assistant")).header("Origin", allowed)
                .header("Authorization", "Bearer " + cloud.tokens().backOffice()).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> stranger = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint()
                        + "/dashboard/assistant")).header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + cloud.tokens().backOffice()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(allowed);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("GET", "POST", "DELETE"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers).contains("authorization"));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).contains(allowed);
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void page_isServedOpen_withAPolicyThatKeepsEveryRequestOnThisOrigin() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + "/dashboard"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> panel = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint()
                + "/dashboard/profiles")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "connect-src 'self'", "script-src 'self'"));
        assertThat(page.body()).doesNotContain("http://", "https://");
        assertThat(panel.statusCode()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ the browser

    private static String render(String searchFor) throws Exception {
        return render(searchFor, "en-GB");
    }

    private static String render(String searchFor, String browserLanguages) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("dashboard", ".html");
        List<String> command = browser(profile);
        command.add("--accept-lang=" + browserLanguages);
        command.add("--dump-dom");
        command.add(pageUrl(searchFor));
        run(command, out);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static void screenshot(Path png) throws Exception {
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        List<String> command = browser(Files.createTempDirectory("chromium-profile"));
        command.add("--screenshot=" + png);
        command.add("--hide-scrollbars");
        command.add(pageUrl(customer));
        run(command, Files.createTempFile("chromium", ".log"));
    }

    private static List<String> browser(Path profile) {
        return new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,2000",
                "--virtual-time-budget=10000"));
    }

    private static String pageUrl(String searchFor) {
        return cloud.apiEndpoint() + "/dashboard#token=" + cloud.tokens().backOffice()
                + (searchFor == null ? "" : "&customer=" + searchFor);
    }

    private static void run(List<String> command, Path stdout) throws Exception {
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 90 s: " + command);
        }
    }

    private static Optional<Path> onPath(String name) {
        return LocalSettings.onPath(name);
    }

    // ------------------------------------------------------------------ reading the page and the API

    private static Map<String, String> shown(String html) {
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher m = SHOWN.matcher(html);
        while (m.find()) {
            shown.put(m.group(2), unescape(m.group(4)).trim());
        }
        return shown;
    }

    private static List<String> words(String html) {
        List<String> words = new ArrayList<>();
        Matcher m = WORDS.matcher(html);
        while (m.find()) {
            if (!m.group(2).isBlank()) {
                words.add(unescape(m.group(2)).trim());
            }
        }
        return words;
    }

    private static Map<String, Double> budgets(String html) {
        Map<String, Double> budgets = new LinkedHashMap<>();
        Matcher m = SHOWN.matcher(html);
        while (m.find()) {
            Matcher budget = BUDGET.matcher(m.group(1) + " " + m.group(3));
            if (budget.find()) {
                budgets.put(m.group(2), Double.parseDouble(budget.group(1)));
            }
        }
        return budgets;
    }

    private static Map<String, String> states(String html) {
        Map<String, String> states = new LinkedHashMap<>();
        Matcher m = STATE.matcher(html);
        while (m.find()) {
            states.put(m.group(1), m.group(2));
        }
        return states;
    }

    /**
     * A number as the page shows it: {@code 1,234}, {@code 0.3762}, {@code +3}, {@code −2}, {@code ±0},
     * {@code 12.5%}, {@code ×1.20}, or money in the shop's currency ({@code £1,234.50}, {@code ¥88.00}).
     */
    private static double number(Map<String, String> shown, String key) {
        String text = shown.get(key);
        assertThat(text).as("the page shows " + key).isNotNull();
        return Double.parseDouble(text.replace("\u2212", "-").replaceAll("[^0-9.\\-]", ""));
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static void ask(String question) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint()
                        + "/assistant/ask")).header("Authorization", "Bearer " + cloud.tokens().storefront())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("question", question))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("answered").asBoolean()).as(question).isFalse();
    }

    private static void launchCampaign(String definition) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint()
                        + "/campaigns")).header("Authorization", "Bearer " + cloud.tokens().backOffice())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(definition))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static JsonNode api(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path))
                .header("Authorization", "Bearer " + cloud.tokens().backOffice()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String withDetail(String event, String field, String value) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(event);
        node.with("detail").put(field, value);
        return node.toString();
    }
}
