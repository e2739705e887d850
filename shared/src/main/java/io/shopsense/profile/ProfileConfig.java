package io.shopsense.profile;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a shop can tune about its profiles. Changing {@code affinityHalfLife} or {@code affinityWeights} only takes
 * full effect at the next rebuild, because stored aggregates hold scores decayed with the old values.
 *
 * @param affinityHalfLife    time after which an event's affinity weight has halved (default 30 days)
 * @param affinityWeights     weight per event type (default view 1, cart 3, purchase 5, refund −5)
 * @param engagementWeights   weights of the engagement score
 * @param monthlyDiscountRate discount rate d per month in the 12-month CLV (default 0.01)
 * @param topCategories       category affinities shown on a profile (default 5)
 * @param topItems            item affinities shown on a profile (default 10)
 * @param maxAffinityKeys     affinities kept per customer in the aggregate, strongest first (default 200), which bounds
 *                            the stored item's size
 * @param categoryOf          item id → category, null when unknown
 */
public record ProfileConfig(
        Duration affinityHalfLife,
        AffinityWeights affinityWeights,
        EngagementWeights engagementWeights,
        double monthlyDiscountRate,
        int topCategories,
        int topItems,
        int maxAffinityKeys,
        Function<String, String> categoryOf) {

    public ProfileConfig {
        Objects.requireNonNull(affinityHalfLife, "affinityHalfLife");
        Objects.requireNonNull(affinityWeights, "affinityWeights");
        Objects.requireNonNull(engagementWeights, "engagementWeights");
        Objects.requireNonNull(categoryOf, "categoryOf");
        if (affinityHalfLife.isNegative() || affinityHalfLife.isZero()) {
            throw new IllegalArgumentException("affinityHalfLife must be positive");
        }
        if (monthlyDiscountRate <= -1) {
            throw new IllegalArgumentException("monthlyDiscountRate must be > -1");
        }
    }

    /** The documented defaults, with no categories known. */
    public static ProfileConfig defaults() {
        return new ProfileConfig(Duration.ofDays(30), AffinityWeights.defaults(), EngagementWeights.defaults(), 0.01,
                5, 10, 200, itemId -> null);
    }

    /** This configuration with categories looked up in a map (item id → category). */
    public ProfileConfig withCategories(Map<String, String> categories) {
        Map<String, String> copy = Map.copyOf(categories);
        return withCategoryOf(copy::get);
    }

    /** This configuration with another category lookup. */
    public ProfileConfig withCategoryOf(Function<String, String> lookup) {
        return new ProfileConfig(affinityHalfLife, affinityWeights, engagementWeights, monthlyDiscountRate,
                topCategories, topItems, maxAffinityKeys, lookup);
    }

    /** This configuration with another affinity half-life. */
    public ProfileConfig withAffinityHalfLife(Duration halfLife) {
        return new ProfileConfig(halfLife, affinityWeights, engagementWeights, monthlyDiscountRate, topCategories,
                topItems, maxAffinityKeys, categoryOf);
    }

    /** This configuration with other engagement weights. */
    public ProfileConfig withEngagementWeights(EngagementWeights weights) {
        return new ProfileConfig(affinityHalfLife, affinityWeights, weights, monthlyDiscountRate, topCategories,
                topItems, maxAffinityKeys, categoryOf);
    }

    /** This configuration with another monthly discount rate. */
    public ProfileConfig withMonthlyDiscountRate(double rate) {
        return new ProfileConfig(affinityHalfLife, affinityWeights, engagementWeights, rate, topCategories, topItems,
                maxAffinityKeys, categoryOf);
    }

    double halfLifeDays() {
        return affinityHalfLife.toMillis() / 86_400_000.0;
    }
}
