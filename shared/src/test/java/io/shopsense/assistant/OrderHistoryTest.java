package io.shopsense.assistant;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OrderHistoryTest {
    private static final Map<String, String> TITLES = Fixtures.catalogue().stream()
            .collect(Collectors.toMap(Item::itemId, Item::title));

    @Test
    void of_groupsEventsIntoOrdersNewestFirstWithTotals() {
        OrderHistory history = OrderHistory.of("17850", Fixtures.orderEvents(), TITLES);

        assertThat(history.orders()).extracting(OrderSummary::orderId).containsExactly("536366", "536365");
        OrderSummary first = history.find("536365").orElseThrow();
        // 6×2.55 + 6×3.39 + 8×2.75 + 6×3.39 + 6×3.39 + 2×7.65 + 6×4.25
        assertThat(first.total()).isCloseTo(139.12, within(1e-9));
        assertThat(first.lines()).hasSize(7);
        assertThat(first.units()).isEqualTo(40);
        assertThat(first.status()).isEqualTo(OrderStatus.PURCHASED);
        assertThat(first.placedAt()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    }

    @Test
    void of_matchesACancellationToTheOrderItCancels() {
        OrderSummary handWarmers = OrderHistory.of("17850", Fixtures.orderEvents(), TITLES).find("536366")
                .orElseThrow();

        assertThat(handWarmers.total()).isCloseTo(22.2, within(1e-9));
        assertThat(handWarmers.refunded()).isCloseTo(11.1, within(1e-9));
        assertThat(handWarmers.status()).isEqualTo(OrderStatus.PARTLY_REFUNDED);
    }

    @Test
    void of_keepsARefundWithoutItsPurchaseAsARefundedOrder() {
        OrderHistory history = OrderHistory.of("17548", Fixtures.orderEvents(), TITLES);

        assertThat(history.orders()).singleElement().satisfies(o -> {
            assertThat(o.orderId()).isEqualTo("C536391");
            assertThat(o.status()).isEqualTo(OrderStatus.REFUNDED);
            assertThat(o.total()).isZero();
            assertThat(o.lines()).hasSize(7);
        });
    }

    @Test
    void of_namesLinesFromTheCatalogueAndFallsBackToItemId() {
        OrderSummary order = OrderHistory.of("17850", Fixtures.orderEvents(), TITLES).find("536365").orElseThrow();

        assertThat(order.lines()).extracting(OrderLine::title)
                .contains("WHITE HANGING HEART T-LIGHT HOLDER", "84406B");
    }

    @Test
    void of_ignoresOtherUsersViewsAndRepeatedEvents() {
        List<Event> events = new ArrayList<>(Fixtures.orderEvents());
        events.add(events.get(0)); // the same event delivered twice
        events.add(Event.builder("v1", "17850", "22962", EventType.VIEW, Instant.parse("2011-01-01T00:00:00Z"))
                .price(0.72, "GBP").source("s", 1).build());

        OrderHistory history = OrderHistory.of("17850", events, TITLES);

        assertThat(history.orders()).hasSize(2);
        assertThat(history.find("536365").orElseThrow().total()).isCloseTo(139.12, within(1e-9));
        assertThat(OrderHistory.of("99999", events, TITLES).orders()).isEmpty();
    }

    @Test
    void of_groupsEventsWithoutOrderIdByTheirTime() {
        Instant t = Instant.parse("2011-02-01T10:00:00Z");
        List<Event> events = List.of(
                Event.builder("a", "u1", "22962", EventType.PURCHASE, t).quantity(2).price(0.72, "GBP")
                        .source("s", 1).build(),
                Event.builder("b", "u1", "22963", EventType.PURCHASE, t).price(0.72, "GBP").source("s", 2).build());

        OrderHistory history = OrderHistory.of("u1", events, TITLES);

        assertThat(history.orders()).singleElement()
                .satisfies(o -> assertThat(o.total()).isCloseTo(2.16, within(1e-9)));
    }

    @Test
    void latest_returnsAtMostN() {
        OrderHistory history = OrderHistory.of("17850", Fixtures.orderEvents(), TITLES);

        assertThat(history.latest(1)).extracting(OrderSummary::orderId).containsExactly("536366");
        assertThat(history.latest(10)).hasSize(2);
    }
}
