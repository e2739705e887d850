package io.shopsense.function.marketingapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.UploadManifest;
import io.shopsense.http.ApiException;
import io.shopsense.pipeline.Layout;
import io.shopsense.pipeline.UnansweredLog;
import io.shopsense.runtime.LogOutput;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ObjectStore.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dashboard's panels, one answer each, read from what the pipeline already wrote to the bucket (it computes
 * nothing heavy): the rebuild's profile summary, the upload manifests, the newest recommendation model and ad plan
 * report, the assistant's unanswered questions. Every answer has {@code ready}; when the shop has no data for a panel yet, {@code next} says what to do.
 */
final class Dashboard {
    /** Newest manifests a data-health answer reads; older uploads are counted but not opened. */
    static final int MAX_MANIFESTS = 100;
    // The keys the pipeline writes, as the writers define them: the dashboard spells none of its own.
    static final String PROFILE_SUMMARY = Layout.PROFILE_SUMMARY_KEY;
    static final String MANIFESTS = Layout.MANIFESTS;
    static final String RECOMMENDATION_MODELS = Layout.RECOMMENDATION_MODELS;
    static final String AD_REPORTS = Layout.AD_REPORTS;
    static final int ASSISTANT_DAYS = 30;
    static final int MAX_QUESTIONS = 20;
    /** Overlaps shown, largest first: pairs of built-in audiences alone number in the hundreds. */
    static final int MAX_OVERLAPS = 30;

    /** What the page needs to show the shop's numbers as the shop reads them: its currency and its time zone. */
    record Shop(String currency, ZoneId timeZone) {
    }

    private final ObjectStore bucket;
    private final Shop shop;

    Dashboard(ObjectStore bucket, Shop shop) {
        this.bucket = bucket;
        this.shop = shop;
    }

    /** Customers by segment, CLV and churn histograms and the movement since the last rebuild. */
    ObjectNode profiles() {
        Optional<ObjectInfo> summary = bucket.find(PROFILE_SUMMARY);
        if (summary.isEmpty()) {
            return notReady("No customer profiles yet. Upload an orders export (CSV or JSON Lines) under raw/orders/;"
                    + " profiles appear as it is cleaned, and this summary after the nightly rebuild-profiles run.");
        }
        ObjectNode body = ready(summary.get());
        body.setAll((ObjectNode) read(summary.get().key()));
        return body;
    }

