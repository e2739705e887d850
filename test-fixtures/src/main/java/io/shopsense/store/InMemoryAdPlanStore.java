package io.shopsense.store;

import io.shopsense.model.AdPlan;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** An {@link AdPlanStore} in memory: for the command line's one-off runs and for tests. */
public final class InMemoryAdPlanStore implements AdPlanStore {
    private final Map<String, ConcurrentNavigableMap<LocalDate, AdPlan>> plans = new ConcurrentHashMap<>();

    @Override
    public void put(AdPlan plan) {
        plans.computeIfAbsent(plan.campaignId(), id -> new ConcurrentSkipListMap<>()).put(plan.date(), plan);
    }

    @Override
    public Optional<AdPlan> get(String campaignId, LocalDate date) {
        return Optional.ofNullable(plans.getOrDefault(campaignId, new ConcurrentSkipListMap<>()).get(date));
    }

    @Override
    public Optional<AdPlan> latestBefore(String campaignId, LocalDate date) {
        var entry = plans.getOrDefault(campaignId, new ConcurrentSkipListMap<>()).lowerEntry(date);
        return Optional.ofNullable(entry).map(Map.Entry::getValue);
    }
}
