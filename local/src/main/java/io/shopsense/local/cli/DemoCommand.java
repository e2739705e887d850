package io.shopsense.local.cli;

import io.shopsense.campaign.TreatmentExport;
import io.shopsense.pipeline.Layout;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.ScheduleRunner;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.model.Segment;
import io.shopsense.pipeline.AudienceBuild;
import io.shopsense.store.s3.S3ObjectStore;
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code demo}: the whole pipeline on the committed sample. Starts the local cloud, uploads the shop's exports (orders,
 * FAQ, ad results) so their S3 triggers clean them and build profiles, runs the scheduled functions once, then asks
 * the HTTP API for one customer's recommendations and tomorrow's ad plan, prints a summary and serves the API.
 */
@Command(name = "demo", description = "Run the whole local pipeline on sample data, then serve the API.")
final class DemoCommand implements Callable<Integer> {
    private static final String CAMPAIGN = "spring-sale";
    /** A second campaign whose results name the audiences it targeted (two built-in ones): planned per audience. */
    private static final String TARGETED_CAMPAIGN = "spring-audiences";
    private static final String TARGETED_RESULTS = "ad-results-by-audience.csv";

    @Option(names = "--data", description = "An orders export to use instead of samples/online-retail-sample.csv.gz.")
    Path data;

    @Option(names = "--port", description = "HTTP API port (default: any free port).", defaultValue = "0")
    int port;

