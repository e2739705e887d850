package io.shopsense.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The correctness anchor: on the CDNOW cohort, calibration 1997-01-01..1997-09-30, the fitters reproduce the estimates
 * published by Fader, Hardie and Lee (2005).
 */
class CdnowMaximumLikelihoodTest {

    private static TransactionSummary summary;

    @BeforeAll
    static void summarise() {
        summary = TransactionSummary.fromEvents(CdnowFixture.events(), CdnowFixture.CALIBRATION_END);
    }

    @Test
    void summary_hasTheCohortAndItsRepeatBuyers() {
        assertThat(summary.size()).isEqualTo(2357);
        assertThat(summary.repeatCustomers()).isEqualTo(946);
    }

    @Test
    void fit_reproducesPublishedCdnowEstimates() {
        BgNbdFit fit = new BgNbdFitter().fit(summary);

        assertThat(fit.model().r()).isCloseTo(0.243, withinPercentage(1));
        assertThat(fit.model().alpha()).isCloseTo(4.414, withinPercentage(1));
        assertThat(fit.model().a()).isCloseTo(0.793, withinPercentage(1));
        assertThat(fit.model().b()).isCloseTo(2.426, withinPercentage(1));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.5));
        assertThat(fit.customers()).isEqualTo(2357);
    }

    @Test
    void gammaGammaFit_reproducesPublishedCdnowEstimates() {
        GammaGammaFit fit = new GammaGammaFitter().fit(summary);

        assertThat(fit.customers()).isEqualTo(946);
        assertThat(fit.model().p()).isCloseTo(6.25, withinPercentage(2));
        assertThat(fit.model().q()).isCloseTo(3.74, withinPercentage(2));
        assertThat(fit.model().gamma()).isCloseTo(15.44, withinPercentage(2));
    }

    @Test
    void expectedPurchases_matchesPaperExampleCustomer() {
        // Fader, Hardie and Lee (2005), section 4: x = 2, tx = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
        BgNbdModel model = new BgNbdModel(0.243, 4.414, 0.793, 2.426);

        assertThat(model.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.005));
    }
}
