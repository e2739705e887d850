package io.shopsense.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Bootstrap, sample size and verdict text on hand-computed fixtures. */
class UpliftStatisticsTest {

    @Test
    void bootstrap_ofConstantGroups_isTheDifferenceItself() {
        Interval ci = MeanDifferenceBootstrap.interval(new double[] {5, 5, 5}, new double[] {2, 2}, 0.05, 500, 1);

        assertThat(ci.low()).isCloseTo(3, within(1e-12));
        assertThat(ci.high()).isCloseTo(3, within(1e-12));
    }

    @Test
    void bootstrap_isRepeatableForASeed_andHoldsTheObservedDifference() {
        double[] treatment = {0, 0, 0, 0, 120, 0, 0, 35, 0, 0, 0, 900, 0, 0, 10};
        double[] holdout = {0, 0, 40, 0, 0, 0, 0, 0};

        Interval once = MeanDifferenceBootstrap.interval(treatment, holdout, 0.05, 2000, 42);
        Interval again = MeanDifferenceBootstrap.interval(treatment, holdout, 0.05, 2000, 42);

        assertThat(again).isEqualTo(once);
        double observed = MeanDifferenceBootstrap.mean(treatment) - MeanDifferenceBootstrap.mean(holdout);
        assertThat(observed).isCloseTo(1065.0 / 15 - 5, within(1e-12));
        assertThat(once.contains(observed)).isTrue();
        // heavy right tail: the interval reaches further above the estimate than below it
        assertThat(once.high() - observed).isGreaterThan(observed - once.low());
    }

    @Test
    void sampleSize_matchesTheTextbookFormula() {
        // equal groups, 30% vs 20%: (1.95996 + 0.84162)² · (0.21/0.5 + 0.16/0.5) / 0.01 = 580.82 → 581 in all
        assertThat(SampleSize.membersNeeded(0.30, 0.20, 0.5)).hasValue(581);
        // a 10% holdout, 12% vs 10%: 7.8489 · (0.1056/0.9 + 0.09/0.1) / 0.0004 = 19,962.3 → 19,963
        assertThat(SampleSize.membersNeeded(0.12, 0.10, 0.1)).hasValue(19_963);
        assertThat(SampleSize.membersNeeded(0.1, 0.1, 0.1)).isEmpty();
    }

    @Test
    void verdict_saysWhatTheIntervalShows() {
        assertThat(Verdicts.of(3.14, new Interval(1.2, 5.04))).isEqualTo("+3.1 pp, 95% 1.2–5.0");
        assertThat(Verdicts.of(0.8, new Interval(-1.23, 2.9)))
                .isEqualTo("no effect detected yet, the interval still spans −1.2…+2.9 pp");
        assertThat(Verdicts.of(-2.0, new Interval(-3.5, -0.4)))
                .isEqualTo("−2.0 pp, 95% −3.5…−0.4: the holdout bought more");
    }
}
