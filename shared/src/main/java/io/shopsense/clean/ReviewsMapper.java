package io.shopsense.clean;

import io.shopsense.model.Review;
import java.time.Instant;
import java.util.Arrays;

/**
 * Product reviews: the Shopify Product Reviews app's CSV and generic reviews as CSV or JSON Lines, columns found by
 * the synonyms of {@link Field} (so Shopify's {@code product_handle}, {@code email} and {@code created_at} are just
 * more names). Item, rating and time are required; the rating must be a whole number from 1 to 5 ({@code BAD_RATING}
 * otherwise: Shopify documents 0-5, and a 0 is no rating); title and body may be empty.
 *
 * <p>Who: a user column is the customer id as in the shop's other exports; an e-mail column (Shopify's) becomes the
 * pseudonym every other export gives that address ({@link EmailAddresses#pseudonym}), and no name, location or reply
 * is read. Text is kept for the shop to read: formula-looking text made inert, addresses in it pseudonymised.
 *
 * <p>Checks: the one id rule for item and customer; an item the catalogue does not list is {@code UNKNOWN_ITEM} when
 * a catalogue is known ({@link KnownItems}), and accepted when none was uploaded yet (it then only counts once the
 * item appears). A repeat of the same review, or a second review of the same item by the same customer in one file,
 * is {@code DUPLICATE} (the first is kept); across uploads, readers keep each customer's latest review per item.
 */
final class ReviewsMapper extends RowMapper {
    enum Field {
        USER("userid", "customerid", "customer", "user", "reviewerid", "clientid"),
        EMAIL("email", "revieweremail", "customeremail"),
        ITEM("itemid", "sku", "productid", "product", "producthandle", "handle", "articleid"),
        RATING("rating", "stars", "score", "starrating"),
        TITLE("title", "reviewtitle", "headline", "summary"),
        BODY("body", "reviewbody", "review", "text", "content", "comment"),
        TS("ts", "createdat", "timestamp", "date", "reviewdate", "time", "datetime", "submittedat");

        final String[] names;

        Field(String... names) {
            this.names = names;
        }
    }

    private static final String[][] NAMES = Arrays.stream(Field.values()).map(f -> f.names).toArray(String[][]::new);

    private final boolean jsonLines;
    private final int[] index = new int[Field.values().length];
    private final String[] values = new String[Field.values().length];
    private final StringBuilder key = new StringBuilder();

    /** CSV: columns resolved from the header once. */
    ReviewsMapper(CleanRun run, String[] header) throws InputDecoder.FileFailure {
        this(run, false);
        for (Field f : Field.values()) {
            index[f.ordinal()] = column(header, f.names);
        }
        for (Field f : new Field[] {Field.ITEM, Field.RATING, Field.TS}) {
            if (index[f.ordinal()] < 0) {
                throw new InputDecoder.FileFailure(FileError.UNKNOWN_FORMAT,
                        "reviews need an item, a rating and a time column; the header has no " + f.names[0]);
            }
        }
    }

    /** JSON Lines: keys resolved per line. */
    ReviewsMapper(CleanRun run) {
        this(run, true);
    }

    private ReviewsMapper(CleanRun run, boolean jsonLines) {
        super(run);
        this.jsonLines = jsonLines;
        // the catalogue loads here, outside the per-row guard: a storage failure fails the upload, not every row
        run.request.knownItems().checkable();
    }

    /** Whether a header (normalised) reads as a reviews export: an item, a rating and a time column. */
    static boolean looksLikeReviews(String[] header) {
        return column(header, Field.RATING.names) >= 0 && column(header, Field.ITEM.names) >= 0
                && column(header, Field.TS.names) >= 0;
    }

