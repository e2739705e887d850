package io.shopsense.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

    @Test
    void logGamma_matchesKnownValues() {
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        assertThat(SpecialFunctions.logGamma(101)).isCloseTo(363.73937555556347, within(1e-10));
        assertThat(SpecialFunctions.logGamma(1e-3)).isCloseTo(6.907178885383853, within(1e-12));
    }

    @Test
    void logBeta_isTheLogOfGammaRatios() {
        // B(2, 3) = 1! 2! / 4! = 1/12
        assertThat(SpecialFunctions.logBeta(2, 3)).isCloseTo(Math.log(1.0 / 12), within(1e-14));
    }

    @Test
    void logSumExp_neitherOverflowsNorUnderflows() {
        assertThat(SpecialFunctions.logSumExp(1000, 1000)).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(SpecialFunctions.logSumExp(-1000, Double.NEGATIVE_INFINITY)).isEqualTo(-1000.0);
        assertThat(SpecialFunctions.logSumExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY))
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void hyp2f1_matchesClosedForms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z and ₂F₁(a, b; b; z) = (1 − z)^(−a)
        assertThat(SpecialFunctions.hyp2f1(1, 1, 2, 0.5)).isCloseTo(2 * Math.log(2), within(1e-13));
        assertThat(SpecialFunctions.hyp2f1(2.5, 3, 3, 0.3)).isCloseTo(Math.pow(0.7, -2.5), within(1e-13));
        assertThatThrownBy(() -> SpecialFunctions.hyp2f1(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
