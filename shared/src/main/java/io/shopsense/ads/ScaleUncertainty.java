package io.shopsense.ads;

import java.util.SplittableRandom;

/**
 * How uncertain one group's saturation (a channel's, or an audience's on a channel) is, for the predictive interval:
 * draw {@code j} scales every cell of the group by {@code factor(j)}, a candidate of the group's fit over its best
 * scale drawn with its posterior weight ({@link SaturationCurve#fit}), and its clicks per saturated spend by
 * {@code exposureRatio(j)}. The ratio keeps the draw true to the history: clicks per saturated spend is estimated as
 * clicks over the history's saturated spend, so under another scale the same clicks spread over
 * {@code Σ S'(1 − e^(−x/S'))} instead of {@code Σ S(1 − e^(−x/S))}. At the spends seen the two nearly cancel; beyond
 * them (the first plans spend up to 3× the warm-up's highest) they do not, which is where the scale matters.
 */
final class ScaleUncertainty {
    private static final ScaleUncertainty NONE = new ScaleUncertainty(new double[] {1}, new double[] {1},
            new double[] {1});

    private final double[] factor;
    private final double[] cumulative;
    private final double[] exposureRatio;

    private ScaleUncertainty(double[] factor, double[] cumulative, double[] exposureRatio) {
        this.factor = factor;
        this.cumulative = cumulative;
        this.exposureRatio = exposureRatio;
    }

    /** A group whose scale is taken as known (no spend seen, or a fallback scale). */
    static ScaleUncertainty none() {
        return NONE;
    }

    /**
     * The uncertainty of a group fitted as {@code fit} over the rows {@code spends[h]} of its cells, whose fitted
     * (shrunk) scales are {@code cellScale[h]}.
     */
    static ScaleUncertainty of(SaturationCurve.ScaleFit fit, double[][] spends, double[] cellScale) {
        if (fit.scales().length < 2 || !(fit.best() > 0) || Double.isInfinite(fit.best())) {
            return NONE;
        }
        int n = fit.scales().length;
        double[] factor = new double[n];
        double[] cumulative = new double[n];
        double[] ratio = new double[n];
        double seen = exposure(spends, cellScale, 1);
        double running = 0;
        for (int j = 0; j < n; j++) {
            factor[j] = fit.scales()[j] / fit.best();
            running += fit.weights()[j];
            cumulative[j] = running;
            double drawn = exposure(spends, cellScale, factor[j]);
            ratio[j] = drawn > 0 && seen > 0 ? seen / drawn : 1;
        }
        return new ScaleUncertainty(factor, cumulative, ratio);
    }

    /** The history's saturated spend {@code Σ_h Σ_r S_h·ρ·(1 − e^(−x/(S_h·ρ)))} with every scale times {@code ρ}. */
    static double exposure(double[][] spends, double[] cellScale, double factor) {
        double sum = 0;
        for (int h = 0; h < spends.length; h++) {
            for (double x : spends[h]) {
                sum += SaturationCurve.effectiveSpend(x, cellScale[h] * factor);
            }
        }
        return sum;
    }

    /** The index of one draw from the grid's posterior weights. */
    int draw(SplittableRandom rng) {
        if (factor.length == 1) {
            return 0;
        }
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        for (int j = 0; j < cumulative.length; j++) {
            if (u < cumulative[j]) {
                return j;
            }
        }
        return cumulative.length - 1;
    }

    double factor(int draw) {
        return factor[draw];
    }

    double exposureRatio(int draw) {
        return exposureRatio[draw];
    }
}
