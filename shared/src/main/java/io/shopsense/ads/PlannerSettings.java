package io.shopsense.ads;

/**
 * Tuning of {@link BudgetPlanner}; {@link #defaults()} is what the function and the CLI use.
 *
 * @param ridgeLambda         ridge penalty of the CTR/CVR regressions (rows weighted to mean weight 1)
 * @param ctrPriorStrength    impressions the ridge CTR prediction is worth in a cell's Beta prior
 * @param cvrPriorStrength    clicks the ridge CVR prediction is worth in a cell's Beta prior
 * @param yieldPriorStrength  clicks the channel's pooled clicks-per-spend is worth in a cell's Gamma prior
 * @param valuePriorStrength  conversions the overall revenue per conversion is worth in a channel's estimate
 * @param thompsonDraws       posterior draws whose allocations are averaged into the plan (1 = pure Thompson sampling)
 * @param evaluationDraws     posterior draws behind the expected outcomes and their 95% intervals
 * @param allocationSteps     budget increments of the greedy allocation within one draw
 * @param marginalFloor       a cell's capacity is the spend where one more unit buys this share of the first unit
 * @param extrapolationLimit  a cell's capacity is also at most this multiple of the channel's highest observed spend
 * @param fallbackSaturation  when spend levels barely vary, saturation = this multiple of the channel's 95th-percentile
 *                            spend
 * @param cellSaturationPrior rows of a cell's own saturation fit that weigh as much as the channel's fit (log scale)
 */
public record PlannerSettings(
        double ridgeLambda,
        double ctrPriorStrength,
        double cvrPriorStrength,
        double yieldPriorStrength,
        double valuePriorStrength,
        int thompsonDraws,
        int evaluationDraws,
        int allocationSteps,
        double marginalFloor,
        double extrapolationLimit,
        double fallbackSaturation,
        double cellSaturationPrior) {

    public PlannerSettings {
        if (thompsonDraws < 1 || evaluationDraws < 2 || allocationSteps < 1) {
            throw new IllegalArgumentException("draws and steps must be positive");
        }
        if (!(marginalFloor > 0 && marginalFloor < 1)) {
            throw new IllegalArgumentException("marginalFloor must be in (0, 1)");
        }
    }

    public static PlannerSettings defaults() {
        return new PlannerSettings(1.0, 500, 50, 20, 5, 64, 1000, 960, 0.05, 3.0, 3.0, 10);
    }

    /** The same settings with another number of Thompson draws. */
    public PlannerSettings withThompsonDraws(int draws) {
        return new PlannerSettings(ridgeLambda, ctrPriorStrength, cvrPriorStrength, yieldPriorStrength,
                valuePriorStrength, draws, evaluationDraws, allocationSteps, marginalFloor, extrapolationLimit,
                fallbackSaturation, cellSaturationPrior);
    }
}
