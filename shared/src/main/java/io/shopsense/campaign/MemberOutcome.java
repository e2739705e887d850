package io.shopsense.campaign;

/**
 * What one member did in a campaign's window.
 *
 * @param firstPurchaseDay days from the window's first day to the member's first purchase in it (0 = that day), or
 *                         {@link #NEVER}
 * @param orders           distinct orders in the window
 * @param revenue          purchases minus refunds in the window
 */
public record MemberOutcome(String customerId, int firstPurchaseDay, int orders, double revenue) {
    public static final int NEVER = -1;

    public static MemberOutcome none(String customerId) {
        return new MemberOutcome(customerId, NEVER, 0, 0);
    }

    /** Whether the member had bought by the end of day {@code day} of the window. */
    public boolean convertedBy(int day) {
        return firstPurchaseDay != NEVER && firstPurchaseDay <= day;
    }

    public boolean converted() {
        return firstPurchaseDay != NEVER;
    }
}
