package io.shopsense.ads;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a plan must respect: the day's total budget, per-channel minimum and maximum spend, optional caps on the total
 * spend of an hour across channels, and channels to plan for even without history.
 *
 * @param channelMin extra channels named here are planned even when the history has no row for them
 * @param hourCaps   hour (0..23) → most money that hour may take across all channels; missing hours are uncapped
 */
public record PlanConstraints(
        double totalBudget,
        Map<String, Double> channelMin,
        Map<String, Double> channelMax,
        Map<Integer, Double> hourCaps,
        List<String> channels) {

    public PlanConstraints {
        if (!(totalBudget >= 0) || Double.isInfinite(totalBudget)) {
            throw new IllegalArgumentException("total budget must be a finite number >= 0, was " + totalBudget);
        }
        channelMin = Map.copyOf(Objects.requireNonNullElse(channelMin, Map.of()));
        channelMax = Map.copyOf(Objects.requireNonNullElse(channelMax, Map.of()));
        hourCaps = Map.copyOf(Objects.requireNonNullElse(hourCaps, Map.of()));
        channels = List.copyOf(Objects.requireNonNullElse(channels, List.of()));
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

    public double capForHour(int hour) {
        return hourCaps.getOrDefault(hour, Double.POSITIVE_INFINITY);
    }
}