    /**
     * Uploads and their rows clean and rejected by reason (newest {@value #MAX_MANIFESTS} manifests), the time each
     * scheduled or S3-triggered function last wrote its output, and what is known about failed invocations.
     */
    ObjectNode dataHealth() {
        List<ObjectInfo> manifests = bucket.list(MANIFESTS).stream()
                .filter(info -> info.key().endsWith(".json") && info.key().indexOf('/', MANIFESTS.length()) < 0)
                .sorted(Comparator.comparingLong(ObjectInfo::lastModifiedMillis).reversed()
                        .thenComparing(ObjectInfo::key))
                .toList();
        ObjectNode body = manifests.isEmpty()
                ? notReady("No uploads yet. Put a shop export under raw/orders/ (orders), raw/catalog/, raw/ads/ or"
                + " raw/faq/ in the data bucket; each upload gets a manifest here with its rows clean and rejected.")
                : ready(manifests.get(0));
        long rowsIn = 0;
        long rowsClean = 0;
        long rowsRejected = 0;
        int failed = 0;
        Map<String, Long> byReason = new TreeMap<>();
        ArrayNode uploads = body.putArray("uploads");
        for (ObjectInfo info : manifests.subList(0, Math.min(MAX_MANIFESTS, manifests.size()))) {
            UploadManifest manifest = readManifest(info.key());
            CleanReport report = manifest.report();
            ObjectNode upload = uploads.addObject();
            upload.put("sourceId", report.sourceId());
            upload.put("input", manifest.input());
            upload.put("kind", manifest.kind());
            upload.put("at", Instant.ofEpochMilli(info.lastModifiedMillis()).toString());
            upload.put("format", report.format());
            upload.put("status", report.status().code());
            upload.put("rowsIn", report.rowsIn());
            upload.put("rowsClean", report.rowsClean());
            upload.put("rowsRejected", report.rowsRejected());
            report.rejectsByReason().forEach(upload.putObject("rejectsByReason")::put);
            upload.put("errorCode", report.errorCode());
            rowsIn += report.rowsIn();
            rowsClean += report.rowsClean();
            rowsRejected += report.rowsRejected();
            failed += report.ok() ? 0 : 1;
            report.rejectsByReason().forEach((reason, n) -> byReason.merge(reason, n, Long::sum));
        }
        ObjectNode totals = body.putObject("totals");
        totals.put("uploads", manifests.size());
        totals.put("uploadsShown", uploads.size());
        totals.put("failedUploads", failed);
        totals.put("rowsIn", rowsIn);
        totals.put("rowsClean", rowsClean);
        totals.put("rowsRejected", rowsRejected);
        byReason.forEach(totals.putObject("rejectsByReason")::put);
        ArrayNode runs = body.putArray("lastRuns");
        lastRun(runs, "clean-upload", manifests.isEmpty() ? Optional.empty() : Optional.of(manifests.get(0)),
                "newest manifests/ object");
        lastRun(runs, "rebuild-profiles", bucket.find(PROFILE_SUMMARY), PROFILE_SUMMARY);
        lastRun(runs, "build-recommendations", newest(RECOMMENDATION_MODELS), "newest " + RECOMMENDATION_MODELS
                + " object");
        lastRun(runs, "build-audiences", bucket.find(Layout.AUDIENCE_INDEX_KEY), Layout.AUDIENCE_INDEX_KEY);
        lastRun(runs, "optimize-ads", newest(AD_REPORTS), "newest " + AD_REPORTS + " object");
        lastRun(runs, "assistant", new UnansweredLog(bucket).newest(), "newest " + UnansweredLog.PREFIX
                + " object (written only for a question it could not answer)");
        for (String function : List.of("update-profiles", "track-events")) {
            ObjectNode run = runs.addObject().put("function", function).putNull("at");
            run.put("source", "writes no object of its own; see its CloudWatch logs");
        }
        Optional<LogOutput.Operations> operations = LogOutput.operations();
        operations(body, operations);
        ObjectNode deadLetters = body.putObject("deadLetters");
        if (operations.isPresent()) {
            deadLetters.put("readable", true);
            deadLetters.put("count", operations.get().deadLetters());
            deadLetters.put("note", operations.get().deadLetters() + " event(s) in the local dead-letter queue"
                    + " (.shopsense/dead-letters.jsonl): asynchronous invocations that failed three times.");
            return body;
        }
        deadLetters.put("readable", false);
        deadLetters.put("note", "Failed asynchronous invocations (after two retries) go to the stack's SQS dead-letter"
                + " queue (DeadLetterQueueUrl output); locally to .shopsense/dead-letters.jsonl. The API is not granted"
                + " to read either; failed uploads are counted above from their manifests.");
        return body;
    }

    /**
     * The newest outcome record of every function, where the host keeps them (the local cloud); in AWS they are in
     * CloudWatch (the stack's operations dashboard and alarms), which the API is not granted to read.
     */
    private static void operations(ObjectNode body, Optional<LogOutput.Operations> operations) {
        ObjectNode out = body.putObject("operations");
        out.put("available", operations.isPresent());
        if (operations.isEmpty()) {
            out.put("note", "Each function's outcome records are in its CloudWatch log group; the stack's"
                    + " CloudWatch dashboard and alarms watch them.");
            return;
        }
        ArrayNode functions = out.putArray("functions");
        operations.get().lastOutcomes().forEach((function, line) -> {
            JsonNode record;
            try {
                record = Json.MAPPER.readTree(line);
            } catch (java.io.IOException unreadable) {
                return;
            }
            ObjectNode row = functions.addObject().put("function", function);
            for (String field : List.of("timestamp", "outcome", "decision", "trigger", "source", "requestId")) {
                row.set(field, record.path(field).isMissingNode() ? null : record.get(field));
            }
        });
    }

