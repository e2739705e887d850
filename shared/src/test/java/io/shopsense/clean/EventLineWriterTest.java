package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hot-path writer writes exactly the line {@link CanonicalJson#eventLine} writes, reused parts included. */
class EventLineWriterTest {
    private static final String[] TEXTS = {null, "", "17850", "85123A", "say \"hi\"", "back\\slash", "tab\there",
        "line\nbreak", "\u0001", "é陶", "\u2028", "=cmd|' /C calc'!A0", "GBP", "536365", "C536379", "web", "s-1"};
    private static final double[] PRICES = {2.55, 2.5, 2.0, 0.1, 0.01, 0.07, 10.3, 1234567.89, -3.5, -0.01, 0.001, 0,
        -0.0, 1e-7, 123.456, 99999999.99, 14.665, 1e7, 9999999.99, 0.005, 38970.0, Double.MIN_VALUE, 1e300};
    private static final Instant[] TIMES = {Instant.parse("2010-12-01T08:26:00Z"),
        Instant.parse("2024-01-02T03:04:05.678Z"), Instant.ofEpochMilli(1659304800025L)};

    @Test
    void line_matchesCanonicalJsonForOddValues() {
        EventLineWriter writer = new EventLineWriter();
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            long id = random.nextLong() >>> random.nextInt(64);
            String user = pick(random);
            String item = pick(random);
            if (item == null) {
                item = "x";
            }
            EventType type = EventType.values()[random.nextInt(EventType.values().length)];
            int quantity = random.nextInt(5) == 0 ? random.nextInt() : random.nextInt(100);
            double price = random.nextBoolean() ? PRICES[random.nextInt(PRICES.length)]
                    : Math.round(random.nextDouble() * 100_000) / 100.0;
            String iso = TIMES[random.nextInt(TIMES.length)].toString();
            long row = random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(1_000_000);
            // fresh strings half the time, so both the reused parts and their rebuilding are exercised
            String currency = copy(random, pick(random));
            String order = copy(random, pick(random));
            String source = copy(random, pick(random));
            if (source == null) {
                source = "src";
            }
            String channel = pick(random);
            String session = pick(random);
            Event e = new Event(String.format("%016x", id), user, item, type, quantity, price, currency,
                    Instant.parse(iso), order, channel, session, source, row);

            String line = writer.line(id, user, item, type, quantity, price, currency, iso, order, channel,
                    session, source, row);

            assertThat(line).isEqualTo(CanonicalJson.eventLine(e));
        }
    }

    @Test
    void line_reusesRepeatedPartsOnlyWhileTheyRepeat() {
        EventLineWriter writer = new EventLineWriter();
        String iso = "2010-12-01T08:26:00Z";

        String first = writer.line(1, "17850", "85123A", EventType.PURCHASE, 6, 2.55, "GBP", iso, "536365", null,
                null, "src", 1);
        String second = writer.line(2, "17850", "71053", EventType.PURCHASE, 6, 3.39, "GBP", iso, "536365", null,
                null, "src", 2);
        String third = writer.line(3, "13047", "22752", EventType.REFUND, 2, 7.65, "GBP", "2010-12-01T08:28:00Z",
                "C536366", null, null, "src", 3);

        assertThat(first).isEqualTo("{\"eventId\":\"0000000000000001\",\"userId\":\"17850\",\"itemId\":\"85123A\","
                + "\"type\":\"purchase\",\"quantity\":6,\"unitPrice\":2.55,\"currency\":\"GBP\","
                + "\"ts\":\"2010-12-01T08:26:00Z\",\"orderId\":\"536365\",\"channel\":null,\"sessionId\":null,"
                + "\"sourceId\":\"src\",\"sourceRow\":1}");
        assertThat(second).contains("\"itemId\":\"71053\"", "\"unitPrice\":3.39", "\"orderId\":\"536365\"",
                "\"sourceRow\":2}");
        assertThat(third).contains("\"userId\":\"13047\"", "\"type\":\"refund\"", "\"ts\":\"2010-12-01T08:28:00Z\"",
                "\"orderId\":\"C536366\"", "\"sourceRow\":3}");
    }

    private static String pick(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static String copy(Random random, String s) {
        return s != null && random.nextBoolean() ? new String(s.toCharArray()) : s;
    }
}
