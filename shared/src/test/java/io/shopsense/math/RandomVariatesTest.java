package io.shopsense.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomVariatesTest {

    @Test
    void samplers_matchTheirMeans() {
        SplittableRandom rng = new SplittableRandom(7);
        double beta = 0;
        double gamma = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            beta += RandomVariates.beta(2, 6, rng);
            gamma += RandomVariates.gamma(0.5, rng);
        }
        assertThat(beta / n).isCloseTo(0.25, within(0.003));
        assertThat(gamma / n).isCloseTo(0.5, within(0.01));
    }

    @Test
    void sameSeed_sameDraws() {
        SplittableRandom first = new SplittableRandom(42);
        SplittableRandom second = new SplittableRandom(42);

        for (int i = 0; i < 100; i++) {
            assertThat(RandomVariates.gamma(2.5, second)).isEqualTo(RandomVariates.gamma(2.5, first));
            assertThat(RandomVariates.poisson(80, second)).isEqualTo(RandomVariates.poisson(80, first));
        }
    }

    @Test
    void countDraws_stayInTheirRange() {
        SplittableRandom rng = new SplittableRandom(3);

        assertThat(RandomVariates.poisson(0, rng)).isZero();
        assertThat(RandomVariates.binomial(10, 1, rng)).isEqualTo(10);
        assertThat(RandomVariates.binomial(10, 0, rng)).isZero();
        for (int i = 0; i < 1_000; i++) {
            assertThat(RandomVariates.binomial(1_000, 0.5, rng)).isBetween(0L, 1_000L);
        }
    }
}
