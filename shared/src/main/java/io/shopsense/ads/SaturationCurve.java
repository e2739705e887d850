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
            return Double.NaN;
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
            return fallbackMultiple * q95;
        }
        double lo = Math.log(0.1 * positive[n / 2]);
        double hi = Math.log(30 * positive[n - 1]);
        double best = Double.NaN;
        double bestFit = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < GRID; i++) {
            double scale = Math.exp(lo + (hi - lo) * i / (GRID - 1));
            // minimising Σ SSE_g is maximising Σ (Σfy)²/Σf² over groups
            double explained = 0;
            for (int g = 0; g < spends.length; g++) {
                double fy = 0;
                double ff = 0;
                for (int r = 0; r < spends[g].length; r++) {
                    double f = effectiveSpend(spends[g][r], scale);
                    fy += f * clicks[g][r];
                    ff += f * f;
                }
                if (ff > 0) {
                    explained += fy * fy / ff;
                }
            }
            if (explained > bestFit) {
                bestFit = explained;
                best = scale;
            }
        }
        return best;
    }
}