    @Option(names = "--no-serve", description = "Exit after the summary instead of serving the API.")
    boolean noServe;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = Workspace.detect();
        if (CloudLauncher.running(workspace).isPresent()) {
            throw new UsageException("a local cloud is already running; stop it with ./shopsense local down first");
        }
        Path samples = workspace.home().resolve("samples");
        Path orders = data != null ? data : samples.resolve("online-retail-sample.csv.gz");
        if (!Files.isReadable(orders)) {
            throw new UsageException("cannot read " + orders);
        }
        long started = System.nanoTime();
        LocalCloud cloud = CloudLauncher.start(workspace, null, port, !noServe, Map.of());
        try (S3Client s3 = cloud.s3Client(); DynamoDbClient dynamoDb = cloud.dynamoDbClient()) {
            Map<String, Path> uploads = new LinkedHashMap<>();
            uploads.put(Layout.RAW_ORDERS + orders.getFileName(), orders);
            uploads.put(Layout.RAW_FAQ + "faq.md", samples.resolve("faq.md"));
            uploads.put(Layout.RAW_ADS + "ad-results.csv", samples.resolve("ad-results.csv"));
            uploads.put(Layout.AUDIENCE_RULES + "loyal-big-spenders.json", samples.resolve("loyal-big-spenders.json"));
            for (Map.Entry<String, Path> upload : uploads.entrySet()) {
                Output.progress("uploading " + upload.getValue().getFileName() + " to s3://" + cloud.bucketName() + "/"
                        + upload.getKey());
                s3.putObject(b -> b.bucket(cloud.bucketName()).key(upload.getKey()), RequestBody.fromFile(upload.getValue()));
            }
            Output.progress("waiting for clean-upload and update-profiles (S3 triggers)...");
            cloud.awaitIdle(Duration.ofMinutes(20));
            // Reviews (issue #17) after the orders: their items are checked against the catalogue the orders made.
            // The sample reviews name the sample shop's customers and items, so they go with it only.
            Path reviews = samples.resolve("reviews.csv");
            if (data == null) {
                String key = Layout.RAW_REVIEWS + reviews.getFileName();
                Output.progress("uploading " + reviews.getFileName() + " to s3://" + cloud.bucketName() + "/" + key);
                s3.putObject(b -> b.bucket(cloud.bucketName()).key(key), RequestBody.fromFile(reviews));
                uploads.put(key, reviews);
                cloud.awaitIdle(Duration.ofMinutes(5));
            }

            Output.progress("running the scheduled functions once...");
            LocalDate planDate = lastAdDate(samples.resolve("ad-results.csv")).plusDays(1);
            invokeScheduled(cloud, "RebuildProfilesFunction", null);
            cloud.awaitIdle(Duration.ofMinutes(5)); // build-audiences, triggered by the rebuild's summary
            // Results that name their audiences can only be cleaned once audiences exist: one campaign targeted them.
            String targeted = Layout.RAW_ADS + TARGETED_RESULTS;
            Output.progress("uploading " + TARGETED_RESULTS + " to s3://" + cloud.bucketName() + "/" + targeted);
            s3.putObject(b -> b.bucket(cloud.bucketName()).key(targeted),
                    RequestBody.fromFile(samples.resolve(TARGETED_RESULTS)));
            uploads.put(targeted, samples.resolve(TARGETED_RESULTS));
            cloud.awaitIdle(Duration.ofMinutes(5));
            invokeScheduled(cloud, "BuildRecommendationsFunction", null);
            // The day before first, so tomorrow's plan (and the dashboard) can show what changed from yesterday's.
            invokeScheduled(cloud, "OptimizeAdsFunction", planDate.minusDays(1));
            invokeScheduled(cloud, "OptimizeAdsFunction", planDate);
            cloud.awaitIdle(Duration.ofMinutes(5));

            String customer = bestCustomer(dynamoDb, cloud.tableName("ProfilesTable"));
            Map<String, Object> tokens = CloudLauncher.printedTokens(cloud, customer);
            String backOffice = (String) tokens.get("backOffice");
            String storefront = (String) tokens.get("storefront");
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("api", cloud.apiEndpoint() == null ? null : cloud.apiEndpoint().toString());
            summary.put("tokens", tokens);
            summary.put("dashboard", cloud.apiEndpoint() == null ? null : dashboardUrl(cloud, backOffice));
            summary.put("uploads", new ArrayList<>(uploads.keySet()));
            summary.put("profiles", segmentCounts(dynamoDb, cloud.tableName("ProfilesTable")));
            summary.put("audiences", audiences(s3, cloud.bucketName()));
            if (cloud.apiEndpoint() != null) {
                summary.put("recommendations", get(cloud, backOffice, "/users/" + customer + "/recommendations?n=5"));
                if (data == null) {   // the most reviewed sample item: its rating summary and similar items
                    summary.put("itemRating", get(cloud, backOffice, "/items/" + mostReviewed(reviews)
                            + "/similar?n=3"));
                }
                summary.put("adPlans", planSummary(get(cloud, backOffice,
                        "/campaigns/" + CAMPAIGN + "/plan?date=" + planDate)));
                summary.put("audiencePlan", planSummary(get(cloud, backOffice,
                        "/campaigns/" + TARGETED_CAMPAIGN + "/plan?date=" + planDate)));
                summary.put("assistant", post(cloud, storefront, "/assistant/ask",
                        "{\"question\":\"How long does delivery take?\"}"));
                // A question the sample FAQ cannot answer: the dashboard's assistant panel lists it.
                summary.put("assistantGap", post(cloud, storefront, "/assistant/ask",
                        "{\"question\":\"Is there a loyalty programme?\"}"));
                summary.put("curl", curlLines(cloud, tokens, customer, planDate));
                summary.put("campaign", aaCampaign(cloud, backOffice));
            }
            summary.put("deadLetters", cloud.functions().deadLetters().all().size());
            summary.put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
            Output.result(summary);
            if (noServe) {
                return 0;
            }
            Output.progress("the API is served at " + cloud.apiEndpoint() + "; try the curl lines above. Ctrl-C to stop.");
            Output.progress("the dashboard: open " + dashboardUrl(cloud, backOffice) + " in a browser");
            Map<String, Object> running = new LinkedHashMap<>();
            running.put("pid", ProcessHandle.current().pid());
            running.put("s3", cloud.s3Endpoint().toString());
            running.put("dynamodb", cloud.dynamoDbEndpoint().toString());
            running.put("api", cloud.apiEndpoint().toString());
            running.put("tokens", tokens);
            CloudLauncher.serveUntilStopped(workspace, cloud, running);
            return 0;
        } finally {
            if (noServe) {
                cloud.close();
            }
        }
    }

    /** The item with the most reviews in a generic reviews CSV (its second column), the lowest id on a tie. */
    static String mostReviewed(Path reviews) throws java.io.IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (var lines = Files.lines(reviews)) {
            lines.skip(1).map(line -> line.split(",", 3)).filter(cells -> cells.length > 2)
                    .forEach(cells -> counts.merge(cells[1], 1, Integer::sum));
        }
        return counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElseThrow();
    }

    /** The dashboard page with a back-office token in the fragment (never sent to a server, kept in the tab only). */
    static String dashboardUrl(LocalCloud cloud, String backOfficeToken) {
        return cloud.apiEndpoint() + "/dashboard#token=" + backOfficeToken;
    }

    /**
     * One campaign launched through the API on the sample's high-value customers with a window in October 2011, long
     * before the demo could have sent anything: an A/A campaign, whose honest verdict is that no effect is detected.
     */
    private static Map<String, Object> aaCampaign(LocalCloud cloud, String backOffice) throws Exception {
        String id = "demo-aa-2011-10";
        Output.progress("launching campaign " + id + " (an A/A: nothing was sent) and measuring it...");
        post(cloud, backOffice, "/campaigns", "{\"id\":\"" + id + "\",\"audience\":\"high-value\","
                + "\"action\":\"email\",\"start\":\"2011-10-01\",\"end\":\"2011-10-31\",\"holdout\":0.5,"
                + "\"offer\":\"DEMO10\"}");
        cloud.awaitIdle(Duration.ofMinutes(5));
        invokeScheduled(cloud, "MeasureCampaignsFunction", null);
        JsonNode report = get(cloud, backOffice, "/campaigns/" + id + "/uplift");
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("id", id);
        campaign.put("audience", report.path("audience").asText());
        campaign.put("treatment", report.at("/uplift/treatment/members").asInt());
        campaign.put("holdout", report.at("/uplift/holdout/members").asInt());
        campaign.put("upliftPp", report.at("/uplift/upliftPp"));
        campaign.put("upliftCi", report.at("/uplift/upliftCi"));
        campaign.put("verdict", report.at("/uplift/verdict").asText());
        campaign.put("export", Layout.campaignExportKey(id, TreatmentExport.FILE));
        return campaign;
    }

    private static void invokeScheduled(LocalCloud cloud, String function, LocalDate date) throws Exception {
        FunctionSpec spec = cloud.functions().function(function);
        String event = ScheduleRunner.event(spec, spec.schedules().get(0), Instant.now());
        if (date != null) {
            JsonNode node = Output.JSON.readTree(event);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("detail")).put("date", date.toString());
            event = node.toString();
        }
        String response = cloud.functions().invoke(function, event);
        Output.progress(function + ": " + (response.length() > 300 ? response.substring(0, 300) + "…" : response));
    }

    private static Map<String, Object> segmentCounts(DynamoDbClient dynamoDb, String table) {
        Map<String, Integer> counts = new TreeMap<>();
        int[] customers = {0};
        dynamoDb.scanPaginator(b -> b.tableName(table).projectionExpression("#s").expressionAttributeNames(
                Map.of("#s", "segment"))).items().forEach(item -> {
                    customers[0]++;
                    counts.merge(item.getOrDefault("segment", AttributeValue.fromS("no purchase yet")).s(), 1, Integer::sum);
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customers", customers[0]);
        out.put("segments", counts);
        return out;
    }

    /** The Champion with the highest CLV: a customer whose recommendations show the model at work. */
    private static String bestCustomer(DynamoDbClient dynamoDb, String table) {
        var page = dynamoDb.query(b -> b.tableName(table).indexName("bySegment")
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "segment"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(Segment.CHAMPIONS.label())))
                .scanIndexForward(false).limit(1));
        return page.items().isEmpty() ? "unknown-customer" : page.items().get(0).get("userId").s();
    }

    /** The plan in a few lines: totals with intervals, budget per channel, the five biggest channel × hour cells. */
    private static JsonNode planSummary(JsonNode plan) {
        if (!plan.has("allocations")) {
            return plan;
        }
        var out = Output.JSON.createObjectNode();
        for (String field : List.of("campaignId", "date", "budget", "expectedConversions", "conversionsLow",
                "conversionsHigh", "expectedRevenue", "unallocated")) {
            out.set(field, plan.get(field));
        }
        Map<String, Double> byChannel = new TreeMap<>();
        Map<String, Double> byAudience = new TreeMap<>();
        List<JsonNode> cells = new ArrayList<>();
        plan.path("allocations").forEach(cell -> {
            byChannel.merge(cell.path("channel").asText(), cell.path("budget").asDouble(), Double::sum);
            if (cell.hasNonNull("audience")) {
                byAudience.merge(cell.path("audience").asText(), cell.path("budget").asDouble(), Double::sum);
            }
            cells.add(cell);
        });
        var channels = out.putObject("budgetByChannel");
        byChannel.forEach((channel, budget) -> channels.put(channel, Math.round(budget * 100) / 100.0));
        if (!byAudience.isEmpty()) { // a plan per audience × channel × hour
            var audiences = out.putObject("budgetByAudience");
            byAudience.forEach((audience, budget) -> audiences.put(audience, Math.round(budget * 100) / 100.0));
        }
        var top = out.putArray("topCells");
        cells.stream().sorted((a, b) -> Double.compare(b.path("budget").asDouble(), a.path("budget").asDouble()))
                .limit(5).forEach(cell -> top.addObject()
                        .put("audience", cell.path("audience").asText(null))
                        .put("channel", cell.path("channel").asText())
                        .put("hour", cell.path("hour").asInt())
                        .put("budget", Math.round(cell.path("budget").asDouble() * 100) / 100.0));
        return out;
    }

    private static JsonNode get(LocalCloud cloud, String token, String path) throws Exception {
        return send(token, HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path)).GET());
    }

    private static JsonNode post(LocalCloud cloud, String token, String path, String body) throws Exception {
        return send(token, HttpRequest.newBuilder(URI.create(cloud.apiEndpoint() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode send(String token, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Output.JSON.readTree(response.body());
        return response.statusCode() == 200 ? body
                : Output.JSON.createObjectNode().put("status", response.statusCode()).set("body", body);
    }

    /** Each route with the token its caller would hold: storefront routes the storefront's, the rest the back office's. */
    @SuppressWarnings("unchecked")
    private static List<String> curlLines(LocalCloud cloud, Map<String, Object> tokens, String customer,
                                          LocalDate planDate) {
        String backOffice = "curl -s -H 'Authorization: Bearer " + tokens.get("backOffice") + "' " + cloud.apiEndpoint();
        String storefront = "curl -s -H 'Authorization: Bearer " + tokens.get("storefront") + "' " + cloud.apiEndpoint();
        String signedIn = "curl -s -H 'Authorization: Bearer "
                + ((Map<String, Object>) tokens.get("storefrontCustomer")).get("token") + "' " + cloud.apiEndpoint();
        String json = " -H 'Content-Type: application/json' -d ";
        return List.of(
                signedIn + "/users/" + customer + "/recommendations?n=10",
                signedIn + "/assistant/ask" + json + "'{\"question\":\"Where is my order?\"}'",
                storefront + "/assistant/ask" + json + "'{\"question\":\"Can I return an item?\"}'",
                backOffice + "/users/" + customer + "/profile",
                backOffice + "/segments/champions?limit=5",
                backOffice + "/audiences",
                backOffice + "/audiences/high-value?limit=5",
                backOffice + "/campaigns/" + CAMPAIGN + "/plan?date=" + planDate);
    }

    /**
     * The audiences build-audiences made after the rebuild (its summary object triggered it): name, size and whether
     * the ad platforms would take it, read from the index it published.
     */
    private static List<Map<String, Object>> audiences(S3Client s3, String bucket) throws Exception {
        var index = AudienceBuild.index(new S3ObjectStore(s3, bucket));
        List<Map<String, Object>> listed = new ArrayList<>();
        index.ifPresent(built -> built.audiences().forEach(entry -> {
            Map<String, Object> audience = new LinkedHashMap<>();
            audience.put("name", entry.name());
            audience.put("size", entry.size());
            audience.put("targetable", entry.targetable());
            listed.add(audience);
        }));
        return listed;
    }

    private static LocalDate lastAdDate(Path adResults) throws Exception {
        LocalDate last = LocalDate.MIN;
        try (BufferedReader lines = Files.newBufferedReader(adResults)) {
            lines.readLine();
            for (String line; (line = lines.readLine()) != null; ) {
                LocalDate date = LocalDate.parse(line.substring(0, line.indexOf(',')));
                last = date.isAfter(last) ? date : last;
            }
        }
        return last;
    }
}
