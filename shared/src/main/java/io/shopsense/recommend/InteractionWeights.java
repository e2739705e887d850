package io.shopsense.recommend;

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
 */
public record InteractionWeights(double view, double cart, double purchase, double refund, double repeatHalfLifeDays) {

    public InteractionWeights {
        if (!(view >= 0 && cart >= view && purchase >= cart && refund >= 0 && repeatHalfLifeDays > 0)) {
            throw new IllegalArgumentException("weights must satisfy 0 <= view <= cart <= purchase, refund >= 0");
        }
    }

    /** view 1, cart 2, purchase 4, refund 4, repeat half-life 90 days. */
    public static InteractionWeights defaults() {
        return new InteractionWeights(1, 2, 4, 4, 90);
    }
}
