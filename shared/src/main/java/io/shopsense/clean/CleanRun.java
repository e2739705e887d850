package io.shopsense.clean;

import io.shopsense.model.EventType;
import io.shopsense.model.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;

/**
 * The state of one {@link ExportCleaner#clean} call: counters, the rules every event passes, event ids, in-file and
 * cross-file deduplication, and writing. Format mappers parse their columns and hand a candidate event here.
 */
final class CleanRun {
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    final CleanRequest request;
    final CleanLimits limits;
    final TimeParser time;
    final LocalDate receivedDate;
    final Instant receivedAt;
    private final CleanOutput out;
    private final Instant latest;
    private final LongSet fileIds;
    private final MessageDigest sha;
    private final EventLineWriter lines = new EventLineWriter();
    private byte[] keyBytes = new byte[256];
    private final long[] byReason = new long[RejectReason.values().length];
    private final long[] byKind = new long[RowKind.values().length];
    private Instant cachedTs;
    private LocalDate cachedDay;

    long rowsIn;
    long rowsClean;
    long rowsRejected;
    long rowsErased;
    /** Rows of this upload set aside until their order arrives (Taobao item reports). */
    long rowsHeld;
    /** Rows earlier uploads held, settled (released or expired) in this run; they count in rowsIn too. */
    long heldRowsSettled;
    long nonProductRows;
    long blankLines;
    Instant first;
    Instant last;
    /** Explanation of the last rule that failed in {@link #event}. */
    String detail;
    /**
     * Told each dedup key (event id, content hash) this run saw first: a part of a file reports them, so that the
     * parts after it reject what it claimed ({@link ExportParts}). Nothing for a whole file.
     */
    java.util.function.LongConsumer firstInFile = key -> { };

    CleanRun(CleanRequest request, CleanOutput out, Instant receivedAt) {
        this.request = request;
        this.limits = request.limits();
        this.out = out;
        this.time = new TimeParser(request.zone());
        this.receivedAt = receivedAt;
        this.latest = receivedAt.plus(1, ChronoUnit.DAYS);
        this.receivedDate = LocalDate.ofInstant(receivedAt, request.zone());
        this.fileIds = new LongSet(limits.fileDedupEntries(), false);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    void accept() {
        rowsIn++;
        rowsClean++;
    }

    void reject(long row, String raw, RejectReason reason, String why) {
        rowsIn++;
        if (reason == RejectReason.ERASED || request.erased().mentionedIn(raw)) {
            rowsErased++; // an erased customer's row: counted, nothing of it kept
            return;
        }
        rowsRejected++;
        byReason[reason.ordinal()]++;
        try {
            out.reject(new Reject(row, raw, reason, why));
        } catch (RuntimeException e) {
            throw new OutputFailure(e);
        }
    }

    /** A failure of the caller's {@link CleanOutput} (storage): never a row problem, always the caller's to see. */
    static final class OutputFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputFailure(RuntimeException cause) {
            super(cause);
        }

        RuntimeException original() {
            return (RuntimeException) getCause();
        }
    }

    /** A row set aside for later (counted in, neither clean nor rejected yet). */
    void hold() {
        rowsIn++;
        rowsHeld++;
    }

    /** The next accept or reject is of a row an earlier upload held. */
    void settledHeldRow() {
        heldRowsSettled++;
    }

    void blank() {
        blankLines++;
    }

    void write(RowKind kind, LocalDate dt, String json) {
        byKind[kind.ordinal()]++;
        try {
            out.row(kind, dt, json);
        } catch (RuntimeException e) {
            throw new OutputFailure(e);
        }
    }

    void seen(Instant ts) {
        if (first == null || ts.isBefore(first)) {
            first = ts;
        }
        if (last == null || ts.isAfter(last)) {
            last = ts;
        }
    }

    /** Null when {@code ts} is plausible, else sets {@link #detail} and returns IMPOSSIBLE_DATE. */
    RejectReason checkTime(Instant ts, String column) {
        if (ts.isBefore(EARLIEST) || ts.isAfter(latest)) {
            detail = column + " " + ts + " is before 1990 or more than a day after the upload";
            return RejectReason.IMPOSSIBLE_DATE;
        }
        return null;
    }

