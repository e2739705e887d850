package io.shopsense.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of benchmark output (docs/architecture.md §6): our figure, the baseline's figure measured in the same run, the ratio
 * oriented as the goal reads, and free extra keys (times per row, counts, settings).
 *
 * @param ratio null when there is nothing to compare (a figure reported without a baseline)
 * @param goal  the bar as text, e.g. {@code "<=3"} or {@code ">=5"}; {@link #passes()} reads it
 */
public record BenchResult(String benchmark, Double ours, Double baseline, String unit, Double ratio, String goal,
                          String size, Map<String, Object> extra) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchResult {
        extra = new LinkedHashMap<>(extra);
    }

    /**
     * Whether the ratio meets the goal (and, where the extras carry a {@code qualityPass}, the quality bar too);
     * null when there is no ratio.
     */
    public Boolean passes() {
        if (ratio == null || goal == null) {
            return null;
        }
        double bar = Double.parseDouble(goal.substring(2));
        boolean speed = goal.startsWith("<=") ? ratio <= bar : ratio >= bar;
        return speed && !Boolean.FALSE.equals(extra.get("qualityPass"));
    }

    /** The JSON line: the fixed keys first, in the documented order, then {@code pass} and the extras. */
    public String toJson() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("benchmark", benchmark);
        line.put("ours", round(ours));
        line.put("baseline", round(baseline));
        line.put("unit", unit);
        line.put("ratio", round(ratio));
        line.put("goal", goal);
        line.put("size", size);
        if (passes() != null) {
            line.put("pass", passes());
        }
        extra.forEach((k, v) -> line.put(k, v instanceof Double d ? round(d) : v));
        try {
            return JSON.writeValueAsString(line);
        } catch (Exception e) {
            throw new IllegalStateException("cannot render benchmark result", e);
        }
    }

    /** Four significant digits: enough for figures that drift by more than that between runs. */
    static Double round(Double value) {
        if (value == null || value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue();
    }
}
