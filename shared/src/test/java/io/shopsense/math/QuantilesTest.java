package io.shopsense.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void ofSorted_interpolatesBetweenOrderStatistics() {
        assertThat(Quantiles.ofSorted(new double[] {1, 2, 3, 4, 5}, 0.25)).isEqualTo(2.0);
        assertThat(Quantiles.ofSorted(new double[] {1, 2}, 0.5)).isEqualTo(1.5);
        // position 0.975 · 4 = 3.9: 4 + 0.9 · (14 − 4)
        assertThat(Quantiles.ofSorted(new double[] {0, 1, 2, 4, 14}, 0.975)).isEqualTo(13.0);
    }

    @Test
    void ofSorted_atTheEndsIsTheExtremes() {
        double[] sorted = {-3, 0.5, 7};

        assertThat(Quantiles.ofSorted(sorted, 0)).isEqualTo(-3.0);
        assertThat(Quantiles.ofSorted(sorted, 1)).isEqualTo(7.0);
    }
}
