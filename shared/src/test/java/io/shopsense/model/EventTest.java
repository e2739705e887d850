package io.shopsense.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTest {
    private static final Instant TS = Instant.parse("2010-12-01T08:26:00Z");

    @Test
    void builder_defaultsToOneUnitAtNoPrice_fromNoSource() {
        Event event = Event.builder("e1", "17850", "85123A", EventType.VIEW, TS).build();

        assertThat(event).isEqualTo(new Event("e1", "17850", "85123A", EventType.VIEW, 1, 0, null, TS, null, null,
                null, null, 0));
    }

    @Test
    void builder_setsEveryOtherField() {
        Event event = Event.builder("e2", "17850", "85123A", EventType.PURCHASE, TS).quantity(6).price(2.55, "GBP")
                .orderId("536365").channel("web").sessionId("s-1").source("src", 7).build();

        assertThat(event).isEqualTo(new Event("e2", "17850", "85123A", EventType.PURCHASE, 6, 2.55, "GBP", TS,
                "536365", "web", "s-1", "src", 7));
        assertThat(event.amount()).isEqualTo(6 * 2.55);
    }

    @Test
    void builder_keepsTheRecordsRequiredFields() {
        assertThatThrownBy(() -> Event.builder("e3", "u", null, EventType.VIEW, TS).build())
                .isInstanceOf(NullPointerException.class).hasMessage("itemId");
    }
}
