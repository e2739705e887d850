package io.shopsense.ads;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RidgeRegressionTest {

    @Test
    void fit_solvesPenalisedNormalEquationsByHand() {
        // given XᵀX + I = [[3,1],[1,3]], Xᵀy = [4,5]  →  β = [[3,-1],[-1,3]]/8 · [4,5] = [7/8, 11/8]
        double[][] x = {{1, 0}, {0, 1}, {1, 1}};
        double[] y = {1, 2, 3};

        double[] beta = RidgeRegression.fit(x, y, 1.0);

        assertThat(beta[0]).isCloseTo(0.875, within(1e-9));
        assertThat(beta[1]).isCloseTo(1.375, within(1e-9));
    }

    @Test
    void fit_withoutPenaltyIsOrdinaryLeastSquares() {
        // given the line through (0,1), (1,2), (2,4): XᵀX = [[3,3],[3,5]], Xᵀy = [7,10]  →  β = [5/6, 3/2]
        double[][] x = {{1, 0}, {1, 1}, {1, 2}};

        double[] beta = RidgeRegression.fit(x, new double[] {1, 2, 4}, 0.0);

        assertThat(beta[0]).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(beta[1]).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void fit_leavesInterceptUnpenalised() {
        // given XᵀX + diag(0,1) = [[2,1],[1,2]], Xᵀy = [4,3]  →  β = [[2,-1],[-1,2]]/3 · [4,3] = [5/3, 2/3]
        double[][] x = {{1, 0}, {1, 1}};

        double[] beta = RidgeRegression.fit(x, new double[] {1, 3}, null, 1.0, 1);

        assertThat(beta[0]).isCloseTo(5.0 / 3, within(1e-9));
        assertThat(beta[1]).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void fit_weightsCountLikeRepeatedRows() {
        double[][] x = {{1, 0}, {0, 1}, {1, 1}};
        double[][] repeated = {{1, 0}, {0, 1}, {1, 1}, {1, 1}};

        double[] weighted = RidgeRegression.fit(x, new double[] {1, 2, 3}, new double[] {1, 1, 2}, 0.5, 0);
        double[] copied = RidgeRegression.fit(repeated, new double[] {1, 2, 3, 3}, 0.5);

        assertThat(weighted).containsExactly(copied, within(1e-12));
    }
}
