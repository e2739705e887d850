package io.shopsense.model;

import java.util.Objects;

/**
 * How one channel × hour cell moved between yesterday's and today's {@link AdPlan}, with the reason in plain words,
 * e.g. {@code "search hour 20 +12%: higher posterior CVR"}.
 *
 * @param relativeChange {@code (budget − previousBudget) / previousBudget}; infinite for a cell that was empty
 */
public record PlanChange(
        String channel,
        int hour,
        double previousBudget,
        double budget,
        double relativeChange,
        String reason) {

    public PlanChange {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
    }
}
