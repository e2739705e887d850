package io.shopsense.clean;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What to clean and how.
 *
 * @param sourceId        the upload's identity (derived by the caller from bucket, key and ETag); written into rows
 * @param objectKey       the object key or file name, for the caller's records: cleaning reads nothing into it (the
 *                        caller says the kind, {@code expectedKind})
 * @param forcedFormat    a format chosen by the caller ({@code --format}); null to detect
 * @param zone            the shop's time zone: timestamps without an offset are read in it
 * @param limits          row and memory limits
 * @param dedup           ids seen in earlier files; {@link DedupWindow#none()} for in-file deduplication only
 * @param defaultCurrency currency for formats that carry none (generic exports); Online Retail is GBP, CDNOW USD
 * @param receivedAt      when the upload arrived (S3 event time): "the future" is judged against it, and catalogue
 *                        rows are partitioned by its date, so a retry tomorrow writes what today's run wrote. Null:
 *                        the cleaner's clock
 * @param erased          customers whose rows are dropped as {@link RejectReason#ERASED}
 * @param orderBook       the Taobao order index as earlier uploads left it, and what this upload adds to it
 * @param audiences       the audience names an ad row may target (the last build's); null: only the id rule is
 *                        checked (nothing to check against, e.g. the command line)
 * @param knownItems      the catalogue reviews are checked against ({@link KnownItems#UNKNOWN}: none; issue #17)
 * @param expectedKind    the kind of rows the caller expects (clean-upload: the upload's folder, through
 *                        {@code pipeline.Layout}); null: any kind, detected. Catalogue, ads and reviews pick that format
 *                        family; events refuses a file that looks like another kind
 */
public record CleanRequest(
        String sourceId,
        String objectKey,
        ExportFormat forcedFormat,
        ZoneId zone,
        CleanLimits limits,
        DedupWindow dedup,
        String defaultCurrency,
        Instant receivedAt,
        ErasedFilter erased,
        OrderBook orderBook,
        java.util.Set<String> audiences,
        KnownItems knownItems,
        RowKind expectedKind) {

    public CleanRequest {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(dedup, "dedup");
        Objects.requireNonNull(defaultCurrency, "defaultCurrency");
        Objects.requireNonNull(erased, "erased");
        Objects.requireNonNull(orderBook, "orderBook");
        audiences = audiences == null ? null : java.util.Set.copyOf(audiences);
        Objects.requireNonNull(knownItems, "knownItems");
    }

    /** A request that expects any kind of rows (the format alone decides). */
    public CleanRequest(String sourceId, String objectKey, ExportFormat forcedFormat, ZoneId zone, CleanLimits limits,
                        DedupWindow dedup, String defaultCurrency, Instant receivedAt, ErasedFilter erased,
                        OrderBook orderBook, java.util.Set<String> audiences, KnownItems knownItems) {
        this(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt, erased, orderBook,
                audiences, knownItems, null);
    }

    /** A request whose reviews are checked against no catalogue (callers that clean no reviews). */
    public CleanRequest(String sourceId, String objectKey, ExportFormat forcedFormat, ZoneId zone, CleanLimits limits,
                        DedupWindow dedup, String defaultCurrency, Instant receivedAt, ErasedFilter erased,
                        OrderBook orderBook, java.util.Set<String> audiences) {
        this(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt, erased, orderBook,
                audiences, KnownItems.UNKNOWN);
    }

    /** A request that checks ad rows' audiences by the id rule only. */
    public CleanRequest(String sourceId, String objectKey, ExportFormat forcedFormat, ZoneId zone, CleanLimits limits,
                        DedupWindow dedup, String defaultCurrency, Instant receivedAt, ErasedFilter erased,
                        OrderBook orderBook) {
        this(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt, erased, orderBook,
                null);
    }

    /** A request with a fresh, empty order book (callers that clean no Taobao reports). */
    public CleanRequest(String sourceId, String objectKey, ExportFormat forcedFormat, ZoneId zone, CleanLimits limits,
                        DedupWindow dedup, String defaultCurrency, Instant receivedAt, ErasedFilter erased) {
        this(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt, erased,
                OrderBook.empty());
    }

    /** Detect the format, UTC, default limits, in-file deduplication only, USD for generic exports. */
    public static CleanRequest of(String sourceId, String objectKey) {
        return new CleanRequest(sourceId, objectKey, null, ZoneId.of("UTC"), CleanLimits.DEFAULT, DedupWindow.none(),
                "USD", null, ErasedFilter.NONE,
                OrderBook.empty());
    }

    public CleanRequest withFormat(ExportFormat format) {
        return new CleanRequest(sourceId, objectKey, format, zone, limits, dedup, defaultCurrency, receivedAt, erased, orderBook,
                audiences, knownItems, expectedKind);
    }

    public CleanRequest withZone(ZoneId shopZone) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, shopZone, limits, dedup, defaultCurrency, receivedAt, erased, orderBook,
                audiences, knownItems, expectedKind);
    }

    public CleanRequest withLimits(CleanLimits newLimits) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, newLimits, dedup, defaultCurrency, receivedAt, erased, orderBook,
                audiences, knownItems, expectedKind);
    }

    public CleanRequest withDedup(DedupWindow window) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, limits, window, defaultCurrency, receivedAt, erased, orderBook,
                audiences, knownItems, expectedKind);
    }

    public CleanRequest withDefaultCurrency(String currency) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, limits, dedup, currency, receivedAt, erased, orderBook,
                audiences, knownItems, expectedKind);
    }

    public CleanRequest withErased(ErasedFilter filter) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt,
                filter, orderBook, audiences, knownItems, expectedKind);
    }

    public CleanRequest withOrderBook(OrderBook book) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt,
                erased, book, audiences, knownItems, expectedKind);
    }

    public CleanRequest withAudiences(java.util.Set<String> names) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt,
                erased, orderBook, names, knownItems, expectedKind);
    }

    public CleanRequest withReceivedAt(Instant at) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, at, erased, orderBook,
                audiences, knownItems, expectedKind);
    }

    /** The catalogue reviews are checked against (issue #17). */
    public CleanRequest withKnownItems(KnownItems items) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt,
                erased, orderBook, audiences, items, expectedKind);
    }

    /** The kind of rows the caller expects, from where the upload was put (null: any kind). */
    public CleanRequest withExpectedKind(RowKind kind) {
        return new CleanRequest(sourceId, objectKey, forcedFormat, zone, limits, dedup, defaultCurrency, receivedAt,
                erased, orderBook, audiences, knownItems, kind);
    }
}
