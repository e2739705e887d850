package io.shopsense.ads;

import io.shopsense.model.AdAllocation;
import io.shopsense.model.AdPlan;
import io.shopsense.model.PlanChange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between yesterday's and today's plan, cell by cell, with a plain-language reason taken from the
 * figures each plan kept: posterior CVR, posterior cost per click, capacity, or the total budget. A cell whose own
 * figures barely moved changed because other cells did.
 */
public final class PlanDiff {
    private PlanDiff() {
    }

    /** Changes of at least {@code minRelative} (e.g. 0.05 for 5%), largest money moves first. */
    public static List<PlanChange> between(AdPlan yesterday, AdPlan today, double minRelative) {
        Map<String, AdAllocation> before = byCell(yesterday);
        Map<String, AdAllocation> after = byCell(today);
        TreeMap<String, Boolean> keys = new TreeMap<>();
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        double budgetChange = yesterday.budget() > 0 ? today.budget() / yesterday.budget() - 1 : 0;
        List<PlanChange> changes = new ArrayList<>();
        for (String key : keys.keySet()) {
            AdAllocation old = before.get(key);
            AdAllocation now = after.get(key);
            double previous = old == null ? 0 : old.budget();
            double current = now == null ? 0 : now.budget();
            double relative = previous > 0 ? current / previous - 1 : Double.POSITIVE_INFINITY;
            if (previous == current || Math.abs(relative) < minRelative) {
                continue;
            }
            AdAllocation any = now != null ? now : old;
            String label = String.format(Locale.ROOT, "%s%s hour %d %s",
                    any.audience() == null ? "" : any.audience() + " on ", any.channel(), any.hour(),
                    previous > 0 ? String.format(Locale.ROOT, "%+.0f%%", 100 * relative) : "new");
            changes.add(new PlanChange(any.channel(), any.hour(), previous, current, relative,
                    label + ": " + reason(old, now, current > previous, budgetChange)));
        }
        changes.sort(Comparator.comparingDouble((PlanChange c) -> -Math.abs(c.budget() - c.previousBudget()))
                .thenComparing(PlanChange::channel).thenComparingInt(PlanChange::hour));
        return changes;
    }

    private static String reason(AdAllocation old, AdAllocation now, boolean up, double budgetChange) {
        if (old == null) {
            return "now among the best cells by posterior conversions per money";
        }
        if (now == null) {
            return "dropped: other cells now promise more conversions per money";
        }
        double cvr = now.conversionRate() / old.conversionRate() - 1;
        double cpc = now.costPerClick() / old.costPerClick() - 1;
        double cap = now.capacity() / old.capacity() - 1;
        // the driver is the figure that moved most in the direction that explains the change
        String best = null;
        double strength = 0.01;
        if ((up ? cvr : -cvr) > strength) {
            strength = Math.abs(cvr);
            best = String.format(Locale.ROOT, "%s posterior CVR (%.2f%% → %.2f%%)", up ? "higher" : "lower",
                    100 * old.conversionRate(), 100 * now.conversionRate());
        }
        if ((up ? -cpc : cpc) > strength) {
            strength = Math.abs(cpc);
            best = String.format(Locale.ROOT, "%s posterior cost per click (%.2f → %.2f)", up ? "lower" : "higher",
                    old.costPerClick(), now.costPerClick());
        }
        if ((up ? cap : -cap) > strength && now.budget() >= now.capacity() * 0.999) {
            strength = Math.abs(cap);
            best = up ? "more room before saturation" : "saturates sooner";
        }
        if ((up ? budgetChange : -budgetChange) > strength) {
            best = String.format(Locale.ROOT, "total budget %+.0f%%", 100 * budgetChange);
        }
        return best != null ? best : up ? "budget moved in from cells that looked worse"
                : "budget moved out to cells that looked better";
    }

    private static Map<String, AdAllocation> byCell(AdPlan plan) {
        Map<String, AdAllocation> cells = new TreeMap<>();
        for (AdAllocation allocation : plan.allocations()) {
            String cell = allocation.channel() + '\u0000' + allocation.hour();
            cells.put(allocation.audience() == null ? cell : allocation.audience() + '\u0000' + cell, allocation);
        }
        return cells;
    }
}
