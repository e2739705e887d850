package io.shopsense.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import io.shopsense.model.SalesCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trending with the shop's sales calendar, on a hand-made Shanghai shop. Four daily windows ending 2024-11-12 (the
 * day after 双11): item S sells to 1 customer on each ordinary day and to 10 on 11-11; item G grows 1, 2, 3, 4. Prior 0,
 * one customer enough. Each purchase weighs 4.
 */
class TrendingSalesCalendarTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2024-11-13 00:00 in Shanghai: window 0 is 11-12, window 3 is 11-09. */
    private static final Instant NOW = Instant.parse("2024-11-12T16:00:00Z");

    @Test
    void aSpikeOn1111_isATrendWithoutTheCalendar() {
        double[] scores = scores(SalesCalendar.NONE);

        // S: [4, 4, 40, 4], slope 3.6, mean 13; G: [4, 8, 12, 16], slope 4, mean 10
        assertThat(scores[0]).isCloseTo(3.6 / 13, within(1e-4));
        assertThat(scores[1]).isCloseTo(0.4, within(1e-4));
    }

    @Test
    void aSpikeOn1111_isNoTrendOn1112_withTheChineseCalendar() {
        double[] scores = scores(SalesCalendar.china());

        // 11-11 left out: S [4, 4, -, 4] has slope 0; G [4, 8, -, 16] at t = 0, 1, 3: slope 4, mean 28/3 → 3/7
        assertThat(scores[0]).isCloseTo(0, within(1e-4));
        assertThat(scores[1]).isCloseTo(3.0 / 7, within(1e-4));
    }

    @Test
    void aSalesDayInTheMiddleOfAWeeklyWindow_scalesTheWindowToSevenOrdinaryDays() {
        // one weekly window holding 双11 and 6 ordinary days, each ordinary day 1 customer of item S, 10 on 11-11;
        // the three older weeks 7 customers each: S is flat once 11-11 is left out and its week scaled by 7/6
        List<Event> events = new ArrayList<>();
        int user = 0;
        for (int day = 0; day < 28; day++) {
            LocalDate date = LocalDate.of(2024, 11, 12).minusDays(day);
            int customers = date.equals(LocalDate.of(2024, 11, 11)) ? 10 : 1;
            for (int c = 0; c < customers; c++) {
                events.add(purchase("u" + user++, "S", date));
            }
        }
        InteractionData data = InteractionData.from(events, catalogue(), InteractionWeights.defaults()
                .withSalesCalendar(SalesCalendar.china()), NOW);

        double[] scores = new TrendingRecommender(4, 7, 0, 1).scores(data);

        assertThat(scores[0]).isCloseTo(0, within(1e-4));
    }

    @Test
    void calendar_readsChinaAndOwnDays_inTheShopsZone() {
        SalesCalendar calendar = SalesCalendar.parse("china, 08-08=店庆, 2025-03-08=女王节", SHANGHAI);

        assertThat(calendar.saleOn(LocalDate.of(2031, 11, 11))).contains("双11");
        assertThat(calendar.saleOn(LocalDate.of(2024, 6, 18))).contains("618");
        assertThat(calendar.saleOn(LocalDate.of(2025, 1, 29))).contains("春节");
        assertThat(calendar.saleOn(LocalDate.of(2026, 2, 17))).contains("春节");
        assertThat(calendar.saleOn(LocalDate.of(2024, 8, 8))).contains("店庆");
        assertThat(calendar.saleOn(LocalDate.of(2025, 3, 8))).contains("女王节");
        assertThat(calendar.isSaleDay(LocalDate.of(2026, 3, 8))).isFalse();
        // 2024-11-10T16:30Z is 00:30 on 11-11 in Shanghai
        assertThat(calendar.isSaleDay(Instant.parse("2024-11-10T16:30:00Z"))).isTrue();
        assertThat(calendar.isSaleDay(Instant.parse("2024-11-10T15:30:00Z"))).isFalse();
        assertThat(SalesCalendar.parse("none", SHANGHAI).isEmpty()).isTrue();
        assertThat(SalesCalendar.parse("", SHANGHAI).isEmpty()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SalesCalendar.parse("china,11/11", SHANGHAI))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'11/11'");
    }

    private static double[] scores(SalesCalendar calendar) {
        List<Event> events = new ArrayList<>();
        int[] spiky = {1, 1, 10, 1};    // 11-09, 11-10, 11-11, 11-12
        int[] growing = {1, 2, 3, 4};
        int user = 0;
        for (int d = 0; d < 4; d++) {
            LocalDate date = LocalDate.of(2024, 11, 9).plusDays(d);
            for (int c = 0; c < spiky[d]; c++) {
                events.add(purchase("s" + user++, "S", date));
            }
            for (int c = 0; c < growing[d]; c++) {
                events.add(purchase("g" + user++, "G", date));
            }
        }
        InteractionData data = InteractionData.from(events, catalogue(),
                InteractionWeights.defaults().withSalesCalendar(calendar), NOW);
        double[] scores = new TrendingRecommender(4, 1, 0, 1).scores(data);
        return new double[] {scores[data.itemIndex("S")], scores[data.itemIndex("G")]};
    }

    private static List<Item> catalogue() {
        return List.of(new Item("S", "spiky", null, 10, true, true), new Item("G", "growing", null, 10, true, true));
    }

    /** A purchase at noon in Shanghai on {@code date}. */
    private static Event purchase(String user, String item, LocalDate date) {
        Instant ts = date.atTime(12, 0).atZone(SHANGHAI).toInstant();
        return new Event(user + item + date, user, item, EventType.PURCHASE, 1, 10, "CNY", ts, null, null, null,
                "test", 0);
    }
}
