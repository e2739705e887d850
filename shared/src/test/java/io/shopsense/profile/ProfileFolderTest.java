package io.shopsense.profile;

import static io.shopsense.profile.Events.event;
import static io.shopsense.profile.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileFolderTest {

    private final ProfileFolder folder = new ProfileFolder(ProfileConfig.defaults());

    private static List<Event> fileA() {
        return List.of(
                purchase("a1", "u1", "i1", 2, 5.0, "2024-03-04T10:15:00Z", "o1", "src-A"),
                purchase("a2", "u1", "i2", 1, 10.0, "2024-03-04T10:15:00Z", "o1", "src-A"),
                event("a3", "u1", "i3", EventType.VIEW, "2024-03-05T18:00:00Z", "email", "src-A"),
                purchase("a4", null, "i1", 1, 5.0, "2024-03-05T18:00:00Z", "o9", "src-A"));
    }

    private static List<Event> fileB() {
        return List.of(
                purchase("b1", "u1", "i1", 1, 5.0, "2024-03-14T10:40:00Z", null, "src-B"),
                purchase("b2", "u1", "i4", 3, 4.0, "2024-03-24T09:00:00Z", "o3", "src-B"),
                event("b3", "u1", "i4", EventType.REFUND, "2024-03-25T09:00:00Z", "web", "src-B"));
    }

    @Test
    void fold_sameSourceTwice_isIdentical() {
        CustomerAggregate once = folder.fold(null, "u1", fileA());

        CustomerAggregate twice = folder.fold(once, "u1", fileA());

        assertThat(twice).isEqualTo(once);
    }

    @Test
    void foldAll_replayedFile_reportsNoChange() {
        Map<String, CustomerAggregate> stored = folder.foldAll(Map.of(), fileA());

        assertThat(folder.foldAll(stored, fileA())).isEmpty();
    }

    @Test
    void fold_liveEventWithoutSource_isDedupedByEventId() {
        Event live = event("live-1", "u1", "i9", EventType.CART, "2024-03-06T12:00:00Z", "app", null);
        CustomerAggregate once = folder.fold(null, "u1", List.of(live));

        assertThat(folder.fold(once, "u1", List.of(live))).isEqualTo(once);
        assertThat(once.foldedSources()).containsExactly("event:live-1");
    }

    @Test
    void fold_twoFilesInEitherOrder_givesTheSameHistory() {
        CustomerAggregate ab = folder.fold(folder.fold(null, "u1", fileA()), "u1", fileB());
        CustomerAggregate ba = folder.fold(folder.fold(null, "u1", fileB()), "u1", fileA());
        CustomerAggregate all = folder.fold(null, "u1", concat(fileA(), fileB()));

        assertThat(ba.purchaseDayRevenue()).isEqualTo(ab.purchaseDayRevenue());
        assertThat(all.orderKeys()).isEqualTo(ab.orderKeys());
        assertThat(ba.itemScores().scores().get("i1"))
                .isCloseTo(ab.itemScores().scores().get("i1"), within(1e-12));
        assertThat(all.revenue()).isCloseTo(ab.revenue(), within(1e-9));
    }

    @Test
    void history_countsOrdersUnitsRefundsAndTiming() {
        CustomerAggregate a = folder.fold(null, "u1", concat(fileA(), fileB()));

        CustomerHistory h = CustomerHistory.of(a, LocalDate.of(2024, 3, 31));

        // Orders: o1, the order-less purchase counted by its day, o3. Purchase days: 03-04, 03-14, 03-24.
        assertThat(h.orders()).isEqualTo(3);
        assertThat(h.frequency()).isEqualTo(3);
        assertThat(h.units()).isEqualTo(2 + 1 + 1 + 3);
        assertThat(h.revenue()).isCloseTo(10 + 10 + 5 + 12, within(1e-9));
        assertThat(h.refunds()).isCloseTo(10, within(1e-9));
        assertThat(h.monetary()).isCloseTo(27, within(1e-9));
        assertThat(h.averageOrderValue()).isCloseTo(37.0 / 3, within(1e-9));
        assertThat(h.averageDaysBetweenOrders()).isCloseTo(10.0, within(1e-9));
        assertThat(h.recencyDays()).isEqualTo(7);
        assertThat(h.daysSinceLastEvent()).isEqualTo(6);
        assertThat(h.firstPurchase()).isEqualTo(LocalDate.of(2024, 3, 4));
        // Purchase lines at hour 10: a1, a2, b1; at 9: b2. 2024-03-04 and 03-14 are Monday and Thursday.
        assertThat(h.preferredHour()).isEqualTo(10);
        assertThat(h.preferredWeekday()).isEqualTo(DayOfWeek.MONDAY);
        // Channels over 6 events: web 5 (four purchases and a refund), email 1.
        assertThat(h.channelMix()).containsOnlyKeys("web", "email");
        assertThat(h.channelMix().get("web")).isCloseTo(5.0 / 6, within(1e-12));
        // BG/NBD inputs: x = 2, tx = 20 days, T = 27 days, repeat days worth 5 and 12.
        assertThat(h.repeatTransactions()).isEqualTo(2);
        assertThat(h.weeksToLastTransaction()).isCloseTo(20 / 7.0, within(1e-12));
        assertThat(h.ageWeeks()).isCloseTo(27 / 7.0, within(1e-12));
        assertThat(h.meanRepeatValue()).isCloseTo(8.5, within(1e-12));
    }

    @Test
    void foldAll_skipsAnonymousEvents() {
        Map<String, CustomerAggregate> aggregates = folder.foldAll(Map.of(), fileA());

        assertThat(aggregates).containsOnlyKeys("u1");
        assertThat(aggregates.get("u1").purchases()).isEqualTo(2);
    }

    @Test
    void history_ofBrowserOnly_hasNoPurchaseFields() {
        CustomerAggregate a = folder.fold(null, "u2",
                List.of(event("v1", "u2", "i1", EventType.VIEW, "2024-03-05T22:00:00Z", null, "s")));

        CustomerHistory h = CustomerHistory.of(a, LocalDate.of(2024, 3, 10));

        assertThat(h.hasPurchased()).isFalse();
        assertThat(h.recencyDays()).isNull();
        assertThat(h.preferredHour()).isEqualTo(22);
        assertThat(h.channelMix()).isEmpty();
    }

    private static List<Event> concat(List<Event> a, List<Event> b) {
        List<Event> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