    /** The chosen recommendation algorithm and its hold-out figures, with popularity as the baseline to beat. */
    ObjectNode recommendations() {
        Optional<ObjectInfo> model = newest(RECOMMENDATION_MODELS);
        if (model.isEmpty()) {
            return notReady("No recommendation model yet. Upload orders under raw/orders/, then the nightly"
                    + " build-recommendations run chooses an algorithm on a hold-out and precomputes every list.");
        }
        JsonNode artefact = read(model.get().key());
        ObjectNode body = ready(model.get());
        body.put("modelKey", model.get().key());
        for (String field : List.of("algorithm", "chosenBy", "builtAt", "events", "users", "items", "splitAt")) {
            body.set(field, artefact.path(field).isMissingNode() ? null : artefact.get(field));
        }
        JsonNode evaluation = artefact.path("evaluation");
        body.set("mode", evaluation.path("mode").isMissingNode() ? null : evaluation.get("mode"));
        ArrayNode results = body.putArray("results");
        JsonNode popularity = null;
        for (JsonNode result : evaluation.path("results")) {
            results.add(result);
            if ("popularity".equals(result.path("algorithm").asText())) {
                popularity = result;
            }
        }
        body.set("chosen", evaluation.path("chosen").isObject() ? evaluation.get("chosen") : null);
        body.set("popularity", popularity);
        JsonNode chosen = evaluation.path("chosen");
        if (popularity != null && chosen.isObject() && popularity.path("ndcgAt10").asDouble() > 0) {
            body.put("ndcgLiftOverPopularity", chosen.path("ndcgAt10").asDouble()
                    / popularity.path("ndcgAt10").asDouble());
        } else {
            body.putNull("ndcgLiftOverPopularity");
        }
        body.set("skipped", evaluation.path("skipped"));
        return body;
    }

    // --- reviews (issue #17) ---
    /**
     * The worst-rated items (Bayesian average, enough reviews) with the words their 1-2 star reviews use most, as the
     * newest recommendation build weighed them ({@code ratings} of its model artefact).
     */
    ObjectNode reviews() {
        Optional<ObjectInfo> model = newest(RECOMMENDATION_MODELS);
        JsonNode ratings = model.isEmpty() ? null : read(model.get().key()).path("ratings");
        if (ratings == null || !ratings.isObject() || ratings.path("reviews").asInt() == 0) {
            return notReady("No reviews weighed yet. Upload a review export (Shopify Product Reviews CSV, or a CSV or"
                    + " JSON Lines with user, item, rating 1-5, title, body, time) under raw/reviews/; the nightly"
                    + " build-recommendations run then ranks the items by rating.");
        }
        ObjectNode body = ready(model.get());
        body.put("modelKey", model.get().key());
        for (String field : List.of("reviews", "shopMean", "itemsRated", "itemsDemoted", "worstRated")) {
            body.set(field, ratings.path(field).isMissingNode() ? null : ratings.get(field));
        }
        return body;
    }

