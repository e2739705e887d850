package io.shopsense.math;

/** Sample quantiles of values already sorted ascending: the ad plans' predictive bands and the bootstrap intervals. */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The {@code q}-quantile of {@code sorted}, interpolating linearly between the order statistics around
     * {@code q·(n−1)} (Hyndman and Fan's type 7, R's default).
     */
    public static double ofSorted(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
