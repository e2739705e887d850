package io.shopsense.function.marketingapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.clean.AdResultRules;
import io.shopsense.clean.RejectReason;
import io.shopsense.http.ApiException;
import io.shopsense.model.AdPerformance;
import io.shopsense.model.AdPlan;
import io.shopsense.model.Recommendation;
import io.shopsense.model.Segment;
import io.shopsense.model.Sha256;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import io.shopsense.pipeline.AudienceBuild;
import io.shopsense.pipeline.AudienceIndex;
import io.shopsense.pipeline.CampaignMeasurement;
import io.shopsense.campaign.CampaignDefinition;
import io.shopsense.campaign.InvalidCampaignException;
import io.shopsense.pipeline.Erasures;
import io.shopsense.security.SegmentCursors;
import io.shopsense.security.ShopSecret;
import io.shopsense.pipeline.Layout;
import io.shopsense.store.AdPlanStore;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ProfileStore;
import io.shopsense.store.RecommendationStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What each route of the marketing API answers, over the precomputed tables only (it never trains): one read per
 * request on the hot routes, so latency stays close to a bare {@code GetItem}.
 */
final class MarketingApi {
    static final int MAX_RESULT_ROWS = 5_000;

    private final RecommendationStore recommendations;
    private final ProfileStore profiles;
    private final AdPlanStore plans;
    private final ObjectStore bucket;
    private final Clock clock;
    private final ZoneId shopZone;
    private final Erasures erasures;
    /** Audience cursors share the segment cursors' key, under a scope no segment label can take. */
    private static final String AUDIENCE_CURSORS = "audience/";
    private final SegmentCursors cursors;

    MarketingApi(RecommendationStore recommendations, ProfileStore profiles, AdPlanStore plans, ObjectStore bucket,
                 Clock clock, ZoneId shopZone, Supplier<ShopSecret> secret) {
        this.erasures = new Erasures(bucket, secret);
        this.cursors = new SegmentCursors(secret);
        this.recommendations = recommendations;
        this.profiles = profiles;
        this.plans = plans;
        this.bucket = bucket;
        this.clock = clock;
        this.shopZone = shopZone;
    }

    /** The data bucket, which the dashboard's panels read too. */
    ObjectStore bucket() {
        return bucket;
    }

