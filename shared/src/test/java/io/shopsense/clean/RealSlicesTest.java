package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The committed real slices (see test resources NOTICE) cleaned end to end. Expected counts were computed by hand
 * and with an independent script applying the documented rules to the same files.
 */
class RealSlicesTest {
    private final ExportCleaner cleaner =
            new ExportCleaner(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RealSlicesTest.class.getResourceAsStream("/clean/" + name)) {
            return in.readAllBytes();
        }
    }

    private CleanReport clean(byte[] bytes, String key, RecordingOutput out) {
        // the kind clean-upload expects under raw/orders/ and raw/events/
        return cleaner.clean(new ByteArrayInputStream(bytes), CleanRequest.of("src-" + key, key)
                .withExpectedKind(RowKind.EVENTS), out);
    }

    @Test
    void clean_onlineRetailSlice_reconcilesWithExactReasons() throws IOException {
        RecordingOutput out = new RecordingOutput();

        CleanReport report = clean(resource("online-retail-2000.csv"), "raw/orders/online-retail-2000.csv", out);

        assertThat(report.ok()).isTrue();
        assertThat(report.format()).isEqualTo("online-retail");
        assertThat(report.encoding()).isEqualTo("UTF-8");
        assertThat(report.rowsIn()).isEqualTo(2000);
        assertThat(report.rowsClean()).isEqualTo(1958);
        assertThat(report.rowsRejected()).isEqualTo(42);
        assertThat(report.rejectsByReason()).containsExactly(Map.entry("DUPLICATE", 36L),
                Map.entry("NON_POSITIVE_PRICE", 6L));
        assertThat(report.nonProductRows()).isEqualTo(6);
        assertThat(report.outputsByKind()).containsExactly(Map.entry("catalog", 1044L), Map.entry("events", 1952L));
        assertThat(report.firstTs()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        assertThat(out.rejects).hasSize(42);

        List<Event> events = out.lines(RowKind.EVENTS).stream().map(CanonicalJson::readEvent).toList();
        assertThat(events.stream().filter(Event::isAnonymous)).hasSize(526);
        assertThat(events.stream().filter(e -> e.type() == EventType.REFUND)).hasSize(25)
                .allSatisfy(e -> assertThat(e.quantity()).isPositive());
        Event first = events.get(0);
        assertThat(first.userId()).isEqualTo("17850");
        assertThat(first.itemId()).isEqualTo("85123A");
        assertThat(first.orderId()).isEqualTo("536365");
        assertThat(first.currency()).isEqualTo("GBP");
        assertThat(first.sourceRow()).isEqualTo(1);
        assertThat(first.eventId()).hasSize(16);
        assertThat(events).noneMatch(e -> e.itemId().equals("POST"));
        List<Item> items = out.lines(RowKind.CATALOG).stream().map(CanonicalJson::readItem).toList();
        assertThat(items).filteredOn(i -> i.itemId().equals("POST")).singleElement()
                .satisfies(i -> assertThat(i.isProduct()).isFalse());
        assertThat(items).filteredOn(i -> i.itemId().equals("85123A")).singleElement()
                .satisfies(i -> assertThat(i.title()).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER"));
    }

    @Test
    void clean_gzippedSlice_givesTheSameRows() throws IOException {
        byte[] plain = resource("online-retail-2000.csv");
        RecordingOutput a = new RecordingOutput();
        RecordingOutput b = new RecordingOutput();

        CleanReport fromPlain = clean(plain, "x.csv", a);
        CleanReport fromGzip = clean(gzip(plain), "x.csv.gz", b);

        assertThat(fromGzip.compression()).isEqualTo("gzip");
        assertThat(fromGzip.rejectsByReason()).isEqualTo(fromPlain.rejectsByReason());
        assertThat(b.lines(RowKind.EVENTS)).isEqualTo(a.lines(RowKind.EVENTS).stream()
                .map(l -> l.replace("src-x.csv", "src-x.csv.gz")).toList());
        assertThat(fromGzip.sha256()).isNotEqualTo(fromPlain.sha256()).hasSize(64);
    }

    @Test
    void clean_cdnowSlice_readsTotalsAsUnitPrices() throws IOException {
        RecordingOutput out = new RecordingOutput();

        CleanReport report = clean(resource("cdnow-sample-500.txt"), "CDNOW_sample.txt", out);

        assertThat(report.format()).isEqualTo("cdnow");
        assertThat(report.rowsIn()).isEqualTo(500);
        // 01668 bought one CD for 9.77 twice on 1997-07-31; 01101 and 01753 have 0.00 lines
        assertThat(report.rejectsByReason()).containsExactly(Map.entry("DUPLICATE", 1L),
                Map.entry("NON_POSITIVE_PRICE", 2L));
        Event first = CanonicalJson.readEvent(out.lines(RowKind.EVENTS).get(0));
        // " 00004 0001 19970101  2   29.33": two CDs for 29.33 in total
        assertThat(first.userId()).isEqualTo("00004");
        assertThat(first.quantity()).isEqualTo(2);
        assertThat(first.unitPrice()).isCloseTo(14.665, within(1e-9));
        assertThat(first.ts()).isEqualTo(Instant.parse("1997-01-01T00:00:00Z"));
        assertThat(first.itemId()).isEqualTo(CdnowMapper.ITEM);
    }

    @Test
    void clean_ottoSessions_countsEachEventAsARow() throws IOException {
        RecordingOutput out = new RecordingOutput();

        CleanReport report = clean(resource("otto-train.jsonl"), "raw/events/otto-train.jsonl", out);

        assertThat(report.format()).isEqualTo("otto");
        assertThat(report.rowsIn()).isEqualTo(862);
        assertThat(report.rowsClean()).isEqualTo(862);
        List<Event> events = out.lines(RowKind.EVENTS).stream().map(CanonicalJson::readEvent).toList();
        Event first = events.get(0);
        assertThat(first.userId()).isEqualTo("0");
        assertThat(first.sessionId()).isEqualTo("0");
        assertThat(first.itemId()).isEqualTo("1517085");
        assertThat(first.type()).isEqualTo(EventType.VIEW);
        assertThat(first.ts()).isEqualTo(Instant.ofEpochMilli(1659304800025L));
        assertThat(events).extracting(Event::type).contains(EventType.CART, EventType.PURCHASE);
    }

    @Test
    void clean_shopifyExport_hashesEmailsAndCarriesOrderFields() throws Exception {
        byte[] bytes = resource("shopify-orders.csv");
        RecordingOutput out = new RecordingOutput();

        CleanReport report = clean(bytes, "raw/orders/shopify-orders.csv", out);

        assertThat(report.format()).isEqualTo("shopify");
        assertThat(report.rowsIn()).isEqualTo(8);
        assertThat(report.rowsClean()).isEqualTo(7);
        assertThat(report.rejectsByReason()).containsExactly(Map.entry("NON_POSITIVE_PRICE", 1L));
        assertThat(report.outputsByKind()).containsExactly(Map.entry("events", 8L));
        List<String> lines = out.lines(RowKind.EVENTS);
        assertThat(lines).noneMatch(l -> l.contains("@") || l.toLowerCase().contains("example")
                || l.contains("Harbour") || l.contains("Doe"));
        List<Event> events = lines.stream().map(CanonicalJson::readEvent).toList();
        // the whole SHA-256 of the trimmed, lower-cased address: what Meta and Google match an audience's e-mails by
        String bob = "e_" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("bob@example.com".getBytes(StandardCharsets.UTF_8)));
        assertThat(events).filteredOn(e -> "#1002".equals(e.orderId())).singleElement()
                .satisfies(e -> assertThat(e.userId()).isEqualTo(bob));
        Event secondLine = events.get(1);
        assertThat(secondLine.itemId()).isEqualTo("TOWEL-L");
        assertThat(secondLine.userId()).isEqualTo(events.get(0).userId());
        assertThat(secondLine.currency()).isEqualTo("EUR");
        assertThat(secondLine.ts()).isEqualTo(Instant.parse("2024-03-01T09:15:22Z"));
        assertThat(events).filteredOn(e -> "#1003".equals(e.orderId())).extracting(Event::type)
                .containsExactly(EventType.PURCHASE, EventType.REFUND);
        assertThat(events).filteredOn(e -> "#1004".equals(e.orderId())).singleElement().satisfies(e -> {
            assertThat(e.userId()).isNull();
            assertThat(e.itemId()).isEqualTo("title:gift wrap");
            assertThat(e.channel()).isEqualTo("pos");
        });
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }
}