    @Override
    void map(RecordReader rec, long row) {
        if (jsonLines) {
            String problem = FlatJsonLine.read(rec.raw(), NAMES, values, run.limits.maxFieldChars());
            if (problem != null) {
                reject(rec, row, FlatJsonLine.reason(problem), problem);
                return;
            }
        } else {
            for (Field f : Field.values()) {
                int i = index[f.ordinal()];
                values[f.ordinal()] = i < 0 ? null : rec.field(i);
            }
        }
        String email = blankToNull(values[Field.EMAIL.ordinal()]);
        String user = email != null ? EmailAddresses.pseudonym(email) : CleanRun.normaliseId(values[Field.USER.ordinal()]);
        if (run.request.erased().isErased(user)) {
            reject(rec, row, RejectReason.ERASED, "customer erased");
            return;
        }
        String item = CleanRun.normaliseId(values[Field.ITEM.ordinal()]);
        String ratingText = blankToNull(values[Field.RATING.ordinal()]);
        String tsText = blankToNull(values[Field.TS.ordinal()]);
        if (item == null || ratingText == null || tsText == null) {
            reject(rec, row, RejectReason.MISSING_FIELD, item == null ? "no item id" : ratingText == null
                    ? "no rating" : "no time");
            return;
        }
        RejectReason r = ids(user, item);
        if (r != null) {
            reject(rec, row, r, run.detail);
            return;
        }
        long stars = CleanRun.parseCount(ratingText);
        if (stars < Review.MIN_RATING || stars > Review.MAX_RATING) { // BAD_LONG is below 1 too
            reject(rec, row, RejectReason.BAD_RATING, "rating '" + ratingText + "' is not a whole number from 1 to 5");
            return;
        }
        Instant ts = run.time.parse(tsText);
        if (ts == null) {
            reject(rec, row, RejectReason.BAD_DATE, "time '" + tsText + "' is not a date");
            return;
        }
        r = run.checkTime(ts, "time");
        if (r != null) {
            reject(rec, row, r, run.detail);
            return;
        }
        if (!run.request.knownItems().lists(item)) {
            reject(rec, row, RejectReason.UNKNOWN_ITEM, "item " + item + " is not in the catalogue");
            return;
        }
        String title = text(values[Field.TITLE.ordinal()]);
        String body = text(values[Field.BODY.ordinal()]);
        long reviewId = run.contentHash(content(user, item, stars, title, body, ts));
        if (run.duplicateInFile(reviewId)) {
            reject(rec, row, RejectReason.DUPLICATE, "same review as an earlier row of this file");
            return;
        }
        if (user != null && run.duplicateInFile(run.contentHash(content(user, item, 0, null, null, null)))) {
            reject(rec, row, RejectReason.DUPLICATE, "this customer already reviewed this item earlier in this file");
            return;
        }
        Review review = new Review(String.format("%016x", reviewId), user, item, (int) stars, title, body, ts,
                run.request.sourceId(), row);
        run.write(RowKind.REVIEWS, run.day(ts), CanonicalJson.reviewLine(review));
        run.seen(ts);
        run.accept();
    }

    /** Formula-looking and malformed ids, as events check them (BAD_ID, FORMULA_INJECTION); null when both are fine. */
    private RejectReason ids(String user, String item) {
        if (CleanRun.formulaLike(item) || CleanRun.formulaLike(user)) {
            run.detail = (CleanRun.formulaLike(item) ? "item id" : "customer id") + " starts like a spreadsheet formula";
            return RejectReason.FORMULA_INJECTION;
        }
        RejectReason r = run.id(item, "itemId");
        return r != null || user == null ? r : run.id(user, "userId");
    }

    /** The hashed content of a review; the second form (rating 0, no text, no time) names the customer-item pair. */
    private CharSequence content(String user, String item, long stars, String title, String body, Instant ts) {
        key.setLength(0);
        key.append('r').append('\u001f').append(user == null ? "" : user).append('\u001f').append(item)
                .append('\u001f').append(stars).append('\u001f').append(title == null ? "" : title).append('\u001f')
                .append(body == null ? "" : body).append('\u001f').append(ts == null ? "" : ts.toString());
        return key;
    }

    private static String text(String s) {
        String t = blankToNull(s);
        return t == null ? null : CleanRun.neutralise(EmailAddresses.pseudonymise(t));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