    /**
     * A customer's list, or the cold-start list for a customer the last build did not know: never empty, never 404.
     * Without {@code personal} (the caller may not see this customer's history) it is the cold-start list too, whose
     * reasons say nothing about anyone's purchases.
     */
    Map<String, Object> recommendations(String userId, boolean personal, int n, Optional<String> category,
                                        Set<String> exclude) {
        Optional<UserRecommendations> own = personal ? recommendations.get(userId) : Optional.empty();
        UserRecommendations list = own.or(() -> recommendations.get(RecommendationStore.COLD_START_USER))
                .orElseThrow(() -> new ApiException(503, "not_ready",
                        "recommendations have not been built yet; run the build-recommendations function"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Recommendation r : list.items()) {
            if (items.size() == n) {
                break;
            }
            if (exclude.contains(r.itemId())) {
                continue;
            }
            if (category.isPresent() && !inCategory(r, category.get())) {
                continue;
            }
            items.add(answer(r));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("algorithm", list.algorithm());
        body.put("coldStart", own.isEmpty());
        body.put("items", items);
        return body;
    }

    /**
     * Whether the item is in the category (case-insensitively), by the category stored with the list: no read per
     * item. An item whose category the list does not know (a list stored before categories were kept, until the next
     * nightly build) is left out of a filtered answer rather than guessed into it.
     */
    private static boolean inCategory(Recommendation r, String category) {
        return r.category() != null && r.category().equalsIgnoreCase(category);
    }

    String profile(String userId) {
        return profiles.profileJson(userId)
                .orElseThrow(() -> ApiException.notFound("no profile for user " + userId));
    }

    Map<String, Object> similar(String itemId, int n) {
        SimilarItems similar = recommendations.similar(itemId)
                .orElseThrow(() -> ApiException.notFound("no similar items for item " + itemId));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("itemId", itemId);
        if (similar.rating() != null) {
            body.put("rating", similar.rating());   // the item's own reviews (issue #17)
        }
        body.put("items", similar.similar().stream().limit(n).map(MarketingApi::answer).toList());
        return body;
    }

    /** One item as the API answers it: id, score, reason, and the catalogue's name (null if none) and price if known. */
    private static Map<String, Object> answer(Recommendation r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("itemId", r.itemId());
        item.put("name", r.name());
        if (r.price() != null) {
            item.put("price", r.price());
        }
        item.put("score", r.score());
        item.put("reason", r.reason());
        return item;
    }

    /**
     * One page of a segment. The cursor is signed and bound to the segment (see {@link SegmentCursors}), so only a
     * position this API gave out for this segment reaches the store; anything else is a 400.
     */
    Map<String, Object> segment(String name, int limit, String cursor) {
        Segment segment = segmentNamed(name);
        String position = cursor == null ? null : cursors.open(segment.label(), cursor).orElseThrow(() ->
                ApiException.badRequest("cursor is not one this API gave out for segment " + segment.label()));
        ProfileStore.SegmentPage page;
        try {
            page = profiles.segment(segment.label(), limit, position);
        } catch (IllegalArgumentException badCursor) {
            throw ApiException.badRequest("cursor is not one this API gave out for segment " + segment.label());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("segment", segment.label());
        body.put("customers", page.profiles());
        body.put("nextCursor", cursors.sign(segment.label(), page.nextCursor()));
        return body;
    }

    /** Every audience of the newest build: definition, size, whether the ad platforms would take it, export keys. */
    Map<String, Object> audiences() {
        AudienceIndex index = audienceIndex();
        List<Map<String, Object>> audiences = new ArrayList<>();
        for (AudienceIndex.Entry entry : index.audiences()) {
            audiences.add(audienceSummary(entry));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", index.asOf());
        body.put("customers", index.customers());
        body.put("inAnyAudience", index.inAny());
        body.put("audiences", audiences);
        body.put("rejectedRules", index.rules().rejected());
        return body;
    }

    /**
     * One audience and a page of its members (best CLV first). The cursor is the position of the next member, signed
     * and bound to the audience like a segment's, so a forged or moved cursor is a 400.
     */
    Map<String, Object> audience(String name, int limit, String cursor) {
        String position = cursor == null ? null : cursors.open(AUDIENCE_CURSORS + name, cursor)
                .filter(p -> p.matches("[1-9][0-9]{0,8}"))
                .orElseThrow(() -> ApiException.badRequest("cursor is not one this API gave out for audience " + name));
        Optional<AudienceIndex> built;
        try {
            built = AudienceBuild.index(bucket);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the audience index", e);
        }
        AudienceIndex.Entry entry = built.map(index -> index.entry(name)).orElse(null);
        if (entry == null) {
            throw ApiException.notFound("no audience named " + name + (built.isEmpty()
                    ? " (audiences have not been built yet; they are built after each profile rebuild)"
                    : "; GET /audiences lists them"));
        }
        int offset = position == null ? 0 : Integer.parseInt(position);
        if (position != null && offset >= entry.size()) {
            throw ApiException.badRequest("cursor is not one this API gave out");
        }
        AudienceIndex index = built.get();
        List<AudienceIndex.PageMember> members;
        try {
            members = AudienceBuild.members(bucket, index, entry, offset, limit);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the members of audience " + name, e);
        }
        Map<String, Object> body = audienceSummary(entry);
        body.put("members", members);
        int next = offset + members.size();
        body.put("nextCursor", next < entry.size() ? cursors.sign(AUDIENCE_CURSORS + name, Integer.toString(next)) : null);
        return body;
    }

    private AudienceIndex audienceIndex() {
        try {
            return AudienceBuild.index(bucket).orElseThrow(() -> new ApiException(503, "not_ready",
                    "audiences have not been built yet; they are built after each profile rebuild"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the audience index", e);
        }
    }

    private static Map<String, Object> audienceSummary(AudienceIndex.Entry entry) {
        Map<String, Object> audience = new LinkedHashMap<>();
        audience.put("name", entry.name());
        audience.put("kind", entry.kind());
        audience.put("definition", entry.definition());
        audience.put("size", entry.size());
        audience.put("withEmail", entry.withEmail());
        audience.put("noEmail", entry.noEmail());
        audience.put("targetable", entry.targetable());
        audience.put("exports", entry.exports());
        return audience;
    }

    AdPlan plan(String campaignId, Optional<LocalDate> date) {
        LocalDate day = date.orElseGet(() -> LocalDate.now(clock).plusDays(1));
        return plans.get(campaignId, day)
                .orElseThrow(() -> ApiException.notFound("no plan for campaign " + campaignId + " on " + day));
    }

    /**
     * Ad results for the next plan: each row checked by {@link AdResultRules}, the rules cleaning applies, so a row
     * cleaning would reject is refused here with its reason instead of vanishing later; then written as an ad-results
     * CSV under {@code raw/ads/}, where the clean-upload trigger picks them up. The key is a hash of the content, so a
     * replayed POST writes the same object. A row may name the {@code audience} it targeted (one of the last audience
     * build's); the CSV gains an audience column only when some row does, so untargeted posts keep their bytes.
     */
    Map<String, Object> postResults(String campaignId, JsonNode root) {
        JsonNode rows = root == null || !root.isObject() ? null : root.get("rows");
        if (rows == null || !rows.isArray() || rows.isEmpty()) {
            throw ApiException.badRequest("body must be {\"rows\": [ … ]} with at least one row");
        }
        if (rows.size() > MAX_RESULT_ROWS) {
            throw ApiException.badRequest("at most " + MAX_RESULT_ROWS + " rows per request");
        }
        List<AdPerformance> parsed = new ArrayList<>();
        Instant receivedAt = clock.instant();
        Set<String> audienceNames = null;
        for (int i = 0; i < rows.size(); i++) {
            String where = "rows[" + i + "]";
            AdPerformance row = resultRow(campaignId, rows.get(i), where, receivedAt);
            if (row.audience() != null) {
                audienceNames = audienceNames != null ? audienceNames : knownAudiences();
                AdResultRules.Problem problem = AdResultRules.audience(row.audience(), audienceNames);
                if (problem != null) {
                    throw ApiException.badRequest(where + "." + problem.describe() + " (cleaning would reject the row"
                            + " as " + problem.reason().code() + ")");
                }
            }
            parsed.add(row);
        }
        boolean targeted = audienceNames != null;
        StringBuilder csv = new StringBuilder(AdResultRules.csvHeaderLine(targeted));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            String where = "rows[" + i + "]";
            AdPerformance row = parsed.get(i);
            // cleaning lower-cases the channel and drops a repeated row as DUPLICATE: refuse the repeat here instead
            String line = row.date() + "," + row.hour() + "," + row.channel().toLowerCase(Locale.ROOT) + ","
                    + campaignId + "," + row.impressions() + "," + row.clicks() + "," + row.conversions() + ","
                    + row.spend() + "," + row.revenue()
                    + (targeted ? "," + (row.audience() == null ? "" : row.audience()) : "") + "\n";
            Integer earlier = seen.putIfAbsent(line, i);
            if (earlier != null) {
                throw ApiException.badRequest(where + " repeats rows[" + earlier + "]; cleaning would reject it as "
                        + RejectReason.DUPLICATE.code());
            }
            csv.append(line);
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        String key = Layout.postedAdResultsKey(campaignId, Sha256.hex(bytes, 8));
        bucket.put(key, bytes, "text/csv");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("campaignId", campaignId);
        answer.put("accepted", rows.size());
        answer.put("key", key);
        return answer;
    }

    /**
     * Removes the customer's profile and recommendations at once and records the erasure (a keyed hash of the id);
     * the record triggers the forget sweep, which removes them from the clean history, rejects and the assistant's
     * unanswered questions, and from then on uploads and live events of the id are dropped as {@code ERASED}.
     */
    Map<String, Object> deleteUser(String userId) {
        Map<String, Boolean> removed = new LinkedHashMap<>();
        removed.put("profile", profiles.delete(userId));
        removed.put("recommendations", recommendations.delete(userId));
        String record = erasures.record(userId, removed, clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("removed", removed);
        body.put("erasureRecord", record);
        body.put("note", "the clean history, rejects and unanswered questions are swept next; later uploads and"
                + " live events of this customer are dropped");
        return body;
    }

    // ---- campaigns ----
    /**
     * {@code POST /campaigns}: a campaign definition, validated (the message names the field at fault) against the
     * audiences built so far, stored as {@code raw/campaigns/{id}.json}, from where launch-campaign launches it once.
     * A replay writes the same object and the launch changes nothing.
     */
    Map<String, Object> createCampaign(String body) {
        CampaignDefinition definition;
        try {
            definition = CampaignDefinition.parse(null, body.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidCampaignException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        AudienceIndex index;
        try {
            index = AudienceBuild.index(bucket).orElseThrow(() -> ApiException.badRequest(
                    "audience: no audiences are built yet (they follow the nightly profile rebuild)"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the audience index", e);
        }
        if (index.entry(definition.audience()) == null) {
            throw ApiException.badRequest("audience: no audience named " + definition.audience() + "; audiences are "
                    + index.audiences().stream().map(AudienceIndex.Entry::name).toList());
        }
        String key = Layout.campaignDefinitionKey(definition.id());
        bucket.put(key, body.getBytes(StandardCharsets.UTF_8), "application/json");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaign", definition.id());
        out.put("definition", key);
        out.put("status", "accepted");
        out.put("note", "launch-campaign splits the audience into treatment and holdout and exports the treatment"
                + " under exports/campaigns/" + definition.id() + "/; from " + definition.start() + " it is measured"
                + " nightly: GET /campaigns/" + definition.id() + "/uplift");
        return out;
    }

    /** {@code GET /campaigns/{id}/uplift}: the last nightly report, as measure-campaigns wrote it. */
    String uplift(String campaignId) {
        if (!CampaignDefinition.SLUG.matcher(campaignId).matches()) {
            throw ApiException.badRequest("id: a campaign id is lower-case letters, digits and dashes (at most 64)");
        }
        try {
            return new String(CampaignMeasurement.report(bucket, campaignId).orElseThrow(() -> ApiException.notFound(
                    "no uplift report for campaign " + campaignId + " yet: a launched campaign is measured nightly"
                            + " from its first day")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the report of " + campaignId, e);
        }
    }
    // ---- end campaigns ----

    static Segment segmentNamed(String name) {
        String wanted = name.replace('-', ' ').replace('_', ' ').trim().toLowerCase(Locale.ROOT);
        for (Segment segment : Segment.values()) {
            if (segment.label().toLowerCase(Locale.ROOT).equals(wanted)) {
                return segment;
            }
        }
        throw ApiException.notFound("no segment named " + name + "; segments are "
                + java.util.Arrays.stream(Segment.values()).map(Segment::label).toList());
    }

    private AdPerformance resultRow(String campaignId, JsonNode row, String where, Instant receivedAt) {
        if (row == null || !row.isObject()) {
            throw ApiException.badRequest(where + " must be an object");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text(row, "date", where));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(where + ".date must be a date (YYYY-MM-DD)");
        }
        long hour = whole(row, "hour", where);
        String channel = text(row, "channel", where);
        long impressions = whole(row, "impressions", where);
        long clicks = whole(row, "clicks", where);
        long conversions = whole(row, "conversions", where);
        double spend = number(row, "spend", where);
        double revenue = number(row, "revenue", where);
        AdResultRules.Problem problem = AdResultRules.check(date, hour, channel, campaignId, impressions, clicks,
                conversions, spend, revenue, receivedAt, shopZone);
        if (problem != null) {
            throw ApiException.badRequest(where + "." + problem.describe() + " (cleaning would reject the row as "
                    + problem.reason().code() + ")");
        }
        JsonNode audience = row.get("audience");
        if (audience != null && !audience.isNull() && (!audience.isTextual() || audience.asText().isBlank())) {
            throw ApiException.badRequest(where + ".audience must be an audience name (text) when given");
        }
        return new AdPerformance(date, (int) hour, channel, campaignId, impressions, clicks, conversions, spend,
                revenue, audience == null || audience.isNull() ? null : audience.asText().strip()
                        .toLowerCase(Locale.ROOT));
    }

    /** The names of the last audience build (none before the first), which an ad row's audience must be one of. */
    private Set<String> knownAudiences() {
        try {
            Set<String> names = new java.util.HashSet<>();
            AudienceBuild.index(bucket).ifPresent(index -> index.audiences().forEach(e -> names.add(e.name())));
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the audience index", e);
        }
    }

    private static String text(JsonNode row, String field, String where) {
        JsonNode value = row.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest(where + "." + field + " is required (text)");
        }
        return value.asText();
    }

    /** A whole number, or a 400; its range is {@link AdResultRules}'. */
    private static long whole(JsonNode row, String field, String where) {
        JsonNode value = row.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest(where + "." + field + " must be a whole number");
        }
        return value.asLong();
    }

    /** A finite number, or a 400; its range is {@link AdResultRules}'. */
    private static double number(JsonNode row, String field, String where) {
        JsonNode value = row.get(field);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw ApiException.badRequest(where + "." + field + " must be a number");
        }
        return value.asDouble();
    }
}
