package io.shopsense.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NelderMeadTest {

    @Test
    void minimize_findsTheRosenbrockValley() {
        // (1 − x)² + 100 (y − x²)²: minimum 0 at (1, 1), at the end of a long curved valley
        NelderMead.Result result = NelderMead.forLogParameters().minimize(
                p -> Math.pow(1 - p[0], 2) + 100 * Math.pow(p[1] - p[0] * p[0], 2), new double[] {-1.2, 1});

        assertThat(result.point()).containsExactly(new double[] {1, 1}, within(1e-4));
        assertThat(result.value()).isCloseTo(0, within(1e-8));
    }

    @Test
    void minimize_treatsNonFiniteValuesAsOutsideTheDomain() {
        // log of a negative number is NaN: the minimiser must stay where x > 0, minimum of x − ln x at x = 1
        NelderMead.Result result = NelderMead.forLogParameters().minimize(p -> p[0] - Math.log(p[0]),
                new double[] {3});

        assertThat(result.point()[0]).isCloseTo(1, within(1e-4));
    }
}
