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
        int cells = rate.length;
        int hours = CellPosteriors.HOURS;
        double[] spend = new double[cells];
        double[] channelSpent = new double[channels.size()];
        double[] channelMax = new double[channels.size()];
        for (int ch = 0; ch < channels.size(); ch++) {
            channelMax[ch] = constraints.maxFor(channels.get(ch));
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
        Limits limits = new Limits(capacity, channelMax, channelSpent, hourCap, hourSpent);

        for (int ch = 0; ch < channels.size(); ch++) {
            double need = Math.min(constraints.minFor(channels.get(ch)), remaining[0]);
            while (need > eps) {
                double added = addBest(rate, scale, spend, limits, ch * hours, (ch + 1) * hours,
                        Math.min(step, need), remaining);
                if (added <= 0) {
                    break; // the channel's cells are full: the minimum cannot be met
                }
                need -= added;
            }
        }
        while (remaining[0] > eps) {
            if (addBest(rate, scale, spend, limits, 0, cells, step, remaining) <= 0) {
                break;
            }
        }
        return spend;
    }

    /** Adds up to {@code increment} to the best cell in [from, to); returns the amount added (0 when all are full). */
    private static double addBest(double[] rate, double[] scale, double[] spend, Limits limits, int from, int to,
                                  double increment, double[] remaining) {
        int best = -1;
        double bestGain = Double.NEGATIVE_INFINITY;
        double bestAmount = 0;
        for (int k = from; k < to; k++) {
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

    /** The running limits: what a cell, its channel and its hour can still take. */
    private record Limits(double[] capacity, double[] channelMax, double[] channelSpent, double[] hourCap,
                          double[] hourSpent) {
        double room(int cell, double cellSpend) {
            int ch = cell / CellPosteriors.HOURS;
            int h = cell % CellPosteriors.HOURS;
            return Math.min(capacity[cell] - cellSpend,
                    Math.min(channelMax[ch] - channelSpent[ch], hourCap[h] - hourSpent[h]));
        }

        void spent(int cell, double amount) {
            channelSpent[cell / CellPosteriors.HOURS] += amount;
            hourSpent[cell % CellPosteriors.HOURS] += amount;
        }
    }
}
