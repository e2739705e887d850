package io.shopsense.ads;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plan must respect: the day's total budget, per-channel minimum and maximum spend, optional caps on the total
 * spend of an hour across channels, and channels to plan for even without history; for a campaign with audience
 * results also per-audience minimum and maximum spend, and what the plan maximises.
 *
 * @param channelMin  extra channels named here are planned even when the history has no row for them
 * @param hourCaps    hour (0..23) → most money that hour may take across all channels; missing hours are uncapped
 * @param audienceMin audience → least money the day gives it (over its channels and hours); only audiences the
 *                    campaign's results name are planned, so a bound on another is ignored
 * @param audienceMax audience → most money the day gives it
 * @param objective   what the allocation maximises ({@link PlanObjective#CONVERSIONS} unless the file says)
 */
public record PlanConstraints(
        double totalBudget,
        Map<String, Double> channelMin,
        Map<String, Double> channelMax,
        Map<Integer, Double> hourCaps,
        List<String> channels,
        Map<String, Double> audienceMin,
        Map<String, Double> audienceMax,
        PlanObjective objective) {

    /** Constraints without audience bounds, maximising conversions. */
    public PlanConstraints(double totalBudget, Map<String, Double> channelMin, Map<String, Double> channelMax,
                           Map<Integer, Double> hourCaps, List<String> channels) {
        this(totalBudget, channelMin, channelMax, hourCaps, channels, Map.of(), Map.of(), PlanObjective.CONVERSIONS);
    }

    public PlanConstraints {
        if (!(totalBudget >= 0) || Double.isInfinite(totalBudget)) {
            throw new IllegalArgumentException("total budget must be a finite number >= 0, was " + totalBudget);
        }
        channelMin = Map.copyOf(Objects.requireNonNullElse(channelMin, Map.of()));
        channelMax = Map.copyOf(Objects.requireNonNullElse(channelMax, Map.of()));
        hourCaps = Map.copyOf(Objects.requireNonNullElse(hourCaps, Map.of()));
        channels = List.copyOf(Objects.requireNonNullElse(channels, List.of()));
        audienceMin = Map.copyOf(Objects.requireNonNullElse(audienceMin, Map.of()));
        audienceMax = Map.copyOf(Objects.requireNonNullElse(audienceMax, Map.of()));
        objective = Objects.requireNonNullElse(objective, PlanObjective.CONVERSIONS);
        checkBounds(audienceMin, audienceMax, totalBudget, "audience");
        double minSum = 0;
        for (Map.Entry<String, Double> min : channelMin.entrySet()) {
            if (!(min.getValue() >= 0)) {
                throw new IllegalArgumentException("minimum for " + min.getKey() + " must be >= 0");
            }
            Double max = channelMax.get(min.getKey());
            if (max != null && max < min.getValue()) {
                throw new IllegalArgumentException("minimum for " + min.getKey() + " exceeds its maximum");
            }
            minSum += min.getValue();
        }
        if (minSum > totalBudget + 1e-9) {
            throw new IllegalArgumentException("channel minimums (" + minSum + ") exceed the budget " + totalBudget);
        }
        for (Map.Entry<String, Double> max : channelMax.entrySet()) {
            if (!(max.getValue() >= 0)) {
                throw new IllegalArgumentException("maximum for " + max.getKey() + " must be >= 0");
            }
        }
        for (Map.Entry<Integer, Double> cap : hourCaps.entrySet()) {
            if (cap.getKey() < 0 || cap.getKey() > 23 || !(cap.getValue() >= 0)) {
                throw new IllegalArgumentException("hour cap must be for hour 0..23 and >= 0: " + cap);
            }
        }
    }

    private static void checkBounds(Map<String, Double> min, Map<String, Double> max, double budget, String what) {
        double minSum = 0;
        for (Map.Entry<String, Double> lower : min.entrySet()) {
            if (!(lower.getValue() >= 0)) {
                throw new IllegalArgumentException(what + " minimum for " + lower.getKey() + " must be >= 0");
            }
            Double upper = max.get(lower.getKey());
            if (upper != null && upper < lower.getValue()) {
                throw new IllegalArgumentException(what + " minimum for " + lower.getKey() + " exceeds its maximum");
            }
            minSum += lower.getValue();
        }
        if (minSum > budget + 1e-9) {
            throw new IllegalArgumentException(what + " minimums (" + minSum + ") exceed the budget " + budget);
        }
        for (Map.Entry<String, Double> upper : max.entrySet()) {
            if (!(upper.getValue() >= 0)) {
                throw new IllegalArgumentException(what + " maximum for " + upper.getKey() + " must be >= 0");
            }
        }
    }

    /** Only a total budget. */
    public static PlanConstraints budget(double totalBudget) {
        return new PlanConstraints(totalBudget, Map.of(), Map.of(), Map.of(), List.of());
    }

    public double minFor(String channel) {
        return channelMin.getOrDefault(channel, 0.0);
    }

    public double maxFor(String channel) {
        return channelMax.getOrDefault(channel, Double.POSITIVE_INFINITY);
    }

    public double minForAudience(String audience) {
        return audienceMin.getOrDefault(audience, 0.0);
    }

    public double maxForAudience(String audience) {
        return audienceMax.getOrDefault(audience, Double.POSITIVE_INFINITY);
    }

    public double capForHour(int hour) {
        return hourCaps.getOrDefault(hour, Double.POSITIVE_INFINITY);
    }
}
