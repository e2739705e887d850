package io.shopsense.profile;

/**
 * Discounted customer lifetime value over whole months, from BG/NBD expected purchases and a Gamma-Gamma expected
 * transaction value: {@code CLV = Σ_{m=1..M} (E[Y(m)] − E[Y(m−1)]) · E[M] / (1 + d)^m}, where E[Y(m)] is the expected
 * number of transactions in the next m months (a month is 365.25/12 days) and d the monthly discount rate.
 */
public final class LifetimeValue {

    /** Weeks in an average month, the time unit of the fitted models. */
    public static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;

    private LifetimeValue() {
    }

    /** CLV over {@code months} months for a customer with BG/NBD inputs (x, tₓ, T in weeks). */
    public static double of(BgNbdModel model, double x, double tx, double age, double expectedValue, int months,
                            double monthlyDiscountRate) {
        if (!(expectedValue > 0)) {
            return 0;
        }
        double value = 0;
        double previous = 0;
        for (int m = 1; m <= months; m++) {
            double cumulative = model.expectedPurchases(m * WEEKS_PER_MONTH, x, tx, age);
            value += (cumulative - previous) * expectedValue / Math.pow(1 + monthlyDiscountRate, m);
            previous = cumulative;
        }
        return value;
    }
}
