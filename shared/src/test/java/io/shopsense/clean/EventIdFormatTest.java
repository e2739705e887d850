package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.EventType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Event ids are stable (the same content gives the same id in every run and release) and downstream dedup parses
 * their first 16 hex digits: always 16, lower case, zero-padded.
 */
class EventIdFormatTest {

    @Test
    void eventLine_writesTheIdAsSixteenLowerCaseDigits() {
        EventLineWriter writer = new EventLineWriter();
        Random random = new Random(7);
        long[] ids = new long[1000];
        ids[1] = 0xfL;
        ids[2] = -1L;
        ids[3] = Long.MIN_VALUE;
        for (int i = 4; i < ids.length; i++) {
            ids[i] = random.nextLong() >>> random.nextInt(64);
        }
        for (long id : ids) {
            String line = writer.line(id, "u", "i", EventType.VIEW, 1, 1.0, "GBP", "2024-01-01T00:00:00Z", null, null,
                    null, "src", 1);

            String eventId = CanonicalJson.readEvent(line).eventId();
            assertThat(eventId).hasSize(16).isEqualTo(String.format("%016x", id));
            assertThat(Long.parseUnsignedLong(eventId, 16)).isEqualTo(id);
        }
    }

    @Test
    void xxHash64_matchesTheReferenceVectors() {
        // values from the reference implementation (xxHash / lz4-java XXHash64, seed 0)
        assertThat(xxh64("")).isEqualTo(0xef46db3751d8e999L);
        assertThat(xxh64("a")).isEqualTo(0xd24ec4f1a98c6e5bL);
        assertThat(xxh64("abc")).isEqualTo(0x44bc2cf5ad770999L);
        assertThat(xxh64("message digest")).isEqualTo(0x066ed728fceeb3beL);
        assertThat(xxh64("abcdefghijklmnopqrstuvwxyz")).isEqualTo(0xcfe1f278fa89835cL);
        assertThat(xxh64("1234567890".repeat(8))).isEqualTo(0xe04a477f19ee145dL);
    }

    @Test
    void xxHash64_readsOnlyItsRange() {
        byte[] padded = "--abc--".getBytes(StandardCharsets.US_ASCII);

        assertThat(XxHash64.hash(padded, 2, 3)).isEqualTo(xxh64("abc"));
    }

    @Test
    void clean_givesTheFirstOnlineRetailRowItsPinnedId() {
        String csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n";
        RecordingOutput out = new RecordingOutput();

        new ExportCleaner().clean(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                CleanRequest.of("src", "x.csv").withReceivedAt(Instant.parse("2024-06-01T00:00:00Z")), out);

        // XXH64 of the documented layout (see CleanRun#eventHash), computed independently; a change here changes
        // every eventId and breaks deduplication against earlier uploads
        assertThat(CanonicalJson.readEvent(out.lines(RowKind.EVENTS).get(0)).eventId()).isEqualTo("96f10737f522c8d0");
    }

    private static long xxh64(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return XxHash64.hash(b, 0, b.length);
    }
}
