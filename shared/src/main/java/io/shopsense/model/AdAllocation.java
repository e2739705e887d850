package io.shopsense.model;

import java.util.Objects;

/**
 * One cell of an {@link AdPlan}: the budget for one channel in one hour of the plan's day, with the posterior figures
 * that justified it (kept so that tomorrow's plan can say what changed and why).
 *
 * @param budget              money to spend in this channel and hour
 * @param capacity            the most this cell may take: where extra spend buys under 5% of the first unit's return,
 *                            or a constraint, whichever is lower
 * @param expectedConversions posterior-mean conversions this budget buys
 * @param conversionRate      posterior-mean conversions per click (CVR) for the plan's weekday
 * @param costPerClick        posterior-mean cost of a click at low spend
 * @param audience            the audience this budget targets, or null for a plan that targets none
 */
public record AdAllocation(
        String channel,
        int hour,
        double budget,
        double capacity,
        double expectedConversions,
        double conversionRate,
        double costPerClick,
        String audience) {

    /** A cell that targets no audience. */
    public AdAllocation(String channel, int hour, double budget, double capacity, double expectedConversions,
                        double conversionRate, double costPerClick) {
        this(channel, hour, budget, capacity, expectedConversions, conversionRate, costPerClick, null);
    }

    public AdAllocation {
        Objects.requireNonNull(channel, "channel");
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23, was " + hour);
        }
    }
}
