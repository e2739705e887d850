package io.shopsense.profile;

import io.shopsense.model.EventType;

/**
 * How much one event adds to a customer's affinity for its item and category, before time decay. Defaults rank intent:
 * a view (1) &lt; a cart (3) &lt; a purchase (5); a refund (−5) cancels a purchase. Each event counts once, whatever
 * its quantity, so one wholesale order does not drown a customer's other interests.
 */
public record AffinityWeights(double view, double cart, double purchase, double refund) {

    /** view 1, cart 3, purchase 5, refund −5. */
    public static AffinityWeights defaults() {
        return new AffinityWeights(1, 3, 5, -5);
    }

    /** The weight of one event of this type. */
    public double of(EventType type) {
        return switch (type) {
            case VIEW -> view;
            case CART -> cart;
            case PURCHASE -> purchase;
            case REFUND -> refund;
        };
    }
}
