package io.shopsense.campaign;

import java.util.OptionalLong;

/**
 * How many members a campaign needs for its difference in conversion rates to be detected: the usual normal
 * approximation for two proportions (e.g. Chow, Shao and Wang, "Sample Size Calculations in Clinical Research", §4.2)
 * with unequal groups, {@code n = (z₁₋α/₂ + z₁₋β)² · (p₁(1−p₁)/(1−h) + p₀(1−p₀)/h) / δ²} members in all, for a
 * holdout share {@code h}, two-sided α = 5% and 80% power.
 */
public final class SampleSize {
    /** Φ⁻¹(0.8): 80% power. */
    static final double Z_POWER_80 = 0.8416212335729143;

    private SampleSize() {
    }

    /**
     * Members in all (treatment and holdout) needed to detect {@code treatmentRate − holdoutRate}; empty when the two
     * rates are equal (no effect to detect).
     */
    public static OptionalLong membersNeeded(double treatmentRate, double holdoutRate, double holdoutShare) {
        HoldoutAssignment.requireShare(holdoutShare);
        double effect = treatmentRate - holdoutRate;
        if (Math.abs(effect) < 1e-12) {
            return OptionalLong.empty();
        }
        double z = ProportionDifference.Z_95 + Z_POWER_80;
        double variance = treatmentRate * (1 - treatmentRate) / (1 - holdoutShare)
                + holdoutRate * (1 - holdoutRate) / holdoutShare;
        return OptionalLong.of((long) Math.ceil(z * z * variance / (effect * effect)));
    }
}
