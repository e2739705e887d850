package io.shopsense.clean;

/**
 * Why a row was not cleaned. The enum names are the stable codes written to rejects and manifests; never rename one,
 * only add.
 */
public enum RejectReason {
    /** A required field (item id, timestamp, quantity, price, …) is empty or absent. */
    MISSING_FIELD,
    /** A number field does not parse, is fractional where units are counted, or is out of its range. */
    BAD_NUMBER,
    /** A date or time field does not parse in any accepted layout. */
    BAD_DATE,
    /** A date before 1990-01-01 or more than one day after the upload was received. */
    IMPOSSIBLE_DATE,
    /** A sale or refund with a price of zero or below (stock adjustments, free samples, bad-debt lines). */
    NON_POSITIVE_PRICE,
    /** A quantity of zero. */
    ZERO_QUANTITY,
    /** A negative quantity on a line that is not a cancellation (Online Retail writes stock write-offs this way). */
    NEGATIVE_QUANTITY,
    /** More units than {@link CleanLimits#outlierQuantity()} (default 10,000) in one line. */
    OUTLIER_QUANTITY,
    /** A field longer than {@link CleanLimits#maxFieldChars()} or a record longer than {@link CleanLimits#maxRecordChars()}. */
    FIELD_TOO_LONG,
    /** A CSV record whose number of fields differs from the header's. */
    WRONG_COLUMN_COUNT,
    /** A quoted field opened and never closed before the end of the file. */
    UNTERMINATED_QUOTE,
    /** The same {@code eventId} was already seen in this file or in an earlier file within the dedup window. */
    DUPLICATE,
    /** A JSON Lines line that is not a JSON object of the expected shape. */
    BAD_JSON,
    /** An event type that maps to none of view, cart, purchase, refund. */
    UNKNOWN_TYPE,
    /** An identifier that starts like a spreadsheet formula ({@code = + - @}, tab, CR). */
    FORMULA_INJECTION,
    /** Bytes that do not decode in the file's detected encoding (the decoder produced U+FFFD). */
    BAD_ENCODING,
    /** A currency that is not a three-letter code. */
    BAD_CURRENCY,
    /** A row that failed in a way no rule foresaw; kept rather than lost (the detail names the error). */
    UNPARSEABLE_ROW,
    /** An id (customer, item, campaign, channel) outside the one id rule, {@link io.shopsense.model.Ids}. */
    BAD_ID,
    /** Ad counts that cannot be true together: more clicks than impressions or more conversions than clicks. */
    INCONSISTENT_COUNTS,
    /**
     * A row of a customer who asked to be erased: dropped, counted in the manifest's {@code rowsErased} (not in
     * {@code rowsRejected}), and never written to rejects, so no raw text of theirs is kept.
     */
    ERASED,
    /**
     * A Taobao item row whose order no order report named within the hold window ({@link OrderBook#holdWindow()},
     * default 14 days after its upload); rejected by the first Taobao report cleaned after the window.
     */
    ORDER_NOT_FOUND,
    /** An ad-result row naming an audience the last audience build did not publish ({@code audiences/index.json}). */
    UNKNOWN_AUDIENCE,
    // --- reviews (issue #17) ---
    /** A review's star rating that is not a whole number from 1 to 5. */
    BAD_RATING,
    /** A review of an item the shop's catalogue does not list (checked only once a catalogue was uploaded). */
    UNKNOWN_ITEM;

    /** The stable code, equal to the enum name (upper snake case). */
    public String code() {
        return name();
    }
}