    /**
     * One campaign's newest ad plan report (or the plan for {@code date}): the channel × hour allocations, expected
     * conversions and revenue with 95% intervals, and the cells that changed since the previous plan.
     */
    ObjectNode ads(Optional<String> campaign, Optional<LocalDate> date) {
        TreeMap<String, TreeSet<String>> campaignsByDate = new TreeMap<>();
        for (ObjectInfo info : bucket.list(AD_REPORTS)) {
            String[] parts = info.key().substring(AD_REPORTS.length()).split("/");
            if (parts.length == 2 && parts[1].endsWith(".json") && parts[0].matches("\\d{4}-\\d{2}-\\d{2}")) {
                campaignsByDate.computeIfAbsent(parts[0], d -> new TreeSet<>())
                        .add(parts[1].substring(0, parts[1].length() - ".json".length()));
            }
        }
        if (campaignsByDate.isEmpty()) {
            if (date.isPresent() || campaign.isPresent()) {
                throw ApiException.notFound("no ad plan has been made yet");
            }
            return notReady("No ad plan yet. Upload ad results (date, hour, channel, campaign, impressions, clicks,"
                    + " conversions, spend, revenue) under raw/ads/ or POST /campaigns/{id}/results; the daily"
                    + " optimize-ads run then plans tomorrow's budget.");
        }
        String day = date.map(LocalDate::toString).orElse(campaignsByDate.lastKey());
        TreeSet<String> segments = campaignsByDate.get(day);
        if (segments == null) {
            throw ApiException.notFound("no ad plan for " + day);
        }
        List<String> campaigns = segments.stream().map(Dashboard::unescape).toList();
        String chosen = campaign.orElse(campaigns.get(0));
        int index = campaigns.indexOf(chosen);
        if (index < 0) {
            throw ApiException.notFound("no ad plan for campaign " + chosen + " on " + day);
        }
        String key = Layout.adReportKey(LocalDate.parse(day), chosen);
        ObjectNode body = ready(bucket.find(key).orElseThrow(() -> ApiException.notFound("the plan report is gone")));
        ArrayNode names = body.putArray("campaigns");
        campaigns.forEach(names::add);
        body.set("report", read(key));
        return body;
    }

    /** The assistant's most asked unanswered questions of the last {@value #ASSISTANT_DAYS} days: the FAQ's gaps. */
    ObjectNode assistant() {
        UnansweredLog.Summary summary = new UnansweredLog(bucket).summary(ASSISTANT_DAYS, MAX_QUESTIONS);
        if (summary.newest().isEmpty()) {
            return notReady("No unanswered questions yet. When the assistant cannot answer a shopper (POST"
                    + " /assistant/ask answers 'answered': false), the question is listed here: add its answer to"
                    + " raw/faq/faq.md.");
        }
        ObjectNode body = ready(summary.newest().get());
        body.put("days", ASSISTANT_DAYS);
        ArrayNode questions = body.putArray("questions");
        summary.mostAsked().entries().forEach(entry ->
                questions.addObject().put("question", entry.question()).put("count", entry.count()));
        return body;
    }

    /**
     * The newest audience build: each audience's size and whether the ad platforms would take it, the overlaps
     * between them (largest first), the shop's rule files that were rejected, with the reason, and the next plan's
     * budget per audience ({@link #nextPlanByAudience}).
     */
    ObjectNode audiences() {
        Optional<ObjectInfo> index = bucket.find(Layout.AUDIENCE_INDEX_KEY);
        if (index.isEmpty()) {
            return notReady("No audiences yet. They are built after each nightly rebuild-profiles run; add your own"
                    + " as rule files under raw/audiences/ (see the README).");
        }
        ObjectNode body = ready(index.get());
        JsonNode stored = read(index.get().key());
        body.set("asOf", stored.path("asOf"));
        body.set("customers", stored.path("customers"));
        body.set("inAnyAudience", stored.path("inAny"));
        ArrayNode audiences = body.putArray("audiences");
        for (JsonNode entry : stored.path("audiences")) {
            audiences.addObject().put("name", entry.path("name").asText()).put("kind", entry.path("kind").asText())
                    .put("definition", entry.path("definition").asText()).put("size", entry.path("size").asInt())
                    .put("withEmail", entry.path("withEmail").asInt())
                    .put("targetable", entry.path("targetable").asBoolean());
        }
        List<JsonNode> overlaps = new java.util.ArrayList<>();
        stored.path("overlaps").forEach(overlaps::add);
        overlaps.sort(Comparator.comparingInt((JsonNode o) -> -o.path("shared").asInt())
                .thenComparing(o -> o.path("a").asText()).thenComparing(o -> o.path("b").asText()));
        ArrayNode top = body.putArray("overlaps");
        overlaps.stream().limit(MAX_OVERLAPS).forEach(top::add);
        body.put("overlapsTotal", overlaps.size());
        body.set("rejectedRules", stored.path("rules").path("rejected"));
        body.set("nextPlan", nextPlanByAudience());
        return body;
    }