    /**
     * Applies the event rules, then deduplicates and writes. {@code quantity} must already be positive for refunds.
     * Returns null when the event was written, else the reason (with {@link #detail}).
     *
     * @param priceKnown whether the export carries a price; the non-positive price rule applies only then
     */
    RejectReason event(String userId, String itemId, EventType type, long quantity, double unitPrice,
                       boolean priceKnown, String currency, Instant ts, String orderId, String channel,
                       String sessionId, long row) {
        if (request.erased().isErased(userId)) {
            detail = "customer erased";
            return RejectReason.ERASED;
        }
        if (itemId == null || itemId.isEmpty()) {
            detail = "no item id";
            return RejectReason.MISSING_FIELD;
        }
        RejectReason r = formula(userId, "userId");
        if (r == null) r = formula(itemId, "itemId");
        if (r == null) r = formula(orderId, "orderId");
        if (r == null) r = formula(channel, "channel");
        if (r == null) r = formula(sessionId, "sessionId");
        if (r == null && userId != null && userId != lastGoodUser) r = id(userId, "userId");
        if (r == null && itemId != lastGoodItem) r = id(itemId, "itemId");
        if (r == null && channel != null) r = id(channel, "channel");
        if (r != null) {
            return r;
        }
        // mappers hand the same String instance along repeated cells (RepeatedText, the item catalogue)
        lastGoodUser = userId;
        lastGoodItem = itemId;
        if (quantity == 0) {
            detail = "quantity is 0";
            return RejectReason.ZERO_QUANTITY;
        }
        if (Math.abs(quantity) > limits.outlierQuantity()) {
            detail = "quantity " + quantity + " is above " + limits.outlierQuantity();
            return RejectReason.OUTLIER_QUANTITY;
        }
        if (quantity < 0) {
            detail = "quantity " + quantity + " on a " + type.code() + " that is not a cancellation";
            return RejectReason.NEGATIVE_QUANTITY;
        }
        if (priceKnown && unitPrice <= 0 && (type == EventType.PURCHASE || type == EventType.REFUND)) {
            detail = "unit price " + unitPrice + " on a " + type.code();
            return RejectReason.NON_POSITIVE_PRICE;
        }
        if (!priceKnown && unitPrice < 0) {
            detail = "unit price " + unitPrice;
            return RejectReason.NON_POSITIVE_PRICE;
        }
        r = checkTime(ts, "ts");
        if (r != null) {
            return r;
        }
        if (currency != null && !isCurrency(currency)) {
            detail = "currency '" + currency + "' is not a three-letter code";
            return RejectReason.BAD_CURRENCY;
        }
        long id = eventHash(userId, itemId, type, quantity, unitPrice, currency, ts, orderId, channel, sessionId);
        if (!fileIds.add(id, 0)) {
            detail = "same event as an earlier row of this file";
            return RejectReason.DUPLICATE;
        }
        firstInFile.accept(id);
        if (request.dedup().seenElsewhere(id, request.sourceId())) {
            detail = "same event already seen in an earlier upload";
            return RejectReason.DUPLICATE;
        }
        request.dedup().record(id, request.sourceId());
        write(RowKind.EVENTS, day(ts), lines.line(id, userId, itemId, type, (int) quantity, unitPrice, currency,
                iso(ts), orderId, channel, sessionId, request.sourceId(), row));
        seen(ts);
        return null;
    }

