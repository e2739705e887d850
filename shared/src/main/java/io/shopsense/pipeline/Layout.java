package io.shopsense.pipeline;

import io.shopsense.clean.RowKind;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The data bucket's key layout (docs/architecture.md §3), in one place: {@code raw/{kind}/…} uploads, Hive-style
 * {@code clean/{kind}/dt=YYYY-MM-DD/{sourceId}.jsonl.gz}, {@code rejects/{kind}/{sourceId}.jsonl},
 * {@code manifests/{sourceId}.json}, {@code models/…} and {@code reports/…}.
 */
public final class Layout {
    public static final String RAW = "raw/";
    public static final String CLEAN = "clean/";
    public static final String MANIFESTS = "manifests/";
    public static final String REJECTS = "rejects/";
    public static final String MODELS = "models/";
    public static final String REPORTS = "reports/";
    /** The upload folders a shop writes to (each maps to a clean kind, {@link #kindFromRawKey}). */
    public static final String RAW_ORDERS = RAW + "orders/";
    public static final String RAW_EVENTS = RAW + "events/";
    public static final String RAW_CATALOG = RAW + "catalog/";
    public static final String RAW_ADS = RAW + "ads/";
    public static final String RAW_FAQ = RAW + "faq/";
    public static final String RAW_REVIEWS = RAW + "reviews/";
    /** The shop's ad planning constraints (budget, per-channel bounds, hour caps), read by optimize-ads. */
    public static final String AD_CONSTRAINTS_KEY = RAW_ADS + "constraints.json";
    /** optimize-ads' plan reports, {@code reports/ads/{date}/{campaignId}.json} (see {@link #adReportKey}). */
    public static final String AD_REPORTS = REPORTS + "ads/";
    /** The profile models rebuild-profiles fitted last (update-profiles scores new customers with them). */
    public static final String PROFILE_MODELS = MODELS + "profiles/";
    public static final String PROFILE_MODELS_KEY = PROFILE_MODELS + "latest.json";
    /** One profile summary per rebuild, {@code reports/profiles/{asOf}.json}, and the newest as {@code summary.json}. */
    public static final String PROFILE_SUMMARIES = REPORTS + "profiles/";
    public static final String PROFILE_SUMMARY_KEY = PROFILE_SUMMARIES + "summary.json";
    /** One recommendation model per build, {@code models/recommendations/{date}.json}, and its report beside it. */
    public static final String RECOMMENDATION_MODELS = MODELS + "recommendations/";
    public static final String RECOMMENDATION_REPORTS = REPORTS + "recommendations/";
    /** The assistant's index, one key overwritten by assistant-index (its ETag says whether it changed). */
    public static final String ASSISTANT_INDEX_KEY = MODELS + "assistant/index.json.gz";
    /** Questions the assistant could not answer, {@code reports/assistant/unanswered/{day}/{question}/{request}.json}. */
    public static final String UNANSWERED = REPORTS + "assistant/unanswered/";
    /**
     * One record per erased customer: {@code manifests/erasures/k1-{HMAC}.json}, or {@code {SHA-256}.json} for one
     * erased before the shop secret existed (see {@link #erasureHashOf}).
     */
    public static final String ERASURES = MANIFESTS + "erasures/";
    /** Keyed erasure records carry this prefix; a bare 64-hex name is an unkeyed record from before. */
    public static final String KEYED_ERASURE = "k1-";
    public static final String KEYED_ERASURES = ERASURES + KEYED_ERASURE;
    /** The shop's audience rule files, one audience per {@code *.json}, read by build-audiences. */
    public static final String AUDIENCE_RULES = RAW + "audiences/";
    /** What build-audiences publishes for the API: the index (written last) and each audience's member pages. */
    public static final String AUDIENCES = "audiences/";
    public static final String AUDIENCE_INDEX_KEY = AUDIENCES + "index.json";
    /** {@code audiences/members/{name}/{page}.json} (see {@link #audienceMembersKey}). */
    public static final String AUDIENCE_MEMBERS = AUDIENCES + "members/";
    /** Files the ad platforms import, per audience and profile date. */
    public static final String AUDIENCE_EXPORTS = "exports/audiences/";
    /**
     * What the Spark hand-off keeps (docs/architecture.md §7): a started run's record,
     * {@code spark/runs/{jobRunId}.json}, and its outputs under {@code spark/{job}/{clientToken}/}.
     */
    public static final String SPARK = "spark/";
    public static final String SPARK_RUNS = SPARK + "runs/";
    static final String EVENT_IDS_SUFFIX = ".eventids";
    // Taobao order index (issue 20): per upload, the orders it read, the item rows it held and the held rows it settled
    /** {@code manifests/orders/{sourceId}.{orders|held|settled}.jsonl}, one object per upload and part. */
    public static final String ORDER_INDEX = MANIFESTS + "orders/";
    static final String ORDERS_PART = "orders";
    static final String HELD_PART = "held";
    static final String SETTLED_PART = "settled";
    /** The upload folders a shop may use under {@code raw/}; each maps to the clean kind it produces. */
    static final Set<String> RAW_KINDS = Set.of("orders", "events", "catalog", "ads", "faq",
            "reviews"); // reviews: issue #17

