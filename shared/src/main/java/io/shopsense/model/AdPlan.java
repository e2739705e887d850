package io.shopsense.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Tomorrow's ad budget for one campaign over channel × hour: the {@code AdPlans} item (pk {@code campaignId},
 * sk {@code date}). Intervals are the 2.5% and 97.5% quantiles of outcomes under posterior draws.
 *
 * @param seed        the seed that made the plan; same history, constraints and seed give the same plan
 * @param budget      the total budget asked for
 * @param unallocated budget no cell could take (capacities or constraints too tight); 0 in the usual case
 * @param notes       plain-language warnings, e.g. a channel minimum that could not be met
 */
public record AdPlan(
        String campaignId,
        LocalDate date,
        long seed,
        double budget,
        List<AdAllocation> allocations,
        double expectedConversions,
        double conversionsLow,
        double conversionsHigh,
        double expectedRevenue,
        double revenueLow,
        double revenueHigh,
        double unallocated,
        List<String> notes) {

    public AdPlan {
        Objects.requireNonNull(date, "date");
        allocations = List.copyOf(allocations);
        notes = List.copyOf(notes);
    }

    /** Budget actually placed in cells: {@code budget − unallocated} up to rounding. */
    public double allocatedBudget() {
        double sum = 0;
        for (AdAllocation allocation : allocations) {
            sum += allocation.budget();
        }
        return sum;
    }
}