    /** Hash over the canonical content only (not the source or row), so the same sale in two uploads collides. */
    long contentHash(CharSequence canonical) {
        int n = canonical.length();
        if (keyBytes.length < n * 3) {
            keyBytes = new byte[n * 3];
        }
        int len = 0;
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = canonical.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            keyBytes[len++] = (byte) c;
        }
        sha.reset();
        if (ascii) {
            sha.update(keyBytes, 0, len);
        } else {
            sha.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        }
        return first8(sha.digest());
    }

    /** True (and counted nowhere) when a row with this content hash was already seen in this file. */
    boolean duplicateInFile(long hash) {
        if (!fileIds.add(hash, 0)) {
            return true;
        }
        firstInFile.accept(hash);
        return false;
    }

    /** A key an earlier part of the file claimed: this part's rows with it are in-file duplicates. */
    void claimedEarlier(long key) {
        fileIds.add(key, 0);
    }

    private long eventHash(String userId, String itemId, EventType type, long quantity, double unitPrice,
                           String currency, Instant ts, String orderId, String channel, String sessionId) {
        // fields as UTF-8 with a separator, numbers as 8 raw bytes; prices in micro-units so the id never depends
        // on double formatting; hashed with XXH64 (formerly the first 8 bytes of SHA-256 over the same bytes).
        // Changing this layout or the hash changes every eventId, and ids of earlier uploads stop matching: don't.
        hashLength = 0;
        putText(userId);
        putText(itemId);
        putText(CanonicalJson.TYPE_CODES[type.ordinal()]);
        putLong(quantity);
        putLong(Math.round(unitPrice * 1_000_000d));
        putText(currency);
        putLong(ts.toEpochMilli());
        putText(orderId);
        putText(channel);
        putText(sessionId);
        return XxHash64.hash(keyBytes, 0, hashLength);
    }

    private int hashLength;

    private void putText(String s) {
        String v = s == null ? "" : s;
        int n = v.length();
        ensureKeyRoom(n * 3 + 1);
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                hashLength -= i;
                ensureKeyRoom(utf8.length + 1);
                System.arraycopy(utf8, 0, keyBytes, hashLength, utf8.length);
                hashLength += utf8.length;
                keyBytes[hashLength++] = 0x1f;
                return;
            }
            keyBytes[hashLength++] = (byte) c;
        }
        keyBytes[hashLength++] = 0x1f;
    }

    private void putLong(long v) {
        ensureKeyRoom(8);
        for (int i = 56; i >= 0; i -= 8) {
            keyBytes[hashLength++] = (byte) (v >>> i);
        }
    }

    private void ensureKeyRoom(int extra) {
        if (hashLength + extra > keyBytes.length) {
            keyBytes = java.util.Arrays.copyOf(keyBytes, Math.max(keyBytes.length * 2, hashLength + extra));
        }
    }

    private static long first8(byte[] d) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private Instant isoTs;
    private String isoText;

    /** Rows of one invoice share their time: format it once. */
    private String iso(Instant ts) {
        if (!ts.equals(isoTs)) {
            isoTs = ts;
            isoText = ts.toString();
        }
        return isoText;
    }

    LocalDate day(Instant ts) {
        if (ts.equals(cachedTs)) {
            return cachedDay;
        }
        cachedTs = ts;
        cachedDay = LocalDate.ofInstant(ts, ZoneOffset.UTC);
        return cachedDay;
    }

    private String lastGoodUser;
    private String lastGoodItem;

    /** Null when {@code value} follows the one id rule, else sets {@link #detail} and returns BAD_ID. */
    RejectReason id(String value, String name) {
        String problem = Ids.problem(value);
        if (problem != null) {
            detail = name + " " + problem;
            return RejectReason.BAD_ID;
        }
        return null;
    }

    private RejectReason formula(String id, String name) {
        if (formulaLike(id)) {
            detail = name + " starts like a spreadsheet formula";
            return RejectReason.FORMULA_INJECTION;
        }
        return null;
    }

    /** Whether a cell would be run as a formula by a spreadsheet (OWASP CSV injection: = + - @ tab CR). */
    static boolean formulaLike(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** Free text is kept but made inert: a leading apostrophe is how spreadsheets mark a literal. */
    static String neutralise(String text) {
        return formulaLike(text) ? "'" + text : text;
    }

    private static boolean isCurrency(String c) {
        return c.length() == 3 && Character.isUpperCase(c.charAt(0)) && Character.isUpperCase(c.charAt(1))
                && Character.isUpperCase(c.charAt(2));
    }

    /** Trims, empties to null, and writes integral decimals as integers ({@code 17850.0} → {@code 17850}). */
    static String normaliseId(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.isEmpty()) {
            return null;
        }
        int dot = t.indexOf('.');
        if (dot > 0) {
            boolean digitsBefore = true;
            for (int i = 0; i < dot; i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    digitsBefore = false;
                    break;
                }
            }
            boolean zerosAfter = dot < t.length() - 1;
            for (int i = dot + 1; i < t.length() && zerosAfter; i++) {
                zerosAfter = t.charAt(i) == '0';
            }
            if (digitsBefore && zerosAfter) {
                return t.substring(0, dot);
            }
        }
        return t;
    }

    static final long BAD_LONG = Long.MIN_VALUE;

    /** An integer count ({@code 6}, {@code -6}, {@code 6.0}); {@link #BAD_LONG} when not a whole number. */
    static long parseCount(String s) {
        return parseCount(s.toCharArray(), 0, s.length());
    }

    /** A decimal amount ({@code 2.55}, {@code -1e3}); NaN when not a finite plain number. */
    static double parseAmount(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 40) {
            return Double.NaN;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return Double.NaN;
            }
        }
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    // Char-slice forms of the parsers above, for mappers that read fields straight from the record's characters
    // (RecordReader#chars). Each answers exactly what its String form answers on new String(a, from, to - from).

    /** First index in [from, to) that is not whitespace as {@link String#strip} sees it, else {@code to}. */
    static int stripStart(char[] a, int from, int to) {
        while (from < to && isSpace(a[from])) {
            from++;
        }
        return from;
    }

    /** One past the last non-whitespace index in [from, to) as {@link String#strip} sees it, else {@code from}. */
    static int stripEnd(char[] a, int from, int to) {
        while (to > from && isSpace(a[to - 1])) {
            to--;
        }
        return to;
    }

    private static boolean isSpace(char c) {
        return c <= ' ' || (c >= 0x80 && Character.isWhitespace(c)); // ASCII above space is never whitespace
    }

    /**
     * The end of {@link #normaliseId} on an already stripped, non-empty slice: {@code to}, or the dot's index when
     * the id is an integral decimal ({@code 17850.0}).
     */
    static int idEnd(char[] a, int from, int to) {
        int dot = from;
        while (dot < to && a[dot] != '.') {
            dot++;
        }
        if (dot == from || dot >= to - 1) {
            return to; // no dot, a leading dot, or nothing after it
        }
        for (int i = from; i < dot; i++) {
            if (a[i] < '0' || a[i] > '9') {
                return to;
            }
        }
        for (int i = dot + 1; i < to; i++) {
            if (a[i] != '0') {
                return to;
            }
        }
        return dot;
    }

    /** {@link #parseCount(String)} of a[from, to), without copying it out of the record's characters. */
    static long parseCount(char[] a, int from, int to) {
        from = stripStart(a, from, to);
        to = stripEnd(a, from, to);
        int n = to - from;
        if (n == 0 || n > 18) {
            return BAD_LONG;
        }
        int i = from;
        boolean negative = false;
        if (a[i] == '-' || a[i] == '+') {
            negative = a[i] == '-';
            i++;
        }
        if (i == to) {
            return BAD_LONG;
        }
        long v = 0;
        for (; i < to; i++) {
            char c = a[i];
            if (c == '.') {
                for (int k = i + 1; k < to; k++) {
                    if (a[k] != '0') {
                        return BAD_LONG;
                    }
                }
                break;
            }
            if (c < '0' || c > '9') {
                return BAD_LONG;
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22};

    /**
     * {@link #parseAmount(String)} of a[from, to). Plain decimals ({@code -2.55}) whose digits fit in 53 bits are
     * read as digits / 10^k, which is exact (Clinger's fast path: both operands are exact doubles and IEEE division
     * rounds correctly, as {@link Double#parseDouble} does); anything else goes through the String form.
     */
    static double parseAmount(char[] a, int from, int to) {
        int start = stripStart(a, from, to);
        int end = stripEnd(a, start, to);
        int i = start;
        boolean negative = false;
        if (i < end && (a[i] == '-' || a[i] == '+')) {
            negative = a[i] == '-';
            i++;
        }
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; i < end; i++) {
            char c = a[i];
            if (c >= '0' && c <= '9') {
                if (++count > 18) {
                    return parseAmount(new String(a, from, to - from));
                }
                digits = digits * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return parseAmount(new String(a, from, to - from));
            }
        }
        if (count == 0 || digits > (1L << 53) || fraction >= POWERS_OF_TEN.length) {
            return parseAmount(new String(a, from, to - from));
        }
        double v = fraction <= 0 ? (double) digits : digits / POWERS_OF_TEN[fraction];
        return negative ? -v : v;
    }

    CleanReport report(String format, InputDecoder.Decoded decoded, InputDecoder input, FileError error,
                       String message) {
        return report(format, decoded == null ? null : decoded.encoding(), decoded != null && decoded.bom(),
                decoded == null ? null : decoded.compression(), input.sha256(), input.bytes(), error, message);
    }

    /** The report of what this run read; a part of a file has no checksum of its own ({@link ExportParts#merge}). */
    CleanReport report(String format, String encoding, boolean bom, String compression, String sha256, long bytes,
                       FileError error, String message) {
        TreeMap<String, Long> reasons = new TreeMap<>();
        for (RejectReason r : RejectReason.values()) {
            if (byReason[r.ordinal()] > 0) {
                reasons.put(r.code(), byReason[r.ordinal()]);
            }
        }
        TreeMap<String, Long> kinds = new TreeMap<>();
        for (RowKind k : RowKind.values()) {
            if (byKind[k.ordinal()] > 0) {
                kinds.put(k.prefix(), byKind[k.ordinal()]);
            }
        }
        return new CleanReport(request.sourceId(), format, encoding, bom, compression, rowsIn, rowsClean,
                rowsRejected, rowsErased, rowsHeld, heldRowsSettled, reasons, kinds, nonProductRows, blankLines, first,
                last, sha256, bytes,
                error == null ? CleanReport.Status.OK : CleanReport.Status.FAILED,
                error == null ? null : error.code(), message);
    }
}
