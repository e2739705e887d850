package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: one file per rule, encoding, line ending and quoting case, each with its hand-checked
 * counts and reasons. Files are generated here so every byte is visible in the case that uses it. "Now" is
 * 2024-06-01T00:00Z.
 */
class BadInputCorpusTest {
    private static final String HEADER = "user_id,item_id,ts,type,quantity,price\n";
    private static final String GOOD = "u1,i1,2024-01-02 10:00:00,purchase,1,9.99\n";
    private static final String REVIEWS = "user_id,item_id,rating,body,created_at\n";
    private static final String GOOD_REVIEW = "u1,i1,5,great,2024-01-02\n";
    private static final ExportCleaner CLEANER =
            new ExportCleaner(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));

    record Case(String name, byte[] bytes, UnaryOperator<CleanRequest> request, String errorCode, long rowsIn,
                long rowsClean, Map<String, Long> reasons) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() throws IOException {
        return Stream.of(
                failed("empty file", new byte[0], "EMPTY_FILE"),
                failed("only spaces and newlines", utf8("  \n\r\n \n"), "EMPTY_FILE"),
                ok("header only", utf8(HEADER), 0, 0),
                failed("binary junk", junk(), "BINARY_CONTENT"),
                failed("truncated gzip inside the sample", cut(RealSlicesTest.gzip(utf8(HEADER + GOOD)), 12),
                        "TRUNCATED_GZIP"),
                new Case("truncated gzip after rows: complete records counted, file failed",
                        cut(RealSlicesTest.gzip(utf8(many(20_000))), 0.5), r -> r, "TRUNCATED_GZIP", -1, -1, Map.of()),
                failed("gzip magic then garbage", bytes(0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                        "BAD_GZIP"),
                ok("plain text named .gz", utf8(HEADER + GOOD), 1, 1),
                failed("unknown header", utf8("foo,bar,baz\n1,2,3\n"), "UNKNOWN_FORMAT"),
                rejects("missing item id", HEADER + GOOD + "u1,,2024-01-02 10:00:00,purchase,1,9.99\n",
                        "MISSING_FIELD"),
                rejects("missing time", HEADER + GOOD + "u1,i2,,purchase,1,9.99\n", "MISSING_FIELD"),
                rejects("quantity is a word", HEADER + GOOD + "u1,i2,2024-01-02,purchase,two,9.99\n", "BAD_NUMBER"),
                rejects("fractional quantity", HEADER + GOOD + "u1,i2,2024-01-02,purchase,1.5,9.99\n", "BAD_NUMBER"),
                rejects("price with a decimal comma", HEADER + GOOD + "u1,i2,2024-01-02,purchase,1,\"9,99\"\n",
                        "BAD_NUMBER"),
                rejects("price NaN", HEADER + GOOD + "u1,i2,2024-01-02,purchase,1,NaN\n", "BAD_NUMBER"),
                rejects("unparseable date", HEADER + GOOD + "u1,i2,yesterday,purchase,1,9.99\n", "BAD_DATE"),
                rejects("February 30th", HEADER + GOOD + "u1,i2,2024-02-30,purchase,1,9.99\n", "BAD_DATE"),
                rejects("before 1990", HEADER + GOOD + "u1,i2,1989-12-31 23:59:59,purchase,1,9.99\n",
                        "IMPOSSIBLE_DATE"),
                rejects("two days ahead", HEADER + GOOD + "u1,i2,2024-06-03 00:00:00,purchase,1,9.99\n",
                        "IMPOSSIBLE_DATE"),
                ok("less than a day ahead", utf8(HEADER + "u1,i2,2024-06-01T20:00:00Z,purchase,1,9.99\n"), 1, 1),
                rejects("zero price on a sale", HEADER + GOOD + "u1,i2,2024-01-02,purchase,1,0\n",
                        "NON_POSITIVE_PRICE"),
                rejects("negative price", HEADER + GOOD + "u1,i2,2024-01-02,purchase,1,-3.50\n",
                        "NON_POSITIVE_PRICE"),
                ok("views without a price", utf8(HEADER + "u1,i2,2024-01-02,view,1,\n"), 1, 1),
                rejects("zero quantity", HEADER + GOOD + "u1,i2,2024-01-02,purchase,0,9.99\n", "ZERO_QUANTITY"),
                rejects("10,001 units", HEADER + "u1,i2,2024-01-02,purchase,10000,9.99\n"
                        + "u1,i2,2024-01-02,purchase,10001,9.99\n", "OUTLIER_QUANTITY"),
                rejects("negative units on a purchase", HEADER + GOOD + "u1,i2,2024-01-02,purchase,-2,9.99\n",
                        "NEGATIVE_QUANTITY"),
                ok("negative units on a refund are its units", utf8(HEADER + "u1,i2,2024-01-02,refund,-2,9.99\n"),
                        1, 1),
                rejects("5,000-character item id", HEADER + GOOD + "u1," + "x".repeat(5000)
                        + ",2024-01-02,purchase,1,9.99\n", "FIELD_TOO_LONG"),
                rejects("100,000-character line", HEADER + GOOD + "y".repeat(100_000) + "\n", "FIELD_TOO_LONG"),
                new Case("record beyond maxRecordChars, next row still read",
                        utf8(HEADER + "z".repeat(100_000) + "\n" + GOOD),
                        r -> r.withLimits(new CleanLimits(10_000, 4096, 8192, 1000)), null, 2, 1,
                        Map.of("FIELD_TOO_LONG", 1L)),
                rejects("too few columns", HEADER + GOOD + "u1,i2,2024-01-02\n", "WRONG_COLUMN_COUNT"),
                rejects("too many columns", HEADER + GOOD + "u1,i2,2024-01-02,purchase,1,9.99,extra\n",
                        "WRONG_COLUMN_COUNT"),
                rejects("exact duplicate line", HEADER + GOOD + GOOD, "DUPLICATE"),
                rejects("unknown event type", HEADER + GOOD + "u1,i2,2024-01-02,wishlist,1,9.99\n", "UNKNOWN_TYPE"),
                rejects("formula in a user id", HEADER + GOOD + "=cmd|' /C calc'!A0,i2,2024-01-02,purchase,1,9.99\n",
                        "FORMULA_INJECTION"),
                rejects("formula in an item id", HEADER + GOOD + "u1,@SUM(A1:A9),2024-01-02,purchase,1,9.99\n",
                        "FORMULA_INJECTION"),
                rejects("plus-led item id", HEADER + GOOD + "u1,+1-555-0100,2024-01-02,purchase,1,9.99\n",
                        "FORMULA_INJECTION"),
                new Case("CR inside a quoted user id", utf8(HEADER + GOOD + "\"u\r1\",i2,2024-01-02,purchase,1,9.99\n"),
                        r -> r, null, 2, 1, Map.of("BAD_ID", 1L)),
                new Case("LF inside a quoted item id", utf8(HEADER + GOOD + "u1,\"i\n2\",2024-01-02,purchase,1,9.99\n"),
                        r -> r, null, 2, 1, Map.of("BAD_ID", 1L)),
                rejects("two spaces inside a user id", HEADER + GOOD + "ann  lee,i2,2024-01-02,purchase,1,9.99\n",
                        "BAD_ID"),
                rejects("slash in a user id", HEADER + GOOD + "a/b,i2,2024-01-02,purchase,1,9.99\n", "BAD_ID"),
                rejects("hash in a user id", HEADER + GOOD + "a#b,i2,2024-01-02,purchase,1,9.99\n", "BAD_ID"),
                rejects("question mark in an item id", HEADER + GOOD + "u1,i?2,2024-01-02,purchase,1,9.99\n",
                        "BAD_ID"),
                rejects("300-character user id", HEADER + GOOD + "u".repeat(300) + ",i2,2024-01-02,purchase,1,9.99\n",
                        "BAD_ID"),
                rejects("zero-width space in a user id", HEADER + GOOD + "u\u200b1,i2,2024-01-02,purchase,1,9.99\n",
                        "BAD_ID"),
                rejects("right-to-left override in an item id", HEADER + GOOD
                        + "u1,i\u202e2,2024-01-02,purchase,1,9.99\n", "BAD_ID"),
                rejects("decomposed accent (not NFC) in an item id", HEADER + GOOD
                        + "u1,Cafe\u0301,2024-01-02,purchase,1,9.99\n", "BAD_ID"),
                rejects("dot-dot item id", HEADER + GOOD + "u1,..,2024-01-02,purchase,1,9.99\n", "BAD_ID"),
                rejects("catalogue item id with a slash", "item_id,title,category,price\nA,Alpha,K,3\nB/1,Beta,K,3\n",
                        "BAD_ID"),
                ok("ids shops really use", utf8(HEADER + "17850,85123A,2024-01-02,purchase,1,9.99\n"
                        + "e_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,SKU-12_b.3,2024-01-02,purchase,1,9.99\n"
                        + "ann.lee@shop:7,BANK CHARGES,2024-01-02,purchase,1,9.99\n"
                        + "王小明,陶瓷杯子,2024-01-02,purchase,1,9.99\n"), 4, 4),
                rejects("currency that is no code", "user_id,item_id,ts,quantity,price,currency\n"
                        + "u1,i1,2024-01-02,1,9.99,EUR\nu1,i2,2024-01-02,1,9.99,euros\n", "BAD_CURRENCY"),
                ok("UTF-8 with BOM", concat(bytes(0xEF, 0xBB, 0xBF), utf8(HEADER + GOOD)), 1, 1),
                ok("UTF-16LE with BOM", concat(bytes(0xFF, 0xFE), enc(HEADER + GOOD, StandardCharsets.UTF_16LE)), 1,
                        1),
                ok("UTF-16BE with BOM", concat(bytes(0xFE, 0xFF), enc(HEADER + GOOD, StandardCharsets.UTF_16BE)), 1,
                        1),
                ok("Windows-1252", enc(HEADER + "u1,Café crème,2024-01-02,purchase,1,9.99\n",
                        Charset.forName("windows-1252")), 1, 1),
                ok("GBK", enc(HEADER + "用户一,陶瓷杯子,2024-01-02,purchase,1,9.99\n", Charset.forName("GBK")), 1, 1),
                ok("CRLF", utf8((HEADER + GOOD + GOOD.replace("i1", "i2")).replace("\n", "\r\n")), 2, 2),
                ok("CR only", utf8((HEADER + GOOD + GOOD.replace("i1", "i2")).replace("\n", "\r")), 2, 2),
                ok("no newline at the end", utf8(HEADER + GOOD.strip()), 1, 1),
                ok("blank lines are not rows", utf8("\n" + HEADER + "\n" + GOOD + "\r\n\n"), 1, 1),
                ok("quoted comma, doubled quotes, newline in a field",
                        utf8("item_id,title,category,price\n\"M-1\",\"Mug, \"\"blue\"\"\nlarge\",Kitchen,12.5\n"), 1,
                        1),
                ok("stray quote inside an unquoted field",
                        utf8("item_id,title,category,price\nF-7,RECORD FRAME 7\" SINGLE,Frames,2.10\n"), 1, 1),
                rejects("quote never closed", HEADER + GOOD + "u1,\"i2,2024-01-02,purchase,1,9.99\n"
                        + GOOD.replace("i1", "i3"), "UNTERMINATED_QUOTE"),
                ok("formula in a catalogue title is neutralised",
                        utf8("item_id,title,category,price\nM-1,=HYPERLINK(\"http://x\"),Kitchen,12.5\n"), 1, 1),
                new Case("undecodable byte after the encoding sample", concat(utf8(many(3000)),
                        bytes('u', '9', ',', 'i', 0xFF, ',', '2', '0', '2', '4', '-', '0', '1', '-', '0', '2', ',', 'v',
                                'i', 'e', 'w', ',', '1', ',', '\n')), r -> r, null, 3001, 3000,
                        Map.of("BAD_ENCODING", 1L)),
                rejects("broken JSON line", "{\"user_id\":\"u1\",\"item_id\":\"i1\",\"ts\":\"2024-01-02\"}\n"
                        + "{\"user_id\":\"u1\",\"item_id\":\n", "BAD_JSON"),
                new Case("OTTO: a broken line is one row, an unknown type one event",
                        utf8("{\"session\":1,\"events\":[{\"aid\":5,\"ts\":1659304800025,\"type\":\"clicks\"},"
                                + "{\"aid\":6,\"ts\":1659304800026,\"type\":\"likes\"}]}\n{\"session\":2,\"events\":[\n"),
                        r -> r, null, 3, 1, Map.of("BAD_JSON", 1L, "UNKNOWN_TYPE", 1L)),
                ok("semicolon separated", utf8(HEADER.replace(',', ';') + GOOD.replace(',', ';')), 1, 1),
                new Case("ads: hour 24 and negative clicks", utf8(
                        "date,hour,channel,campaign,impressions,clicks,conversions,spend,revenue\n"
                                + "2024-05-01,9,Email,spring,1000,40,3,12.5,90\n"
                                + "2024-05-01,24,Email,spring,1000,40,3,12.5,90\n"
                                + "2024-05-01,10,Email,spring,1000,-1,3,12.5,90\n"),
                        r -> r, null, 3, 1, Map.of("BAD_NUMBER", 2L)),
                new Case("ads: rows cleaning refuses (the API refuses the same, AdResultRules)", utf8(
                        "date,hour,channel,campaign,impressions,clicks,conversions,spend,revenue\n"
                                + "2024-05-01,9,Email,spring,1000,40,3,12.5,90\n"
                                + "2024-05-01,10,Email,spring,10,40,3,12.5,90\n"
                                + "2024-05-01,11,Email,spring,1000,40,41,12.5,90\n"
                                + "2024-05-01,12,-social,spring,1000,40,3,12.5,90\n"
                                + "2024-05-01,13,Email,spring/x,1000,40,3,12.5,90\n"
                                + "2099-05-01,14,Email,spring,1000,40,3,12.5,90\n"
                                + "2024-05-01,15,Email,spring,1000,40,3,-12.5,90\n"),
                        r -> r, null, 7, 1, Map.of("INCONSISTENT_COUNTS", 2L, "FORMULA_INJECTION", 1L, "BAD_ID", 1L,
                                "IMPOSSIBLE_DATE", 1L, "BAD_NUMBER", 1L)),
                new Case("ads: an audience must be one the last build published (issue 15)", utf8(
                        "date,hour,channel,campaign,impressions,clicks,conversions,spend,revenue,audience\n"
                                + "2024-05-01,9,Email,spring,1000,40,3,12.5,90,win-back\n"
                                + "2024-05-01,9,Email,spring,1000,40,3,12.5,90,Win-Back \n"
                                + "2024-05-01,10,Email,spring,1000,40,3,12.5,90,\n"
                                + "2024-05-01,11,Email,spring,1000,40,3,12.5,90,vip\n"
                                + "2024-05-01,12,Email,spring,1000,40,3,12.5,90,=cmd\n"
                                + "2024-05-01,13,Email,spring,1000,40,3,12.5,90,a/b\n"),
                        r -> r.withAudiences(java.util.Set.of("win-back")), null, 6, 2, Map.of("UNKNOWN_AUDIENCE", 1L,
                                "FORMULA_INJECTION", 1L, "BAD_ID", 1L, "DUPLICATE", 1L)),
                new Case("catalogue: zero price and unreadable stock", utf8(
                        "item_id,title,category,price,in_stock\nA,Alpha,Kitchen,3.5,yes\nB,Beta,Kitchen,0,yes\n"
                                + "C,Gamma,Kitchen,4,maybe\n"),
                        r -> r, null, 3, 1, Map.of("NON_POSITIVE_PRICE", 1L, "BAD_NUMBER", 1L)),
                new Case("ads expected (raw/ads/): missing columns fail the file", utf8(HEADER + GOOD),
                        r -> new CleanRequest(r.sourceId(), "x.csv", null, r.zone(), r.limits(), r.dedup(),
                                r.defaultCurrency(), null, r.erased()).withExpectedKind(RowKind.ADS),
                        "UNKNOWN_FORMAT", 0, 0, Map.of()),
                // --- reviews (issue #17) ---
                rejects("review without a rating", REVIEWS + GOOD_REVIEW + "u2,i1,,fine,2024-01-02\n", "MISSING_FIELD"),
                rejects("review rated 0", REVIEWS + GOOD_REVIEW + "u2,i1,0,fine,2024-01-02\n", "BAD_RATING"),
                rejects("review rated 7", REVIEWS + GOOD_REVIEW + "u2,i1,7,fine,2024-01-02\n", "BAD_RATING"),
                rejects("review rated 4.5", REVIEWS + GOOD_REVIEW + "u2,i1,4.5,fine,2024-01-02\n", "BAD_RATING"),
                rejects("review with a date that is no date", REVIEWS + GOOD_REVIEW + "u2,i1,4,fine,soon\n",
                        "BAD_DATE"),
                rejects("review from the future", REVIEWS + GOOD_REVIEW + "u2,i1,4,fine,2024-07-01\n",
                        "IMPOSSIBLE_DATE"),
                rejects("review of a formula item", REVIEWS + GOOD_REVIEW + "u2,=1+1,4,fine,2024-01-02\n",
                        "FORMULA_INJECTION"),
                rejects("review by a customer id with a slash", REVIEWS + GOOD_REVIEW + "a/b,i1,4,fine,2024-01-02\n",
                        "BAD_ID"),
                rejects("the same review twice", REVIEWS + GOOD_REVIEW + GOOD_REVIEW, "DUPLICATE"),
                rejects("review with a column too many", REVIEWS + GOOD_REVIEW + "u2,i1,4,fine,2024-01-02,x\n",
                        "WRONG_COLUMN_COUNT"),
                rejects("review body of 5,000 characters", REVIEWS + GOOD_REVIEW + "u2,i1,4," + "w".repeat(5000)
                        + ",2024-01-02\n", "FIELD_TOO_LONG"),
                rejects("review line that is broken JSON", "{\"user\":\"u1\",\"item_id\":\"i1\",\"rating\":5,"
                        + "\"ts\":\"2024-01-02\"}\n{\"user\":\"u2\",\"rating\":5,\n", "BAD_JSON"),
                ok("review with an empty body", utf8(REVIEWS + "u1,i1,5,,2024-01-02\n"), 1, 1),
                ok("Chinese review in GBK", enc(REVIEWS + "用户一,陶瓷杯子,2,杯子太小了,2024-01-02\n",
                        Charset.forName("GBK")), 1, 1),
                ok("Shopify reviews in UTF-16LE with BOM", concat(bytes(0xFF, 0xFE), enc(
                        "product_handle,state,rating,title,author,email,location,body,reply,created_at,replied_at\n"
                                + "mug,published,5,Nice,A,a@example.com,,Good,,2024-01-02,\n",
                        StandardCharsets.UTF_16LE)), 1, 1),
                new Case("review of an item the catalogue does not list", utf8(REVIEWS + GOOD_REVIEW
                        + "u2,ghost,4,fine,2024-01-02\n"),
                        r -> r.withKnownItems(KnownItems.lazily(() -> java.util.Set.of("i1"))), null, 2, 1,
                        Map.of("UNKNOWN_ITEM", 1L)),
                // --- end reviews
                new Case("events expected (raw/orders/): a catalogue is refused",
                        utf8("item_id,title,category,price\nA,Alpha,K,3\n"),
                        r -> new CleanRequest(r.sourceId(), "x.csv", null, r.zone(), r.limits(), r.dedup(),
                                r.defaultCurrency(), null, r.erased()).withExpectedKind(RowKind.EVENTS),
                        "UNKNOWN_FORMAT", 0, 0, Map.of()),
                new Case("nothing expected: a catalogue whose name says orders is a catalogue",
                        utf8("item_id,title,category,price\nA,Alpha,K,3\n"),
                        r -> new CleanRequest(r.sourceId(), "raw/orders/x.csv", null, r.zone(), r.limits(), r.dedup(),
                                r.defaultCurrency(), null, r.erased()), null, 1, 1, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void clean_badInput_isCountedAndExplained(Case c) {
        RecordingOutput out = new RecordingOutput();
        CleanRequest request = c.request().apply(CleanRequest.of("bad", "upload.csv.gz"));

        CleanReport report = CLEANER.clean(new ByteArrayInputStream(c.bytes()), request, out);

        assertThat(report.rowsIn()).isEqualTo(report.rowsClean() + report.rowsRejected());
        assertThat(report.rejectsByReason().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(report.rowsRejected());
        assertThat(out.rejects).hasSize((int) report.rowsRejected());
        assertThat(report.sha256()).hasSize(64);
        assertThat(report.bytesIn()).isEqualTo(c.bytes().length);
        assertThat(report.errorCode()).isEqualTo(c.errorCode());
        assertThat(report.ok()).isEqualTo(c.errorCode() == null);
        if (c.rowsIn() >= 0) {
            assertThat(report.rowsIn()).isEqualTo(c.rowsIn());
            assertThat(report.rowsClean()).isEqualTo(c.rowsClean());
            assertThat(report.rejectsByReason()).containsExactlyInAnyOrderEntriesOf(c.reasons());
        } else {
            assertThat(report.rowsIn()).isPositive().isLessThan(20_000);
        }
        for (RecordingOutput.Row row : out.rows) {
            assertThat(row.json()).doesNotStartWith("=").doesNotContain(":\"=").doesNotContain(":\"@")
                    .doesNotContain(":\"+");
        }
    }

    private static Case ok(String name, byte[] bytes, long rowsIn, long rowsClean) {
        return new Case(name, bytes, r -> r, null, rowsIn, rowsClean, Map.of());
    }

    private static Case failed(String name, byte[] bytes, String error) {
        return new Case(name, bytes, r -> r, error, 0, 0, Map.of());
    }

    /** A file whose last row breaks one rule: one clean row per good line, one reject. */
    private static Case rejects(String name, String text, String reason) {
        long lines = text.lines().filter(l -> !l.isBlank()).count();
        boolean header = !text.startsWith("{");
        long rows = header ? lines - 1 : lines;
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put(reason, 1L);
        if (name.equals("quote never closed")) {
            rows = 2; // the open quote swallows the following line: one record
        }
        if (name.equals("10,001 units")) {
            rows = 2;
        }
        return new Case(name, utf8(text), r -> r, null, rows, rows - 1, reasons);
    }

    private static String many(int rows) {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            b.append("u").append(i % 97).append(",item-").append(i).append(",2024-01-02 10:00:00,view,1,\n");
        }
        return b.toString();
    }

    private static byte[] junk() {
        byte[] b = new byte[4096];
        new Random(7).nextBytes(b);
        b[10] = 0;
        return b;
    }

    private static byte[] cut(byte[] b, int keep) {
        return Arrays.copyOf(b, keep);
    }

    private static byte[] cut(byte[] b, double fraction) {
        return Arrays.copyOf(b, (int) (b.length * fraction));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] enc(String s, Charset cs) {
        return s.getBytes(cs);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(a);
        out.write(b);
        return out.toByteArray();
    }
}