    private Layout() {
    }

    public static String cleanPrefix(String kind) {
        return CLEAN + kind + "/";
    }

    public static String cleanKey(String kind, LocalDate dt, String sourceId) {
        return CLEAN + kind + "/dt=" + dt + "/" + sourceId + ".jsonl.gz";
    }

    public static String profileSummaryKey(LocalDate asOf) {
        return PROFILE_SUMMARIES + asOf + ".json";
    }

    /** The profile models of one rebuild, {@code models/profiles/{asOf}.json}, beside {@link #PROFILE_MODELS_KEY}. */
    public static String profileModelKey(LocalDate asOf) {
        return PROFILE_MODELS + asOf + ".json";
    }

    public static String recommendationModelKey(LocalDate builtOn) {
        return RECOMMENDATION_MODELS + builtOn + ".json";
    }

    public static String recommendationReportKey(LocalDate builtOn) {
        return RECOMMENDATION_REPORTS + builtOn + ".json";
    }

    /** {@code reports/ads/{date}/{campaignId}.json}, the campaign id percent-encoded where it is not key-safe. */
    public static String adReportKey(LocalDate date, String campaignId) {
        return AD_REPORTS + date + "/" + keySegment(campaignId) + ".json";
    }

    /**
     * {@code raw/ads/api-{campaignId}-{contentHash}.csv}: ad results posted through the API, named by their content so
     * a replayed request writes the same object (and cleaning's ledger skips it).
     */
    public static String postedAdResultsKey(String campaignId, String contentHash) {
        return RAW + "ads/api-" + keySegment(campaignId) + "-" + contentHash + ".csv";
    }

