package io.shopsense.store;

import io.shopsense.model.AdPlan;
import java.time.LocalDate;
import java.util.Optional;

/** The {@code AdPlans} table as optimize-ads and the API need it: one plan per campaign and day. */
public interface AdPlanStore {

    /** Writes (or overwrites with the same content, on a replay) the plan for its campaign and date. */
    void put(AdPlan plan);

    Optional<AdPlan> get(String campaignId, LocalDate date);

    /** The campaign's most recent plan for a day strictly before {@code date}: "yesterday's plan" for the diff. */
    Optional<AdPlan> latestBefore(String campaignId, LocalDate date);
}
