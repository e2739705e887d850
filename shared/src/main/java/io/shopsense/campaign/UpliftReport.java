package io.shopsense.campaign;

import java.util.List;

/**
 * A campaign's measured uplift, treatment over holdout: what {@code reports/campaigns/{id}.json},
 * {@code GET /campaigns/{id}/uplift} and {@code campaign measure} show. Rates and uplifts of conversion are in
 * percentage points; intervals are {@code [low, high]} at 95%; {@code upliftCi} is the one the verdict rests on
 * ({@code intervalMethod}), the other two are given for reading.
 *
 * @param measuredThrough the last day of events counted (the window's end, or today while it runs)
 * @param membersNeeded   members in all that would detect the uplift seen with 80% power, or null if none was seen
 */
public record UpliftReport(
        String campaignId,
        String windowStart,
        String windowEnd,
        String measuredThrough,
        double holdoutShare,
        Group treatment,
        Group holdout,
        Double upliftPp,
        List<Double> upliftCi,
        String intervalMethod,
        List<Double> fixedHorizonCi,
        List<Double> alwaysValidCi,
        Double relativeUplift,
        Double revenuePerMemberUplift,
        List<Double> revenueCi,
        Double incrementalOrders,
        Double incrementalRevenue,
        Long membersNeeded,
        boolean significant,
        String verdict) {

    /** One group's totals. */
    public record Group(int members, int converted, double conversionPp, int orders, double revenue,
                        double revenuePerMember) {
    }
}
