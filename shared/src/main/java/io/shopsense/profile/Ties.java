package io.shopsense.profile;

/**
 * Sums of the same amounts taken in another order (events folded in another arrival order) differ in their last
 * bits; ranking and quintile scoring compare values rounded to ten significant digits, so such values stay ties and
 * a profile does not depend on the order its uploads arrived in.
 */
final class Ties {
    private static final int DIGITS = 10;

    private Ties() {
    }

    /** {@code value} rounded to ten significant digits (zero, infinities and NaN as they are). */
    static double key(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, DIGITS - 1 - Math.floor(Math.log10(Math.abs(value))));
        return Math.rint(value * scale) / scale;
    }
}
