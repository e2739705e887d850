package io.shopsense.local.reliability;

import io.shopsense.pipeline.Layout;
import io.shopsense.clean.EmailAddresses;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.model.Sha256;
import io.shopsense.local.samples.SampleSlice;
import java.io.IOException;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One small shop's day, as triggers: exports dropped under {@code raw/} (Online Retail, Shopify with emails, ad
 * results, the FAQ, an audience rule file, product reviews), live events and ad results posted to the API, one customer erased, then the three schedules.
 * Each trigger can be delivered on its own, so the suite can deliver it once, three times, or under faults.
 */
public final class ShopTraffic {
    /** The email address of a Shopify customer whom the day erases (orders, a rejected row, a question). */
    public static final String ERASED_EMAIL = "jane.doe@example.com";
    /** Her customer id: the pseudonym cleaning gives her email. */
    public static final String ERASED_CUSTOMER = EmailAddresses.pseudonym(ERASED_EMAIL);
    /** A live-events buyer (in a segment audience after the first day) whom the second day erases. */
    static final String ERASED_NEXT_DAY = "live-3";
    /** An Online Retail customer erased before erasure records were keyed: his record is a plain SHA-256. */
    public static final String ERASED_BEFORE_KEYED_RECORDS = "15039";
    private static final Duration IDLE = Duration.ofMinutes(5);
    /**
     * A Shopify Product Reviews export (issue #17) of items the orders slice sells, so every row is clean whether or
     * not the catalogue is there yet; the erased customer reviewed one, which the forget sweep must remove.
     */
    private static final String REVIEWS = "product_handle,state,rating,title,author,email,location,body,reply,"
            + "created_at,replied_at\n"
            + "22114,published,5,Cosy,Jane,jane.doe@example.com,Leeds,Lovely and warm,,2010-12-05 10:00:00,\n"
            + "21733,published,1,Broken,Tom,tom@example.com,,Arrived broken,,2010-12-05 11:00:00,\n"
            + "22114,published,4,Nice,Ann,ann@example.com,,Good value,Thanks!,2010-12-06 11:00:00,\n";
    /**
     * The e-mail campaign the second day launches, on an audience holding {@link #ERASED_NEXT_DAY}, so the erasure
     * that follows reaches its frozen split and export: the stable hash puts live-3 in its treatment group (place
     * 0.79 against a 30% holdout), and its window (December 2010, measured after the fact) holds the first day's
     * uploaded orders and live events.
     */
    public static final String CAMPAIGN = "spring-winback";

    /** One trigger: what it is and how to deliver it once. */
    public record Trigger(String name, Delivery delivery) {
    }

    /** Delivers a trigger once to a cloud; the returned status is the HTTP status, or 0 for non-HTTP triggers. */
    @FunctionalInterface
    public interface Delivery {
        int deliver(LocalCloud cloud) throws Exception;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final Path home;
    private final Map<String, byte[]> uploads = new LinkedHashMap<>();