    /**
     * An id as one key segment: letters, digits, {@code - _ .} kept, everything else (a slash, a space, non-ASCII)
     * percent-encoded as UTF-8; a segment of dots only is encoded too, since stores collapse {@code .} and {@code ..}.
     */
    public static String keySegment(String id) {
        StringBuilder b = new StringBuilder(id.length());
        boolean dotsOnly = id.chars().allMatch(c -> c == '.');
        for (byte x : id.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            boolean safe = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || (c == '.' && !dotsOnly));
            if (safe) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    /** {@code audiences/members/{name}/{page}.json}, pages numbered from 0 with five digits (key order = page order). */
    public static String audienceMembersKey(String audience, int page) {
        return AUDIENCE_MEMBERS + keySegment(audience) + "/" + String.format("%05d", page) + ".json";
    }

    public static String audienceMembersPrefix(String audience) {
        return AUDIENCE_MEMBERS + keySegment(audience) + "/";
    }

    /** {@code exports/audiences/{name}/{date}/{file}}, e.g. {@code …/high-value/2011-12-09/meta.csv}. */
    public static String audienceExportKey(String audience, LocalDate date, String file) {
        return AUDIENCE_EXPORTS + keySegment(audience) + "/" + date + "/" + file;
    }

    /** {@code clean/faq/{name}}: where clean-upload publishes a {@code raw/faq/{name}} upload unchanged. */
    public static String publishedFaqKey(String rawKey) {
        return cleanPrefix("faq") + rawKey.substring(RAW_FAQ.length());
    }

    /** {@code reports/assistant/unanswered/{day}/{questionId}/{requestId}.json}. */
    public static String unansweredKey(LocalDate day, String questionId, String requestId) {
        return UNANSWERED + day + "/" + questionId + "/" + requestId + ".json";
    }

    /** The record of an erasure under the shop secret: {@code manifests/erasures/k1-{keyedHash}.json}. */
    public static String keyedErasureKey(String keyedHash) {
        return KEYED_ERASURES + keyedHash + ".json";
    }

    /** The unkeyed record of an erasure from before the shop secret: {@code manifests/erasures/{sha256}.json}. */
    public static String legacyErasureKey(String sha256Hex) {
        return ERASURES + sha256Hex + ".json";
    }

    /**
     * The hash an erasure record's key names ({@code k1-…} kept for a keyed one), or empty for any other key
     * (nested, not {@code .json}).
     */
    public static Optional<String> erasureHashOf(String key) {
        if (!key.startsWith(ERASURES)) {
            return Optional.empty();
        }
        String name = key.substring(ERASURES.length());
        if (!name.endsWith(".json") || name.contains("/")) {
            return Optional.empty();
        }
        return Optional.of(name.substring(0, name.length() - ".json".length()));
    }

    public static String rejectsKey(String kind, String sourceId) {
        return REJECTS + kind + "/" + sourceId + ".jsonl";
    }

    public static String manifestKey(String sourceId) {
        return MANIFESTS + sourceId + ".json";
    }

    public static String eventIdsKey(String sourceId) {
        return MANIFESTS + sourceId + EVENT_IDS_SUFFIX;
    }

    /** {@code manifests/orders/{sourceId}.{part}.jsonl}. */
    static String orderIndexKey(String sourceId, String part) {
        return ORDER_INDEX + sourceId + "." + part + ".jsonl";
    }

    /** One object of the order index: whose it is and which part. */
    record OrderIndexObject(String sourceId, String part) {
    }

    /** The upload and part an order index key names, or null for any other key. */
    static OrderIndexObject orderIndexObject(String key) {
        if (!key.startsWith(ORDER_INDEX) || !key.endsWith(".jsonl")) {
            return null;
        }
        String name = key.substring(ORDER_INDEX.length(), key.length() - ".jsonl".length());
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? null : new OrderIndexObject(name.substring(0, dot), name.substring(dot + 1));
    }

    static String sourceIdOfEventIds(String key) {
        return key.substring(MANIFESTS.length(), key.length() - EVENT_IDS_SUFFIX.length());
    }

    // ---- campaigns (launch-campaign, measure-campaigns) ----
    /** Campaign definitions, {@code raw/campaigns/{id}.json}, by the shop or {@code POST /campaigns}. */
    public static final String CAMPAIGN_DEFINITIONS = RAW + "campaigns/";
    /**
     * Where clean-upload publishes each definition unchanged, {@code clean/campaigns/{id}.json}: launch-campaign's
     * trigger (S3 cannot send {@code raw/campaigns/} to it while {@code raw/} goes to clean-upload).
     */
    public static final String PUBLISHED_CAMPAIGNS = CLEAN + "campaigns/";
    /** Per campaign: {@code launch.json} (written last) and the frozen {@code assignment/{treatment,holdout}.csv}. */
    public static final String CAMPAIGNS = "campaigns/";
    /** What the e-mail tools and ad platforms import: the treatment group only. */
    public static final String CAMPAIGN_EXPORTS = "exports/campaigns/";
    /** The nightly uplift reports, {@code reports/campaigns/{id}.json}, and their listing. */
    public static final String CAMPAIGN_REPORTS = REPORTS + "campaigns/";
    /** The listing of every campaign's verdict (an id never starts with {@code _}, so no campaign shadows it). */
    public static final String CAMPAIGN_VERDICTS_KEY = CAMPAIGN_REPORTS + "_index.json";

    public static String campaignDefinitionKey(String campaignId) {
        return CAMPAIGN_DEFINITIONS + keySegment(campaignId) + ".json";
    }

    /** {@code clean/campaigns/…}: where the definition uploaded at {@code raw/campaigns/…} is published. */
    public static String publishedCampaignKey(String rawKey) {
        return PUBLISHED_CAMPAIGNS + rawKey.substring(CAMPAIGN_DEFINITIONS.length());
    }

    /** The campaign id of a published {@code clean/campaigns/{id}.json} key, if it is one. */
    public static Optional<String> campaignIdOfDefinition(String key) {
        if (!key.startsWith(PUBLISHED_CAMPAIGNS) || !key.endsWith(".json")) {
            return Optional.empty();
        }
        String id = key.substring(PUBLISHED_CAMPAIGNS.length(), key.length() - ".json".length());
        return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(id);
    }

    public static String campaignLaunchKey(String campaignId) {
        return CAMPAIGNS + keySegment(campaignId) + "/launch.json";
    }

    /** {@code campaigns/{id}/assignment/{group}.csv}, group {@code treatment} or {@code holdout}. */
    public static String campaignAssignmentKey(String campaignId, String group) {
        return CAMPAIGNS + keySegment(campaignId) + "/assignment/" + group + ".csv";
    }

    public static String campaignExportKey(String campaignId, String file) {
        return CAMPAIGN_EXPORTS + keySegment(campaignId) + "/" + file;
    }

    public static String campaignReportKey(String campaignId) {
        return CAMPAIGN_REPORTS + keySegment(campaignId) + ".json";
    }
    // ---- end campaigns ----

    /** The clean kind a {@code raw/{folder}/…} key implies: orders and events both become events. */
    public static Optional<String> kindFromRawKey(String key) {
        if (!key.startsWith(RAW)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/', RAW.length());
        if (slash < 0) {
            return Optional.empty();
        }
        String folder = key.substring(RAW.length(), slash);
        if (!RAW_KINDS.contains(folder)) {
            return Optional.empty();
        }
        return Optional.of(folder.equals("orders") ? "events" : folder);
    }

    /**
     * The kind of rows an upload under {@code raw/{folder}/…} must hold, which the caller tells the cleaner
     * ({@code CleanRequest.withExpectedKind}); empty for anything else (the FAQ, a local file's name).
     */
    public static Optional<RowKind> rowKindFromRawKey(String key) {
        return kindFromRawKey(key).flatMap(kind -> Arrays.stream(RowKind.values())
                .filter(rowKind -> rowKind.prefix().equals(kind)).findFirst());
    }

    /** A handed-off job run's record, written by the function that started it, read by load-spark-results. */
    public static String sparkRunKey(String jobRunId) {
        return SPARK_RUNS + keySegment(jobRunId) + ".json";
    }

    /** Where a handed-off job writes its outputs: {@code spark/{job}/{clientToken}/}. */
    public static String sparkOutputPrefix(String job, String clientToken) {
        return SPARK + keySegment(job) + "/" + keySegment(clientToken) + "/";
    }
}
