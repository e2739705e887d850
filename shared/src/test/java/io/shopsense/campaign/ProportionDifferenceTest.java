package io.shopsense.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionDifferenceTest {
    private static final double Z = ProportionDifference.Z_95;

    /** Newcombe (1998), Table II, method 10, as published (four decimals). */
    @Test
    void newcombe_reproducesThePublishedExamples() {
        assertInterval(ProportionDifference.newcombe(56, 70, 48, 80, Z), 0.0524, 0.3339);
        assertInterval(ProportionDifference.newcombe(9, 10, 3, 10, Z), 0.1705, 0.8090);
        assertInterval(ProportionDifference.newcombe(5, 56, 0, 29, Z), -0.0381, 0.1926);
    }

    @Test
    void wilson_ofNoSuccessesStartsAtZero() {
        // 0/10: centre z²/2n / (1 + z²/n) ± the same → [0, 3.8415/13.8415] = [0, 0.2775]
        double[] w = ProportionDifference.wilson(0, 10, Z);
        assertThat(w[0]).isCloseTo(0, within(1e-12));
        assertThat(w[1]).isCloseTo(0.27753, within(1e-5));
    }

    @Test
    void alwaysValid_isTheMixtureSprtIntervalOnAgrestiCaffoEstimates() {
        // 30/100 vs 20/100: p̂₁ = 31/102, p̂₀ = 21/102, V = p̂₁q̂₁/102 + p̂₀q̂₀/102 = 0.0036770,
        // half-width = √(V(V+τ²)/τ² · (ln((V+τ²)/V) + 2 ln 20)) with τ = 0.05 → 0.24320 around 0.098039
        Interval ci = ProportionDifference.alwaysValid(30, 100, 20, 100, 0.05, 0.05);
        assertInterval(ci, -0.14516, 0.34124);
    }

    @Test
    void alwaysValid_isWiderThanTheFixedInterval_andBothShrinkWithMoreMembers() {
        Interval fixedSmall = ProportionDifference.newcombe(30, 100, 20, 100, Z);
        Interval sequentialSmall = ProportionDifference.alwaysValid(30, 100, 20, 100, 0.05, 0.05);
        Interval sequentialLarge = ProportionDifference.alwaysValid(3000, 10000, 2000, 10000, 0.05, 0.05);

        assertThat(width(sequentialSmall)).isGreaterThan(width(fixedSmall));
        assertThat(width(sequentialLarge)).isLessThan(width(sequentialSmall) / 5);
        assertThat(sequentialLarge.excludesZero()).isTrue();
    }

    @Test
    void alwaysValid_keepsAWidthWhenNobodyConverted() {
        Interval ci = ProportionDifference.alwaysValid(0, 10, 0, 20, 0.05, 0.05);

        assertThat(ci.contains(0)).isTrue();
        assertThat(width(ci)).isGreaterThan(0.5);
    }

    private static double width(Interval i) {
        return i.high() - i.low();
    }

    private static void assertInterval(Interval ci, double low, double high) {
        assertThat(ci.low()).isCloseTo(low, within(5e-5));
        assertThat(ci.high()).isCloseTo(high, within(5e-5));
    }
}
