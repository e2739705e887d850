package io.shopsense.ads;

import java.util.List;

/**
 * Splits a day's budget over channel × hour cells whose response is concave ({@link SaturationCurve}), under
 * per-cell capacities, per-channel minimums and maximums and per-hour caps. Greedy marginal allocation: the budget
 * goes out in small increments, each to the cell whose next increment buys the most; a full cell drops out, so
 * unspent budget flows to the next best cells. For separable concave returns under capacities and channel maximums
 * (nested limits) this greedy is optimal up to the increment size; hour caps cross channel limits, where it stays
 * feasible but may be slightly suboptimal.
 */
public final class BudgetAllocator {
    private final int steps;

    /** @param steps increments the budget is cut into (the allocation's resolution is budget / steps) */
    public BudgetAllocator(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1");
        }
        this.steps = steps;
    }

    /**
     * Allocates {@code constraints.totalBudget()}. Cell {@code k} belongs to channel {@code k / 24} of
     * {@code channels} and hour {@code k % 24}; its value of spend {@code x} is {@code rate[k]·S(1 − e^(−x/S))}.
     * Channel minimums are filled first (each from its own best cells), then the rest goes to the best cells overall.
     * What no cell can take stays unallocated: the result sums to the budget whenever capacities allow.
     */
    public double[] allocate(double[] rate, double[] scale, double[] capacity, List<String> channels,
                             PlanConstraints constraints) {
        return allocate(rate, scale, capacity, channels, List.of(), constraints);
    }

    /**
     * The same over audience × channel × hour: with {@code audiences} not empty, cell {@code k} is hour
     * {@code k % 24} of group {@code g = k / 24}, which is channel {@code g % channels} targeted at audience
     * {@code g / channels}. Channel minimums are filled first, then audience minimums, then the best cells overall;
     * audience maximums bound the audience's spend over all its cells. With no audiences this is the plain plan.
     */
    public double[] allocate(double[] rate, double[] scale, double[] capacity, List<String> channels,
                             List<String> audiences, PlanConstraints constraints) {
        int cells = rate.length;
        int hours = CellPosteriors.HOURS;
        int c = channels.size();
        int a = Math.max(1, audiences.size());
        double[] spend = new double[cells];
        double[] channelSpent = new double[c];
        double[] channelMax = new double[c];
        for (int ch = 0; ch < c; ch++) {
            channelMax[ch] = constraints.maxFor(channels.get(ch));
        }
        double[] audienceSpent = new double[a];
        double[] audienceMax = new double[a];
        for (int au = 0; au < a; au++) {
            audienceMax[au] = audiences.isEmpty() ? Double.POSITIVE_INFINITY
                    : constraints.maxForAudience(audiences.get(au));
        }
        double[] hourSpent = new double[hours];
        double[] hourCap = new double[hours];
        for (int h = 0; h < hours; h++) {
            hourCap[h] = constraints.capForHour(h);
        }
        double budget = constraints.totalBudget();
        double step = budget / steps;
        double eps = 1e-12 * Math.max(1, budget);
        double[] remaining = {budget};
        Limits limits = new Limits(capacity, c, channelMax, channelSpent, audienceMax, audienceSpent, hourCap,
                hourSpent);

        for (int ch = 0; ch < c; ch++) {
            fillMinimum(rate, scale, spend, limits, cellsOf(cells, c, ch, -1), constraints.minFor(channels.get(ch)),
                    step, eps, remaining);
        }
        for (int au = 0; au < audiences.size(); au++) {
            fillMinimum(rate, scale, spend, limits, cellsOf(cells, c, -1, au),
                    constraints.minForAudience(audiences.get(au)), step, eps, remaining);
        }
        int[] all = cellsOf(cells, c, -1, -1);
        while (remaining[0] > eps) {
            if (addBest(rate, scale, spend, limits, all, step, remaining) <= 0) {
                break;
            }
        }
        return spend;
    }

    /** Spends up to {@code minimum} (less what is already there) on the best of {@code candidates}. */
    private static void fillMinimum(double[] rate, double[] scale, double[] spend, Limits limits, int[] candidates,
                                    double minimum, double step, double eps, double[] remaining) {
        double already = 0;
        for (int k : candidates) {
            already += spend[k];
        }
        double need = Math.min(minimum - already, remaining[0]);
        while (need > eps) {
            double added = addBest(rate, scale, spend, limits, candidates, Math.min(step, need), remaining);
            if (added <= 0) {
                break; // the cells are full: the minimum cannot be met
            }
            need -= added;
        }
    }

    /** Cells of one channel and/or one audience ({@code -1}: any), in index order. */
    private static int[] cellsOf(int cells, int channels, int channel, int audience) {
        int hours = CellPosteriors.HOURS;
        int[] picked = new int[cells];
        int n = 0;
        for (int k = 0; k < cells; k++) {
            int group = k / hours;
            if ((channel < 0 || group % channels == channel) && (audience < 0 || group / channels == audience)) {
                picked[n++] = k;
            }
        }
        return java.util.Arrays.copyOf(picked, n);
    }

    /** Adds up to {@code increment} to the best of {@code candidates}; returns the amount added (0 when all are full). */
    private static double addBest(double[] rate, double[] scale, double[] spend, Limits limits, int[] candidates,
                                  double increment, double[] remaining) {
        int best = -1;
        double bestGain = Double.NEGATIVE_INFINITY;
        double bestAmount = 0;
        for (int k : candidates) {
            double amount = Math.min(Math.min(increment, remaining[0]), limits.room(k, spend[k]));
            if (amount <= 0) {
                continue;
            }
            double gain = marginalGain(rate[k], scale[k], spend[k], amount);
            if (gain > bestGain) {
                bestGain = gain;
                best = k;
                bestAmount = amount;
            }
        }
        if (best < 0) {
            return 0;
        }
        spend[best] += bestAmount;
        limits.spent(best, bestAmount);
        remaining[0] -= bestAmount;
        return bestAmount;
    }

    /** Value per money of spending {@code d} more on top of {@code x}: {@code r·S·(e^(−x/S) − e^(−(x+d)/S)) / d}. */
    static double marginalGain(double rate, double scale, double x, double d) {
        if (Double.isInfinite(scale)) {
            return rate;
        }
        return rate * scale * Math.exp(-x / scale) * -Math.expm1(-d / scale) / d;
    }

    /** The running limits: what a cell, its channel, its audience and its hour can still take. */
    private record Limits(double[] capacity, int channels, double[] channelMax, double[] channelSpent,
                          double[] audienceMax, double[] audienceSpent, double[] hourCap, double[] hourSpent) {
        double room(int cell, double cellSpend) {
            int group = cell / CellPosteriors.HOURS;
            int ch = group % channels;
            int au = group / channels;
            int h = cell % CellPosteriors.HOURS;
            return Math.min(Math.min(capacity[cell] - cellSpend, audienceMax[au] - audienceSpent[au]),
                    Math.min(channelMax[ch] - channelSpent[ch], hourCap[h] - hourSpent[h]));
        }

        void spent(int cell, double amount) {
            int group = cell / CellPosteriors.HOURS;
            channelSpent[group % channels] += amount;
            audienceSpent[group / channels] += amount;
            hourSpent[cell % CellPosteriors.HOURS] += amount;
        }
    }
}
