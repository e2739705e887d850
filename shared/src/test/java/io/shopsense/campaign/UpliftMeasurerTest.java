package io.shopsense.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpliftMeasurerTest {
    private static final CampaignWindow OCTOBER = new CampaignWindow(LocalDate.parse("2011-10-01"),
            LocalDate.parse("2011-10-31"));

    @Test
    void tally_countsPurchasesAndRefundsInsideTheWindowOnly() {
        List<Event> events = List.of(
                event("a", EventType.PURCHASE, "o1", "2011-10-03T10:00:00Z", 2, 5.0),
                event("a", EventType.PURCHASE, "o1", "2011-10-03T10:00:00Z", 1, 3.0),   // same order
                event("a", EventType.PURCHASE, "o2", "2011-10-09T10:00:00Z", 1, 4.0),
                event("a", EventType.REFUND, "c1", "2011-10-10T10:00:00Z", 1, 4.0),
                event("b", EventType.PURCHASE, "o3", "2011-09-30T23:59:59Z", 1, 100.0), // before the window
                event("b", EventType.VIEW, null, "2011-10-05T10:00:00Z", 1, 1.0),
                event("z", EventType.PURCHASE, "o4", "2011-10-05T10:00:00Z", 1, 9.0));  // not a member

        Map<String, MemberOutcome> outcomes = new OutcomeTally(OCTOBER, List.of("a", "b")).addAll(events).outcomes();

        assertThat(outcomes).containsOnlyKeys("a", "b");
        assertThat(outcomes.get("a")).isEqualTo(new MemberOutcome("a", 2, 2, 13.0));
        assertThat(outcomes.get("b")).isEqualTo(MemberOutcome.none("b"));
    }

    @Test
    void measure_givesGroupTotals_uplift_andTheVerdictOfItsLook() {
        // treatment: 6 of 10 bought (revenue 10 each); holdout: 1 of 5 bought (revenue 10)
        List<String> treatment = List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9");
        List<String> holdout = List.of("h0", "h1", "h2", "h3", "h4");
        HoldoutAssignment.Split split = new HoldoutAssignment.Split("c", 0.1, treatment, holdout);
        Map<String, MemberOutcome> outcomes = new java.util.HashMap<>();
        for (int i = 0; i < 6; i++) {
            outcomes.put("t" + i, new MemberOutcome("t" + i, 0, 1, 10));
        }
        outcomes.put("h0", new MemberOutcome("h0", 3, 1, 10));

        UpliftReport single = UpliftMeasurer.measure(split, OCTOBER, OCTOBER, outcomes, Look.SINGLE);
        UpliftReport nightly = UpliftMeasurer.measure(split, OCTOBER, OCTOBER, outcomes, Look.NIGHTLY);

        assertThat(single.treatment()).isEqualTo(new UpliftReport.Group(10, 6, 60.0, 6, 60.0, 6.0));
        assertThat(single.holdout()).isEqualTo(new UpliftReport.Group(5, 1, 20.0, 1, 10.0, 2.0));
        assertThat(single.upliftPp()).isEqualTo(40.0);
        assertThat(single.relativeUplift()).isEqualTo(2.0);
        assertThat(single.revenuePerMemberUplift()).isEqualTo(4.0);
        assertThat(single.incrementalOrders()).isEqualTo(4.0);   // (0.6 − 0.2) orders per member × 10
        assertThat(single.incrementalRevenue()).isEqualTo(40.0);
        assertThat(single.upliftCi()).isEqualTo(single.fixedHorizonCi());
        assertThat(nightly.upliftCi()).isEqualTo(nightly.alwaysValidCi());
        assertThat(nightly.intervalMethod()).isEqualTo("mixture-sprt-always-valid");
        assertThat(single.membersNeeded()).isPositive();
        assertThat(single.verdict()).startsWith(single.significant() ? "+40.0 pp" : "no effect detected yet");
        assertThat(nightly.significant()).isFalse();   // the always-valid interval is wider: 15 members say little
    }

    @Test
    void measure_withAnEmptyHoldout_saysItCannotMeasure() {
        HoldoutAssignment.Split split = new HoldoutAssignment.Split("c", 0.1, List.of("a"), List.of());

        UpliftReport report = UpliftMeasurer.measure(split, OCTOBER, OCTOBER, Map.of(), Look.SINGLE);

        assertThat(report.significant()).isFalse();
        assertThat(report.upliftCi()).isNull();
        assertThat(report.verdict()).isEqualTo("not measurable yet: 1 in treatment and 0 in the holdout");
    }

    @Test
    void simulation_ofAnAudienceWhereEveryoneIsAlike_neverCallsAnAaCampaignSignificant() {
        List<MemberOutcome> audience = java.util.stream.IntStream.range(0, 400)
                .mapToObj(i -> new MemberOutcome("m" + i, MemberOutcome.NEVER, 0, 0)).toList();

        CampaignSimulation.Result aa = CampaignSimulation.run(audience, 30, 0.1, 50, 0, false);
        CampaignSimulation.Result planted = CampaignSimulation.run(audience, 30, 0.5, 50, 50, false);

        assertThat(aa.significantShare()).isZero();
        assertThat(aa.coverage()).isEqualTo(1.0);
        assertThat(planted.significantShare()).isEqualTo(1.0);   // +50 pp on 200 per group is unmissable
        assertThat(CampaignSimulation.trueEffectBy(14, 30, 0.03)).isCloseTo(0.015, org.assertj.core.api.Assertions.within(1e-15));
    }

    private static Event event(String user, EventType type, String order, String ts, int quantity, double price) {
        return new Event("id-" + user + ts + type + price, user, "item", type, quantity, price, "GBP",
                Instant.parse(ts), order, null, null, "src", 1);
    }
}
