package io.shopsense.recommend;

import io.shopsense.model.SalesCalendar;

/**
 * Confidence given to each kind of interaction when events are folded into the user × item matrix. A view says
 * little, a cart more, a purchase most; a refund subtracts (by default exactly one purchase's worth).
 *
 * @param view              weight of one view event
 * @param cart              weight of one add-to-cart event
 * @param purchase          weight of one purchase event (one order line, whatever its quantity: wholesale
 *                          quantities would otherwise drown everything else)
 * @param refund            weight subtracted for one refund event
 * @param repeatHalfLifeDays half-life of the time decay applied to a customer's own purchases when judging how
 *                          likely they are to buy an item again
 * @param salesCalendar     the shop's big sales days, which trending leaves out ({@link SalesCalendar#NONE}: none)
 */
public record InteractionWeights(double view, double cart, double purchase, double refund, double repeatHalfLifeDays,
                                 SalesCalendar salesCalendar) {

    public InteractionWeights {
        if (!(view >= 0 && cart >= view && purchase >= cart && refund >= 0 && repeatHalfLifeDays > 0)) {
            throw new IllegalArgumentException("weights must satisfy 0 <= view <= cart <= purchase, refund >= 0");
        }
        if (salesCalendar == null) {
            salesCalendar = SalesCalendar.NONE; // a model artefact read back: its settings name the days as text
        }
    }

    /**
     * The sales calendar as text, so the settings written with a model (and its fingerprint) name it; how it is
     * stored is {@code store.Json}'s business, this package knows no JSON.
     */
    public String salesDays() {
        return salesCalendar.toString();
    }

    /** The weights with the calendar as {@link #salesDays()} wrote it (how settings are read back). */
    public static InteractionWeights withSalesDays(double view, double cart, double purchase, double refund,
                                                   double repeatHalfLifeDays, String salesDays) {
        return new InteractionWeights(view, cart, purchase, refund, repeatHalfLifeDays,
                salesDays == null ? SalesCalendar.NONE : SalesCalendar.parseWithZone(salesDays));
    }

    /** Weights without a sales calendar: every day counts the same for trending. */
    public InteractionWeights(double view, double cart, double purchase, double refund, double repeatHalfLifeDays) {
        this(view, cart, purchase, refund, repeatHalfLifeDays, SalesCalendar.NONE);
    }

    /**
     * The same weights, with the shop's big sales days: their events still count as interactions, but trending
     * leaves them out of its windows ({@link TrendingRecommender}), so a sales-day spike is not read as a trend.
     */
    public InteractionWeights withSalesCalendar(SalesCalendar calendar) {
        return new InteractionWeights(view, cart, purchase, refund, repeatHalfLifeDays, calendar);
    }

    /** view 1, cart 2, purchase 4, refund 4, repeat half-life 90 days. */
    public static InteractionWeights defaults() {
        return new InteractionWeights(1, 2, 4, 4, 90);
    }
}
