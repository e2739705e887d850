package io.shopsense.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The saturation scale's posterior over the fit's grid and what a draw of it does to a cell's expected clicks. */
class SaturationUncertaintyTest {

    @Test
    void gridWeights_areTheRelativeGaussianLikelihoods() {
        // exp(−(SSE − 10)/2σ²) with σ² = 1: 1, e^−1, e^−3 over their sum 1.41766
        double[] w = SaturationCurve.gridWeights(new double[] {10, 12, 16}, 1);

        assertThat(w[0]).isCloseTo(0.70539, within(1e-5));
        assertThat(w[1]).isCloseTo(0.25950, within(1e-5));
        assertThat(w[2]).isCloseTo(0.03512, within(1e-5));
    }

    @Test
    void scaleDraw_agreesWithTheHistoryAtItsSpend_andSpreadsBeyondIt() {
        // given one cell that spent 10 with a fitted scale 10, and a posterior of half on 10 and half on 20
        SaturationCurve.ScaleFit fit = new SaturationCurve.ScaleFit(10, new double[] {10, 20}, new double[] {0.5, 0.5});
        ScaleUncertainty scale = ScaleUncertainty.of(fit, new double[][] {{10}}, new double[] {10});

        // then draw 1 doubles the scale and spreads the same clicks over 20(1 − e^−0.5) = 7.8694 saturated money
        // instead of 10(1 − e^−1) = 6.3212: clicks per saturated money × 0.80326
        assertThat(scale.factor(1)).isEqualTo(2.0);
        assertThat(scale.exposureRatio(0)).isCloseTo(1, within(1e-12));
        assertThat(scale.exposureRatio(1)).isCloseTo(0.80326, within(1e-5));
        // at the spend seen both draws expect the same clicks (per unit of clicks per saturated money): 6.3212
        assertThat(scale.exposureRatio(1) * SaturationCurve.effectiveSpend(10, 20))
                .isCloseTo(SaturationCurve.effectiveSpend(10, 10), within(1e-9));
        // at 3× it they part: 10(1 − e^−3) = 9.5021 against 0.803262 × 20(1 − e^−1.5) = 12.4807
        assertThat(SaturationCurve.effectiveSpend(30, 10)).isCloseTo(9.5021, within(1e-4));
        assertThat(scale.exposureRatio(1) * SaturationCurve.effectiveSpend(30, 20)).isCloseTo(12.4807, within(1e-4));
        int ones = 0;
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            ones += scale.draw(rng);
        }
        assertThat(ones / 10_000.0).isCloseTo(0.5, within(0.02));
    }

    @Test
    void fit_evenSpend_isAPointWithoutSpread() {
        SaturationCurve.ScaleFit fit = SaturationCurve.fit(new double[][] {{10, 10, 10, 10}},
                new double[][] {{20, 21, 19, 20}}, 3);

        assertThat(fit.best()).isEqualTo(30.0);
        assertThat(fit.weights()).containsExactly(1.0);
        assertThat(ScaleUncertainty.of(fit, new double[][] {{10, 10, 10, 10}}, new double[] {30}).exposureRatio(0))
                .isEqualTo(1.0);
    }

    @Test
    void fit_variedSpend_putsMostWeightNearTheTruth_andKeepsTheLeastSquaresScale() {
        // given clicks = 2·S(1 − e^(−x/S)) with S = 50 at spends from 5 to 100, plus a little alternating noise
        double[] spends = new double[20];
        double[] clicks = new double[20];
        for (int r = 0; r < 20; r++) {
            spends[r] = 5 * (r + 1);
            clicks[r] = 2 * SaturationCurve.effectiveSpend(spends[r], 50) + (r % 2 == 0 ? 1 : -1);
        }

        SaturationCurve.ScaleFit fit = SaturationCurve.fit(new double[][] {spends}, new double[][] {clicks}, 3);

        assertThat(fit.best()).isEqualTo(SaturationCurve.fitScale(new double[][] {spends}, new double[][] {clicks}, 3));
        assertThat(fit.best()).isBetween(40.0, 62.0);
        double near = 0;
        double total = 0;
        for (int i = 0; i < fit.scales().length; i++) {
            total += fit.weights()[i];
            if (fit.scales()[i] > 35 && fit.scales()[i] < 70) {
                near += fit.weights()[i];
            }
        }
        assertThat(total).isCloseTo(1, within(1e-9));
        assertThat(near).isGreaterThan(0.95);
    }
}
