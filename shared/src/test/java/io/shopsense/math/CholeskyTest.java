package io.shopsense.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyTest {

    @Test
    void solve_satisfiesTheSystem() {
        double[][] a = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};
        Cholesky l = Cholesky.factor(a);

        double[] x = l.solve(new double[] {1, 2, 3});

        for (int i = 0; i < 3; i++) {
            double row = 0;
            for (int j = 0; j < 3; j++) {
                row += a[i][j] * x[j];
            }
            assertThat(row).isCloseTo(i + 1.0, within(1e-12));
        }
    }

    @Test
    void factor_ofAHandComputedMatrix() {
        // given A = [[4, 2], [2, 5]]  →  L = [[2, 0], [1, 2]]
        Cholesky l = Cholesky.factor(new double[][] {{4, 2}, {2, 5}});

        assertThat(l.lower(0, 0)).isEqualTo(2.0);
        assertThat(l.lower(1, 0)).isEqualTo(1.0);
        assertThat(l.lower(1, 1)).isEqualTo(2.0);
    }

    @Test
    void factor_refusesASingularMatrix_butTheFlooredFactorSolvesIt() {
        double[][] singular = {{1, 1}, {1, 1}};

        assertThatThrownBy(() -> Cholesky.factor(singular)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1");
        Cholesky floored = Cholesky.factorWithFloor(singular, 1e-12);

        // the second pivot 1 − 1 = 0 is raised to 1e-12, so L = [[1, 0], [1, 1e-6]]
        assertThat(floored.lower(1, 1)).isCloseTo(1e-6, within(1e-18));
        assertThat(floored.solve(new double[] {2, 2})).containsExactly(new double[] {2, 0}, within(1e-9));
    }

    @Test
    void factorWithFloor_leavesAPositiveDefiniteMatrixAsFactorDoes() {
        double[][] a = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};

        double[] exact = Cholesky.factor(a).solve(new double[] {1, 2, 3});
        double[] floored = Cholesky.factorWithFloor(a, 1e-12).solve(new double[] {1, 2, 3});

        assertThat(floored).containsExactly(exact);
    }
}
