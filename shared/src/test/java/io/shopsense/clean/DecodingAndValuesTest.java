package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.Event;
import io.shopsense.model.Item;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What the corpus counts, checked by value: encodings recorded, text decoded, quoting and formulas handled. */
class DecodingAndValuesTest {
    private static final String HEADER = "user_id,item_id,ts,type,quantity,price\n";
    private final ExportCleaner cleaner =
            new ExportCleaner(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));
    private RecordingOutput out;

    private CleanReport clean(byte[] bytes, CleanRequest request) {
        out = new RecordingOutput();
        return cleaner.clean(new ByteArrayInputStream(bytes), request, out);
    }

    private CleanReport clean(byte[] bytes) {
        return clean(bytes, CleanRequest.of("s", "upload.csv"));
    }

    private Event onlyEvent() {
        assertThat(out.lines(RowKind.EVENTS)).hasSize(1);
        return CanonicalJson.readEvent(out.lines(RowKind.EVENTS).get(0));
    }

    @Test
    void clean_windows1252_isDetectedAndDecoded() {
        CleanReport report = clean((HEADER + "u1,Café crème,2024-01-02,purchase,1,9.99\n")
                .getBytes(Charset.forName("windows-1252")));

        assertThat(report.encoding()).isEqualTo("windows-1252");
        assertThat(onlyEvent().itemId()).isEqualTo("Café crème");
    }

    @Test
    void clean_gbk_isDetectedAndDecoded() {
        CleanReport report = clean((HEADER + "用户一,陶瓷杯子,2024-01-02,purchase,1,9.99\n").getBytes(Charset.forName("GBK")));

        assertThat(report.encoding()).isEqualTo("GBK");
        assertThat(onlyEvent().itemId()).isEqualTo("陶瓷杯子");
        assertThat(onlyEvent().userId()).isEqualTo("用户一");
    }

    @Test
    void clean_utf16WithBom_isDetectedAndTheBomSkipped() {
        byte[] text = (HEADER + "u1,Ü-1,2024-01-02,purchase,1,9.99\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[text.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(text, 0, withBom, 2, text.length);

        CleanReport report = clean(withBom);

        assertThat(report.encoding()).isEqualTo("UTF-16LE");
        assertThat(report.bom()).isTrue();
        assertThat(report.format()).isEqualTo("events-csv");
        assertThat(onlyEvent().itemId()).isEqualTo("Ü-1");
    }

    @Test
    void clean_quotedFields_keepCommasQuotesAndNewlines() {
        clean("item_id,title,category,price\r\n\"M-1\",\"Mug, \"\"blue\"\"\r\nlarge\",Kitchen,12.5\r\n"
                .getBytes(StandardCharsets.UTF_8));

        Item item = CanonicalJson.readItem(out.lines(RowKind.CATALOG).get(0));
        assertThat(item.itemId()).isEqualTo("M-1");
        assertThat(item.title()).isEqualTo("Mug, \"blue\"\r\nlarge");
        assertThat(item.price()).isEqualTo(12.5);
        assertThat(item.inStock()).isTrue();
    }

    @Test
    void clean_formulaInFreeText_isPrefixedWithAnApostrophe() {
        clean("item_id,title,category,price\nM-1,=HYPERLINK(\"http://x\"),@risk,12.5\n".getBytes(StandardCharsets.UTF_8));

        Item item = CanonicalJson.readItem(out.lines(RowKind.CATALOG).get(0));
        assertThat(item.title()).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(item.category()).isEqualTo("'@risk");
    }

    @Test
    void clean_formulaInAnId_isRejectedWithTheRawTextKept() {
        String bad = "=cmd|' /C calc'!A0,i2,2024-01-02,purchase,1,9.99";
        clean((HEADER + bad + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(out.rejects).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.FORMULA_INJECTION);
            assertThat(r.raw()).isEqualTo(bad);
            assertThat(r.sourceRow()).isEqualTo(1);
        });
        assertThat(CanonicalJson.rejectLine("s", out.rejects.get(0)))
                .isEqualTo("{\"sourceId\":\"s\",\"sourceRow\":1,\"reason\":\"FORMULA_INJECTION\","
                        + "\"detail\":\"userId starts like a spreadsheet formula\",\"raw\":\"" + bad + "\"}");
    }

    @Test
    void clean_localTimes_areReadInTheShopZoneAndWrittenInUtc() {
        CleanRequest request = CleanRequest.of("s", "upload.csv").withZone(ZoneId.of("Europe/Berlin"));

        clean((HEADER + "u1,i1,2024-03-31 02:30:00,view,1,\n").getBytes(StandardCharsets.UTF_8), request);

        // 02:30 does not exist in Berlin that night (clocks jump 02:00 -> 03:00): java.time moves it to 03:30 CEST
        assertThat(onlyEvent().ts()).isEqualTo(Instant.parse("2024-03-31T01:30:00Z"));
        assertThat(out.rows.get(0).dt()).hasToString("2024-03-31");
    }

    @Test
    void clean_onlineRetailUsDates_andDecimalCustomerIds() {
        String file = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom\n"
                + "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527.0,United Kingdom\n"
                + "536414,22139,,56,12/1/2010 11:52,0.0,,United Kingdom\n";

        CleanReport report = clean(file.getBytes(StandardCharsets.UTF_8));

        Event e = onlyEvent();
        assertThat(e.userId()).isEqualTo("17850");
        assertThat(e.ts()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        assertThat(e.unitPrice()).isEqualTo(2.55);
        assertThat(report.nonProductRows()).isEqualTo(1);
        assertThat(report.rejectsByReason()).containsOnlyKeys("NON_POSITIVE_PRICE");
        assertThat(out.lines(RowKind.CATALOG)).map(CanonicalJson::readItem).extracting(Item::itemId)
                .containsExactly("85123A", "D");
    }
}
