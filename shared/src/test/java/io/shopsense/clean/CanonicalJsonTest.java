package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.model.AdPerformance;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The canonical codec writes docs/architecture.md §3's field names and reads back what it wrote. */
class CanonicalJsonTest {

    @Test
    void eventLine_hasTheDesignFieldNamesInOrder() {
        Event e = new Event("00ff00ff00ff00ff", "17850", "85123A", EventType.PURCHASE, 6, 2.55, "GBP",
                Instant.parse("2010-12-01T08:26:00Z"), "536365", null, null, "src", 1);

        assertThat(CanonicalJson.eventLine(e)).isEqualTo("{\"eventId\":\"00ff00ff00ff00ff\",\"userId\":\"17850\","
                + "\"itemId\":\"85123A\",\"type\":\"purchase\",\"quantity\":6,\"unitPrice\":2.55,\"currency\":\"GBP\","
                + "\"ts\":\"2010-12-01T08:26:00Z\",\"orderId\":\"536365\",\"channel\":null,\"sessionId\":null,"
                + "\"sourceId\":\"src\",\"sourceRow\":1}");
    }

    @Test
    void eventLine_roundTripsOddValues() {
        Event e = new Event("0123456789abcdef", null, "say \"hi\"\\\n\t\u0001é陶", EventType.REFUND, 3, 0.001,
                null, Instant.parse("2024-01-02T03:04:05.678Z"), null, "email", "s-1", "src", 42);

        assertThat(CanonicalJson.readEvent(CanonicalJson.eventLine(e))).isEqualTo(e);
    }

    @Test
    void number_matchesDoubleToString() {
        for (double v : new double[] {2.55, 2.5, 2.0, 0.1, 0.01, 0.07, 10.3, 1234567.89, -3.5, -0.01, 0.001, 0, 1e-7,
                123.456, 99999999.99, 14.665}) {
            StringBuilder b = new StringBuilder();
            CanonicalJson.number(b, v);
            assertThat(b).as("%s", v).hasToString(Double.toString(v));
        }
    }

    @Test
    void itemAndAdLines_roundTrip() {
        Item item = new Item("POST", "POSTAGE", null, 18.0, true, false);
        AdPerformance ad = new AdPerformance(LocalDate.parse("2024-05-01"), 9, "email", "spring", 1000, 40, 3, 12.5,
                90.0);

        assertThat(CanonicalJson.readItem(CanonicalJson.itemLine(item))).isEqualTo(item);
        assertThat(CanonicalJson.readAd(CanonicalJson.adLine(ad))).isEqualTo(ad);
        assertThat(CanonicalJson.itemLine(item)).isEqualTo("{\"itemId\":\"POST\",\"title\":\"POSTAGE\","
                + "\"category\":null,\"price\":18.0,\"inStock\":true,\"isProduct\":false}");
    }

    @Test
    void readEvent_rejectsWhatIsNotAnEvent() {
        assertThatThrownBy(() -> CanonicalJson.readEvent("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.readEvent("{\"itemId\":\"a\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