    /** Every campaign with its state and verdict, from the nightly measurement's listing. */
    ObjectNode campaigns() {
        Optional<ObjectInfo> listing = bucket.find(Layout.CAMPAIGN_VERDICTS_KEY);
        if (listing.isEmpty()) {
            return notReady("No campaigns measured yet. Define one with POST /campaigns or a file under"
                    + " raw/campaigns/{id}.json (an audience, an action, a window, a holdout share); launched campaigns"
                    + " are measured every night against their holdout.");
        }
        ObjectNode body = ready(listing.get());
        JsonNode stored = read(listing.get().key());
        body.set("measuredOn", stored.path("measuredOn"));
        body.set("campaigns", stored.path("campaigns"));
        return body;
    }

    /**
     * The newest plan date's budget per audience, summed over the campaigns planned per audience that day
     * ({@code budgetByAudience} of their reports), or null when no plan of that day targets an audience.
     */
    private JsonNode nextPlanByAudience() {
        TreeMap<String, List<String>> reportsByDate = new TreeMap<>();
        for (ObjectInfo info : bucket.list(AD_REPORTS)) {
            String[] parts = info.key().substring(AD_REPORTS.length()).split("/");
            if (parts.length == 2 && parts[1].endsWith(".json") && parts[0].matches("\\d{4}-\\d{2}-\\d{2}")) {
                reportsByDate.computeIfAbsent(parts[0], d -> new java.util.ArrayList<>()).add(info.key());
            }
        }
        if (reportsByDate.isEmpty()) {
            return Json.MAPPER.nullNode();
        }
        TreeMap<String, Double> budgets = new TreeMap<>();
        ArrayNode campaigns = Json.MAPPER.createArrayNode();
        for (String key : new TreeSet<>(reportsByDate.lastEntry().getValue())) {
            JsonNode report = read(key);
            if (report.has("budgetByAudience")) {
                campaigns.add(report.path("campaignId").asText());
                report.path("budgetByAudience").fields().forEachRemaining(e ->
                        budgets.merge(e.getKey(), e.getValue().asDouble(), Double::sum));
            }
        }
        if (budgets.isEmpty()) {
            return Json.MAPPER.nullNode();
        }
        ObjectNode plan = Json.MAPPER.createObjectNode();
        plan.put("date", reportsByDate.lastKey());
        plan.set("campaigns", campaigns);
        ObjectNode byAudience = plan.putObject("budgetByAudience");
        budgets.forEach(byAudience::put);
        return plan;
    }

    private static void lastRun(ArrayNode runs, String function, Optional<ObjectInfo> output, String source) {
        ObjectNode run = runs.addObject().put("function", function);
        if (output.isPresent()) {
            run.put("at", Instant.ofEpochMilli(output.get().lastModifiedMillis()).toString());
        } else {
            run.putNull("at");
        }
        run.put("source", source);
    }

    /** The newest object under a prefix of dated keys ({@code …/YYYY-MM-DD…}): keys sort by date. */
    private Optional<ObjectInfo> newest(String prefix) {
        return bucket.list(prefix).stream().filter(info -> info.key().endsWith(".json"))
                .max(Comparator.comparing(ObjectInfo::key));
    }

    private JsonNode read(String key) {
        try (InputStream in = bucket.open(key)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    private UploadManifest readManifest(String key) {
        try (InputStream in = bucket.open(key)) {
            return UploadManifest.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    private ObjectNode ready(ObjectInfo source) {
        ObjectNode body = withShop();
        body.put("ready", true);
        body.put("updatedAt", Instant.ofEpochMilli(source.lastModifiedMillis()).toString());
        return body;
    }

    private ObjectNode notReady(String next) {
        ObjectNode body = withShop();
        body.put("ready", false);
        body.put("next", next);
        return body;
    }

    /** Every answer says the shop's currency and time zone, so whichever panel loads first can format the others. */
    private ObjectNode withShop() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("shop").put("currency", shop.currency()).put("timeZone", shop.timeZone().getId());
        return body;
    }

    /** A campaign id back from its key segment ({@code Layout.adReportKey} percent-encodes unsafe characters). */
    private static String unescape(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
