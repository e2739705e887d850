package io.shopsense.campaign;

import io.shopsense.model.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures a campaign from its frozen split and its members' outcomes: per-group conversion, orders and revenue per
 * member; the uplift in conversion with the interval its {@link Look} allows; revenue per member with a bootstrap
 * interval; incremental orders and revenue (per-member differences times the treatment group); the members needed to
 * detect the uplift seen; and a verdict. Deterministic: the bootstrap's seed is the campaign id's hash.
 */
public final class UpliftMeasurer {
    private static final double ALPHA = 0.05;

    private UpliftMeasurer() {
    }

    public static UpliftReport measure(HoldoutAssignment.Split split, CampaignWindow window,
                                       CampaignWindow measured, Map<String, MemberOutcome> outcomes, Look look) {
        Totals t = Totals.of(split.treatment(), outcomes);
        Totals h = Totals.of(split.holdout(), outcomes);
        UpliftReport.Group treatment = t.group();
        UpliftReport.Group holdout = h.group();
        String start = window.start().toString();
        String end = window.end().toString();
        String through = measured.end().toString();
        if (t.members == 0 || h.members == 0) {
            return new UpliftReport(split.campaignId(), start, end, through, split.holdoutShare(), treatment, holdout,
                    null, null, look.method(), null, null, null, null, null, null, null, null, false,
                    Verdicts.tooFew(t.members, h.members));
        }
        double p1 = (double) t.converted / t.members;
        double p0 = (double) h.converted / h.members;
        Interval fixed = ProportionDifference.newcombe(t.converted, t.members, h.converted, h.members,
                ProportionDifference.Z_95);
        Interval alwaysValid = ProportionDifference.alwaysValid(t.converted, t.members, h.converted, h.members,
                ALPHA, ProportionDifference.DEFAULT_TAU);
        Interval decisive = look == Look.SINGLE ? fixed : alwaysValid;
        double upliftPp = (p1 - p0) * 100;
        Interval decisivePp = decisive.times(100);
        Interval revenueCi = MeanDifferenceBootstrap.interval(t.revenues, h.revenues, ALPHA,
                MeanDifferenceBootstrap.DEFAULT_RESAMPLES, seedOf(split.campaignId()));
        double revenueUplift = t.revenuePerMember() - h.revenuePerMember();
        double ordersUplift = (double) t.orders / t.members - (double) h.orders / h.members;
        Long needed = SampleSize.membersNeeded(p1, p0, split.holdoutShare()).stream().boxed().findFirst()
                .orElse(null);
        return new UpliftReport(split.campaignId(), start, end, through, split.holdoutShare(), treatment, holdout,
                round(upliftPp), pair(decisivePp), look.method(), pair(fixed.times(100)),
                pair(alwaysValid.times(100)), p0 > 0 ? round((p1 - p0) / p0) : null, round(revenueUplift),
                pair(revenueCi), round(ordersUplift * t.members), round(revenueUplift * t.members), needed,
                decisive.excludesZero(), Verdicts.of(upliftPp, decisivePp));
    }

    /** The bootstrap's seed: fixed per campaign, so a replayed measurement writes the same bytes. */
    static long seedOf(String campaignId) {
        return Long.parseUnsignedLong(Sha256.hex("bootstrap\n" + campaignId, 8), 16);
    }

    private static List<Double> pair(Interval interval) {
        return List.of(round(interval.low()), round(interval.high()));
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** One group's sums and its members' revenues (for the bootstrap). */
    private record Totals(int members, int converted, int orders, double revenue, double[] revenues) {
        static Totals of(List<String> ids, Map<String, MemberOutcome> outcomes) {
            int converted = 0;
            int orders = 0;
            double revenue = 0;
            List<Double> revenues = new ArrayList<>(ids.size());
            for (String id : ids) {
                MemberOutcome o = outcomes.getOrDefault(id, MemberOutcome.none(id));
                converted += o.converted() ? 1 : 0;
                orders += o.orders();
                revenue += o.revenue();
                revenues.add(o.revenue());
            }
            return new Totals(ids.size(), converted, orders, revenue,
                    revenues.stream().mapToDouble(Double::doubleValue).toArray());
        }

        double revenuePerMember() {
            return members == 0 ? 0 : revenue / members;
        }

        UpliftReport.Group group() {
            return new UpliftReport.Group(members, converted, members == 0 ? 0 : round(100.0 * converted / members),
                    orders, round(revenue), round(revenuePerMember()));
        }
    }
}
