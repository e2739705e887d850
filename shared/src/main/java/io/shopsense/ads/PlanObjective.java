package io.shopsense.ads;

import java.util.Locale;

/**
 * What a plan maximises. {@code CONVERSIONS} (the default) counts conversions; {@code REVENUE} weighs each by the
 * revenue per conversion of its channel (and audience); {@code VALUE} weighs each by the expected 12-month CLV of the
 * customers it converts, the targeted audience's mean CLV (a plan that targets no audience has one value for every
 * cell, so it plans as for conversions).
 */
public enum PlanObjective {
    CONVERSIONS, REVENUE, VALUE;

    /** {@code "conversions"}, {@code "revenue"} or {@code "value"}; anything else is an {@link IllegalArgumentException}. */
    public static PlanObjective parse(String text) {
        for (PlanObjective objective : values()) {
            if (objective.label().equals(text)) {
                return objective;
            }
        }
        throw new IllegalArgumentException("objective must be conversions, revenue or value, was '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
