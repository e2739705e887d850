package io.shopsense.pipeline;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * The data bucket's key layout (DESIGN §3), in one place: {@code raw/{kind}/…} uploads, Hive-style
 * {@code clean/{kind}/dt=YYYY-MM-DD/{sourceId}.jsonl.gz}, {@code rejects/{kind}/{sourceId}.jsonl},
 * {@code manifests/{sourceId}.json}, {@code models/…} and {@code reports/…}.
 */
public final class Layout {
    public static final String RAW = "raw/";
    public static final String CLEAN = "clean/";
    public static final String MANIFESTS = "manifests/";
    public static final String MODELS = "models/";
    public static final String REPORTS = "reports/";
    static final String EVENT_IDS_SUFFIX = ".eventids";
    /** The upload folders a shop may use under {@code raw/}; each maps to the clean kind it produces. */
    static final Set<String> RAW_KINDS = Set.of("orders", "events", "catalog", "ads", "faq");

    private Layout() {
    }

    public static String cleanPrefix(String kind) {
        return CLEAN + kind + "/";
    }

    public static String cleanKey(String kind, LocalDate dt, String sourceId) {
        return CLEAN + kind + "/dt=" + dt + "/" + sourceId + ".jsonl.gz";
    }

    public static String rejectsKey(String kind, String sourceId) {
        return "rejects/" + kind + "/" + sourceId + ".jsonl";
    }

    public static String manifestKey(String sourceId) {
        return MANIFESTS + sourceId + ".json";
    }

    static String eventIdsKey(String sourceId) {
        return MANIFESTS + sourceId + EVENT_IDS_SUFFIX;
    }

    static String sourceIdOfEventIds(String key) {
        return key.substring(MANIFESTS.length(), key.length() - EVENT_IDS_SUFFIX.length());
    }

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
}
