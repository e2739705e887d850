package io.shopsense.ads;

import java.util.Arrays;

/**
 * Diminishing returns of spend: clicks bought with spend {@code x} are {@code λ·S·(1 − e^(−x/S))}, linear with slope
 * {@code λ} at low spend and flattening at {@code λ·S}. {@code S} (in money) is the saturation scale.
 *
 * <p>How {@code S} is estimated from history: for each candidate {@code S} on a log grid spanning the observed spend
 * levels, every group (channel × hour cell) gets its own least-squares slope {@code λ = Σfy / Σf²} with
 * {@code f = S(1−e^(−x/S))}; the {@code S} with the smallest total squared error wins. Curvature is only identifiable
 * when spend varied: when the coefficient of variation of spend is under 0.1 (or fewer than 3 rows), {@code S} falls
 * back to a multiple of the 95th-percentile spend.
 */
public final class SaturationCurve {
    private static final int GRID = 48;

    private SaturationCurve() {
    }

    /** The saturating response {@code S·(1 − e^(−x/S))}; linear ({@code x}) for an infinite scale. */
    public static double effectiveSpend(double spend, double scale) {
        if (Double.isInfinite(scale)) {
            return spend;
        }
        return scale * -Math.expm1(-spend / scale);
    }

    /**
     * Least-squares saturation scale shared by groups that each have their own slope; {@code spends[g]} and
     * {@code clicks[g]} are the rows of group {@code g}. {@code fallbackMultiple} × the 95th-percentile spend is used
     * when spend levels barely vary; NaN when there is no positive spend at all.
     */
    public static double fitScale(double[][] spends, double[][] clicks, double fallbackMultiple) {
        return fit(spends, clicks, fallbackMultiple).best();
    }

    /**
     * The least-squares fit of {@link #fitScale} with its grid read as a posterior over the scale: under Gaussian
     * errors of variance σ² and a flat prior on log S (the grid is log-spaced), with each group's slope profiled out,
     * grid point {@code i} weighs {@code exp(−(SSE_i − SSE_min) / 2σ²)}, σ² estimated as {@code SSE_min / (n − g − 1)}
     * (n rows, g groups with rows, one scale). A fallback scale (spend too even to show curvature) and a fit without
     * residual degrees of freedom carry their point alone: the data say nothing about the spread there.
     */
    public static ScaleFit fit(double[][] spends, double[][] clicks, double fallbackMultiple) {
        int n = 0;
        double sum = 0;
        double sumSq = 0;
        for (double[] group : spends) {
            for (double x : group) {
                if (x > 0) {
                    n++;
                    sum += x;
                    sumSq += x * x;
                }
            }
        }
        if (n == 0) {
            return ScaleFit.point(Double.NaN);
        }
        double[] positive = new double[n];
        int k = 0;
        for (double[] group : spends) {
            for (double x : group) {
                if (x > 0) {
                    positive[k++] = x;
                }
            }
        }
        Arrays.sort(positive);
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        double q95 = positive[Math.min(n - 1, (int) Math.floor(0.95 * (n - 1)))];
        if (n < 3 || sd / mean < 0.1) {
            return ScaleFit.point(fallbackMultiple * q95);
        }
        double lo = Math.log(0.1 * positive[n / 2]);
        double hi = Math.log(30 * positive[n - 1]);
        double[] grid = new double[GRID];
        double[] sse = new double[GRID];
        double total = 0; // Σy² over rows in groups with any exposure
        int groupsWithRows = 0;
        int rows = 0;
        for (int g = 0; g < spends.length; g++) {
            if (spends[g].length > 0) {
                groupsWithRows++;
                rows += spends[g].length;
            }
            for (double y : clicks[g]) {
                total += y * y;
            }
        }
        int best = -1;
        for (int i = 0; i < GRID; i++) {
            grid[i] = Math.exp(lo + (hi - lo) * i / (GRID - 1));
            // Σ SSE_g = Σy² − Σ (Σfy)²/Σf² over groups: the slopes at their least-squares values
            double explained = 0;
            for (int g = 0; g < spends.length; g++) {
                double fy = 0;
                double ff = 0;
                for (int r = 0; r < spends[g].length; r++) {
                    double f = effectiveSpend(spends[g][r], grid[i]);
                    fy += f * clicks[g][r];
                    ff += f * f;
                }
                if (ff > 0) {
                    explained += fy * fy / ff;
                }
            }
            sse[i] = Math.max(0, total - explained);
            if (best < 0 || sse[i] < sse[best]) {
                best = i;
            }
        }
        int dof = rows - groupsWithRows - 1;
        if (dof < 1 || !(sse[best] > 0)) {
            return ScaleFit.point(grid[best]);
        }
        return new ScaleFit(grid[best], grid, gridWeights(sse, sse[best] / dof));
    }

    /** Normalised {@code exp(−(SSE_i − min SSE) / 2σ²)}: the Gaussian likelihood of each grid point, relative. */
    static double[] gridWeights(double[] sse, double noiseVariance) {
        double min = Double.POSITIVE_INFINITY;
        for (double e : sse) {
            min = Math.min(min, e);
        }
        double[] w = new double[sse.length];
        double sum = 0;
        for (int i = 0; i < sse.length; i++) {
            w[i] = Math.exp(-(sse[i] - min) / (2 * noiseVariance));
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * A fitted saturation scale ({@code best}, the least-squares one) and the posterior weight of each candidate
     * scale on the fit's grid; a point fit has the best scale alone with weight 1.
     */
    public record ScaleFit(double best, double[] scales, double[] weights) {
        static ScaleFit point(double scale) {
            return new ScaleFit(scale, new double[] {scale}, new double[] {1});
        }
    }
}