    public ShopTraffic(Path home) throws IOException {
        this.home = home;
        uploads.put(Layout.RAW_ORDERS + "online retail.csv",
                SampleSlice.firstLines(home.resolve("samples/online-retail-sample.csv.gz"), 801));
        uploads.put(Layout.RAW_ORDERS + "shopify-orders.csv",
                Files.readAllBytes(home.resolve("shared/src/test/resources/clean/shopify-orders.csv")));
        uploads.put(Layout.RAW_ADS + "ad-results.csv", firstLines(home.resolve("samples/ad-results.csv"), 600));
        uploads.put(Layout.RAW_REVIEWS + "product-reviews.csv", REVIEWS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        uploads.put(Layout.RAW_FAQ + "faq.md", Files.readAllBytes(home.resolve("samples/faq.md")));
        uploads.put(Layout.AUDIENCE_RULES + "loyal-big-spenders.json",
                Files.readAllBytes(home.resolve("samples/loyal-big-spenders.json")));
    }

    /** The uploads, as one trigger each (a put of the same bytes is the same S3 object version, the same ETag). */
    public List<Trigger> uploadTriggers() {
        List<Trigger> triggers = new ArrayList<>();
        uploads.forEach((key, bytes) -> triggers.add(new Trigger("S3 put " + key, cloud -> {
            try (S3Client s3 = cloud.s3Client()) {
                s3.putObject(b -> b.bucket(cloud.bucketName()).key(key), RequestBody.fromBytes(bytes));
            }
            return 0;
        })));
        return triggers;
    }

    /** The API calls that write: 100 live events (one full training batch), one lone event, ad results. */
    public List<Trigger> apiTriggers() {
        StringBuilder batch = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 100; i++) {
            batch.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
                    "{\"userId\":\"live-%d\",\"itemId\":\"85123A\",\"type\":\"%s\",\"quantity\":%d,\"unitPrice\":2.55,"
                            + "\"ts\":\"2010-12-0%dT1%d:00:00Z\",\"eventId\":\"rel-%d\"}",
                    i % 20, i % 3 == 0 ? "purchase" : "view", 1 + i % 4, 1 + i % 9, i % 10, i));
        }
        String events = batch.append("]}").toString();
        String lone = "{\"userId\":\"live-lone\",\"itemId\":\"22752\",\"type\":\"purchase\",\"quantity\":2,"
                + "\"unitPrice\":7.65,\"ts\":\"2010-12-05T09:30:00Z\"}";
        String results = "{\"rows\":[{\"date\":\"2024-06-29\",\"hour\":9,\"channel\":\"search\",\"impressions\":1000,"
                + "\"clicks\":30,\"conversions\":3,\"spend\":25.5,\"revenue\":120.0},{\"date\":\"2024-06-29\",\"hour\":10,"
                + "\"channel\":\"social\",\"impressions\":800,\"clicks\":12,\"conversions\":1,\"spend\":10,\"revenue\":35}]}";
        String question = "{\"question\":\"Is there a loyalty programme for " + ERASED_EMAIL + "?\"}";
        return List.of(
                new Trigger("POST /events (batch of 100)", cloud -> send(cloud, "POST", "/events", events, cloud.tokens().storefront())),
                new Trigger("POST /assistant/ask (names a customer)",
                        cloud -> send(cloud, "POST", "/assistant/ask", question, cloud.tokens().storefront())),
                new Trigger("POST /events (one, no eventId)",
                        cloud -> send(cloud, "POST", "/events", lone, cloud.tokens().storefront())),
                new Trigger("POST /campaigns/spring-sale/results",
                        cloud -> send(cloud, "POST", "/campaigns/spring-sale/results", results,
                                cloud.tokens().backOffice())));
    }

    /**
     * The erasures: an unkeyed record left by an earlier version (as S3 would hold it), then {@code DELETE /users/{id}}
     * of the Shopify customer. Each record triggers the forget sweep.
     */
    public Trigger eraseTrigger() {
        String legacyKey = Layout.legacyErasureKey(Sha256.hex(ERASED_BEFORE_KEYED_RECORDS));
        String legacyRecord = "{\"userHash\":\"" + Sha256.hex(ERASED_BEFORE_KEYED_RECORDS)
                + "\",\"erasedAt\":\"2026-11-01T00:00:00Z\",\"removed\":{\"profile\":true}}";
        return new Trigger("erasure record from before + DELETE /users/" + ERASED_CUSTOMER, cloud -> {
            try (S3Client s3 = cloud.s3Client()) {
                if (s3.listObjectsV2(b -> b.bucket(cloud.bucketName()).prefix(Layout.KEYED_ERASURES)).keyCount() == 0) {
                    // only before the first sweep: once re-keyed it is gone for good, as in a real bucket
                    s3.putObject(b -> b.bucket(cloud.bucketName()).key(legacyKey), RequestBody.fromString(legacyRecord));
                    cloud.awaitIdle(IDLE);
                }
            }
            return send(cloud, "DELETE", "/users/" + ERASED_CUSTOMER, null, cloud.tokens().backOffice());
        });
    }

    /** The nightly scheduled event as a manual rerun for one date sends it ({@code detail.asOf}). */
    public String nightlyAsOf(java.time.LocalDate asOf) throws IOException {
        String nightly = Files.readString(home.resolve("events/scheduled-nightly.json"));
        String rerun = nightly.replace("\"detail\": {}", "\"detail\": {\"asOf\": \"" + asOf + "\"}");
        if (rerun.equals(nightly)) {
            throw new IllegalStateException("events/scheduled-nightly.json has no empty detail to set asOf in");
        }
        return rerun;
    }

    /** The schedules, with the template's real scheduled events. */
    public List<Trigger> scheduleTriggers() throws IOException {
        String nightly = Files.readString(home.resolve("events/scheduled-nightly.json"));
        String daily = Files.readString(home.resolve("events/scheduled-daily.json"));
        return List.of(
                new Trigger("schedule RebuildProfiles", cloud -> invoke(cloud, "RebuildProfilesFunction", nightly)),
                new Trigger("schedule BuildRecommendations",
                        cloud -> invoke(cloud, "BuildRecommendationsFunction", nightly)),
                new Trigger("schedule OptimizeAds", cloud -> invoke(cloud, "OptimizeAdsFunction", daily)));
    }

    /**
     * A second day, for runs that must reach what only a repeat reaches (a previous summary, model or plan to
     * compare with): an e-mail campaign on the first day's audiences, the shop's ad constraints, a batch of live events
     * later than anything before (a full training batch, so it is flushed, and the profiles' as-of date moves on),
     * then the three schedules a day on and the campaigns' nightly measurement.
     */
    /** Ad results of the next day that name the audience each row targeted (a built-in one, issue 15). */
    static final String AUDIENCE_RESULTS = "{\"rows\":[{\"date\":\"2024-06-30\",\"hour\":9,\"channel\":\"search\","
            + "\"impressions\":1000,\"clicks\":30,\"conversions\":4,\"spend\":20,\"revenue\":150,"
            + "\"audience\":\"segment-champions\"},{\"date\":\"2024-06-30\",\"hour\":9,\"channel\":\"search\","
            + "\"impressions\":1000,\"clicks\":25,\"conversions\":1,\"spend\":20,\"revenue\":30}]}";

    public List<Trigger> nextDay() {
        String constraints = "{\"dailyBudget\": 800, \"channelMin\": {\"search\": 100}, \"hourCaps\": {\"3\": 10}}";
        StringBuilder batch = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 100; i++) {
            batch.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
                    "{\"userId\":\"live-%d\",\"itemId\":\"22752\",\"type\":\"purchase\",\"quantity\":1,"
                            + "\"unitPrice\":7.65,\"ts\":\"2024-04-01T1%d:00:00Z\",\"eventId\":\"rel-next-%d\"}",
                    i % 30, i % 10, i));
        }
        String events = batch.append("]}").toString();
        String nightly = "{\"version\":\"0\",\"id\":\"next-night\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"time\":\"2026-11-30T03:00:00Z\",\"region\":\"us-east-1\",\"detail\":{}}";
        String daily = "{\"version\":\"0\",\"id\":\"next-day\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"time\":\"2024-07-01T05:00:00Z\",\"region\":\"us-east-1\",\"detail\":{}}";
        return List.of(
                // A client that sends its campaign twice: the second launch finds the first and changes nothing.
                new Trigger("POST /campaigns " + CAMPAIGN + " (and its replay)", cloud -> {
                    String body = "{\"id\":\"" + CAMPAIGN + "\",\"audience\":\""
                            + audienceHolding(cloud, ERASED_NEXT_DAY) + "\",\"action\":\"email\","
                            + "\"start\":\"2010-12-01\",\"end\":\"2010-12-31\",\"holdout\":0.3,"
                            + "\"offer\":\"SPRING5\"}";
                    int status = send(cloud, "POST", "/campaigns", body, cloud.tokens().backOffice());
                    cloud.awaitIdle(IDLE);
                    return status / 100 == 2 ? send(cloud, "POST", "/campaigns", body, cloud.tokens().backOffice())
                            : status;
                }),
                // An erasure after the first day's audiences exist: the forget sweep rewrites them.
                new Trigger("DELETE /users/" + ERASED_NEXT_DAY, cloud -> send(cloud, "DELETE",
                        "/users/" + ERASED_NEXT_DAY, null, cloud.tokens().backOffice())),
                new Trigger("S3 put raw/ads/constraints.json", cloud -> {
                    try (S3Client s3 = cloud.s3Client()) {
                        s3.putObject(b -> b.bucket(cloud.bucketName()).key(Layout.AD_CONSTRAINTS_KEY),
                                RequestBody.fromString(constraints));
                    }
                    return 0;
                }),
                // Results per audience once audiences exist: cleaned against the audience index, planned per audience.
                new Trigger("POST /campaigns/summer-audiences/results (per audience)",
                        cloud -> send(cloud, "POST", "/campaigns/summer-audiences/results", AUDIENCE_RESULTS,
                                cloud.tokens().backOffice())),
                new Trigger("POST /events (next day)",
                        cloud -> send(cloud, "POST", "/events", events, cloud.tokens().storefront())),
                new Trigger("schedule RebuildProfiles (next night)",
                        cloud -> invoke(cloud, "RebuildProfilesFunction", nightly)),
                new Trigger("schedule BuildRecommendations (next night)",
                        cloud -> invoke(cloud, "BuildRecommendationsFunction", nightly)),
                new Trigger("schedule OptimizeAds (next day)", cloud -> invoke(cloud, "OptimizeAdsFunction", daily)),
                new Trigger("schedule MeasureCampaigns (next night)",
                        cloud -> invoke(cloud, "MeasureCampaignsFunction", nightly)));
    }

    /** The name of the first audience (by name) whose published members include the customer. */
    static String audienceHolding(LocalCloud cloud, String customer) {
        try (S3Client s3 = cloud.s3Client()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix(Layout.AUDIENCE_MEMBERS))
                    .contents().stream()
                    .filter(o -> s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(o.key())).asUtf8String()
                            .contains("\"userId\":\"" + customer + "\""))
                    .map(o -> o.key().split("/")[2]).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no audience holds " + customer));
        }
    }

    /** Every trigger of the day, in the order a day delivers them. */
    public List<Trigger> all() throws IOException {
        List<Trigger> all = new ArrayList<>(uploadTriggers());
        all.addAll(apiTriggers());
        all.add(eraseTrigger());
        all.addAll(scheduleTriggers());
        return all;
    }

    /**
     * Delivers the day once, waiting for each step's asynchronous consequences (S3 triggers, retries) before the
     * next. An API call answered 5xx is sent again, at most three times, as a client with a retry policy would.
     *
     * @return how many API calls had to be sent again
     */
    public int runDay(LocalCloud cloud) throws Exception {
        for (Trigger trigger : uploadTriggers()) {
            trigger.delivery().deliver(cloud);
        }
        cloud.awaitIdle(IDLE);
        int resent = 0;
        List<Trigger> calls = new ArrayList<>(apiTriggers());
        calls.add(eraseTrigger());
        for (Trigger trigger : calls) {
            int status = trigger.delivery().deliver(cloud);
            for (int attempt = 1; status >= 500 && attempt < 3; attempt++) {
                resent++;
                status = trigger.delivery().deliver(cloud);
            }
            expect2xx(trigger, status);
            cloud.awaitIdle(IDLE);
        }
        for (Trigger trigger : scheduleTriggers()) {
            trigger.delivery().deliver(cloud);
            cloud.awaitIdle(IDLE);
        }
        return resent;
    }


    private static void expect2xx(Trigger trigger, int status) {
        if (status / 100 != 2) {
            throw new IllegalStateException(trigger.name() + " answered " + status);
        }
    }

    /** EventBridge invokes asynchronously, so a failed run is retried as Lambda retries it. */
    private static int invoke(LocalCloud cloud, String function, String event) {
        cloud.functions().invokeAsync(function, event);
        return 0;
    }

    /** One API call through the local gateway with this bearer token (null: none). */
    public static int send(LocalCloud cloud, String method, String pathAndQuery, String body, String token)
            throws IOException, InterruptedException {
        return exchange(cloud, method, pathAndQuery, body, token).statusCode();
    }

    static HttpResponse<String> exchange(LocalCloud cloud, String method, String pathAndQuery, String body,
                                         String token) throws IOException, InterruptedException {
        // An unencodable path throws rather than being swapped for another request: a run counts it as a failed call.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + pathAndQuery)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] firstLines(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return (String.join("\n", all.subList(0, Math.min(lines, all.size()))) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
