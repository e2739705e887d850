package io.shopsense.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reference values from an independent SciPy evaluation of the same formulas (scipy.special.hyp2f1). */
class BgNbdModelTest {

    private final BgNbdModel cdnow = new BgNbdModel(0.243, 4.414, 0.793, 2.426);

    @Test
    void probabilityAlive_isOneWithoutRepeatPurchases() {
        assertThat(cdnow.probabilityAlive(0, 0, 20)).isEqualTo(1.0);
    }

    @Test
    void probabilityAlive_matchesReference() {
        assertThat(cdnow.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.726578570, within(1e-8));
    }

    @Test
    void expectedPurchases_matchesReferenceForNewCustomer() {
        assertThat(cdnow.expectedPurchases(52, 0, 0, 20)).isCloseTo(0.410973819, within(1e-8));
    }

    @Test
    void expectedPurchases_growsWithHorizon() {
        double month = cdnow.expectedPurchases(30 / 7.0, 2, 30.43, 38.86);
        double quarter = cdnow.expectedPurchases(90 / 7.0, 2, 30.43, 38.86);
        double year = cdnow.expectedPurchases(365 / 7.0, 2, 30.43, 38.86);

        assertThat(month).isPositive().isLessThan(quarter);
        assertThat(quarter).isLessThan(year);
    }

    @Test
    void probabilityNoPurchase_combinesDropoutAndSilence() {
        // (1 − P(alive)) + P(alive)·((α+T)/(α+T+t))^(r+x), t = 90 days.
        assertThat(cdnow.probabilityNoPurchase(90 / 7.0, 2, 30.43, 38.86)).isCloseTo(0.678813756, within(1e-8));
    }

    @Test
    void lifetimeValue_discountsMonthlyIncrements() {
        double clv = LifetimeValue.of(cdnow, 2, 30.43, 38.86, 20.0, 12, 0.01);

        assertThat(clv).isCloseTo(29.445084668, within(1e-6));
    }

    @Test
    void lifetimeValue_withoutDiscount_isExpectedPurchasesTimesValue() {
        double year = cdnow.expectedPurchases(12 * LifetimeValue.WEEKS_PER_MONTH, 2, 30.43, 38.86);

        assertThat(LifetimeValue.of(cdnow, 2, 30.43, 38.86, 20.0, 12, 0)).isCloseTo(20.0 * year, within(1e-9));
    }

    @Test
    void gammaGamma_expectedValueShrinksTowardsPopulationMean() {
        GammaGammaModel model = new GammaGammaModel(6.25, 3.74, 15.44);
        double population = 6.25 * 15.44 / (3.74 - 1);

        assertThat(model.expectedAverageValue(0, Double.NaN)).isCloseTo(population, within(1e-12));
        // weight on the population mean: (q−1)/(px+q−1) with x = 2.
        double w = 2.74 / (12.5 + 2.74);
        assertThat(model.expectedAverageValue(2, 50)).isCloseTo(w * population + (1 - w) * 50, within(1e-12));
    }
}
