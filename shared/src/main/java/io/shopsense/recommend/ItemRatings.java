package io.shopsense.recommend;

import io.shopsense.model.Review;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a shop's reviews say, as of one instant (issue #17): each item's rating summary with a Bayesian average, and
 * each customer's latest rating of each item as a confidence for their interactions with it. Only reviews strictly
 * before the instant count, so a model fitted before a validation window never sees a rating given inside it.
 * Immutable.
 *
 * <p>Bayesian average (as review sites rank by): {@code (C·m + Σ r) / (C + n)}, with {@code m} the shop's mean
 * rating over every counted review, {@code C} {@link RatingSettings#priorStrength()} and {@code n} the item's count.
 *
 * <p>Confidence of a customer's interactions with an item they rated {@code r}: {@code clamp((r − 2) / 2, 0, 1)}:
 * 1 and 2 stars are no like at all (0), 3 stars half, 4 and 5 stars full; items they never rated keep 1.
 */
public final class ItemRatings {
    /** No reviews: every confidence 1, no summaries. */
    public static final ItemRatings NONE = new ItemRatings(Map.of(), Map.of(), Double.NaN, RatingSettings.defaults(),
            List.of());

    /**
     * One item's ratings.
     *
     * @param count    reviews counted (each customer's latest, plus anonymous ones)
     * @param average  their plain mean, 1-5 (what the shop's customers see)
     * @param bayesian the mean shrunk towards the shop's mean (what ranking uses)
     */
    public record Summary(int count, double average, double bayesian) {
    }

    private final Map<String, Summary> byItem;
    private final Map<String, Integer> byCustomerAndItem;
    private final double shopMean;
    private final RatingSettings settings;
    private final List<Review> counted;

    private ItemRatings(Map<String, Summary> byItem, Map<String, Integer> byCustomerAndItem, double shopMean,
                        RatingSettings settings, List<Review> counted) {
        this.counted = counted;
        this.byItem = byItem;
        this.byCustomerAndItem = byCustomerAndItem;
        this.shopMean = shopMean;
        this.settings = settings;
    }

    /** The ratings of the reviews given strictly before {@code before}; each customer's latest per item counts. */
    public static ItemRatings of(Collection<Review> reviews, Instant before, RatingSettings settings) {
        Map<String, Review> latest = new LinkedHashMap<>();
        int anonymous = 0;
        for (Review r : reviews) {
            if (!r.ts().isBefore(before)) {
                continue;
            }
            String key = r.isAnonymous() ? "\u0000" + anonymous++ : pair(r.userId(), r.itemId());
            latest.merge(key, r, (a, b) -> b.ts().isBefore(a.ts()) ? a : b);
        }
        if (latest.isEmpty()) {
            return new ItemRatings(Map.of(), Map.of(), Double.NaN, settings, List.of());
        }
        Map<String, long[]> sums = new HashMap<>();   // item → {count, sum of stars}
        Map<String, Integer> given = new HashMap<>();
        long total = 0;
        for (Map.Entry<String, Review> e : latest.entrySet()) {
            Review r = e.getValue();
            long[] s = sums.computeIfAbsent(r.itemId(), k -> new long[2]);
            s[0]++;
            s[1] += r.rating();
            total += r.rating();
            if (!r.isAnonymous()) {
                given.put(e.getKey(), r.rating());
            }
        }
        double mean = (double) total / latest.size();
        Map<String, Summary> byItem = new HashMap<>();
        sums.forEach((item, s) -> byItem.put(item, new Summary((int) s[0], (double) s[1] / s[0],
                bayesianAverage(s[1], s[0], mean, settings.priorStrength()))));
        return new ItemRatings(Map.copyOf(byItem), Map.copyOf(given), mean, settings, List.copyOf(latest.values()));
    }

    /** {@code (C·m + Σ r) / (C + n)}: the mean of n ratings summing to {@code sum}, with C ratings of m added. */
    static double bayesianAverage(double sum, double n, double shopMean, double priorStrength) {
        return (priorStrength * shopMean + sum) / (priorStrength + n);
    }

    /** {@code clamp((r − 2) / 2, 0, 1)}: the weight a customer's interactions with an item they rated r keep. */
    static double confidenceOf(int rating) {
        return Math.max(0, Math.min(1, (rating - 2) / 2.0));
    }

    private static String pair(String userId, String itemId) {
        return userId + '\u001f' + itemId;
    }

    /** The weight of a customer's interactions with an item: 1 when they did not rate it. */
    public double confidence(String userId, String itemId) {
        if (userId == null || byCustomerAndItem.isEmpty()) {
            return 1;
        }
        Integer rating = byCustomerAndItem.get(pair(userId, itemId));
        return rating == null ? 1 : confidenceOf(rating);
    }

    /** Whether the customer's latest rating of the item is no like (1 or 2 stars): it is never offered to them again. */
    public boolean dislikedBy(String userId, String itemId) {
        return confidence(userId, itemId) == 0;
    }

    public Optional<Summary> summary(String itemId) {
        return Optional.ofNullable(byItem.get(itemId));
    }

    /** True when the item has at least {@link RatingSettings#minReviews()} and a Bayesian average below the bar. */
    public boolean isPoor(String itemId) {
        Summary s = byItem.get(itemId);
        return s != null && s.count() >= settings.minReviews() && s.bayesian() < settings.poorBelow();
    }

    /** "rated 4.7 by 38 customers" for an item with enough reviews; empty otherwise. */
    public Optional<String> reason(String itemId) {
        Summary s = byItem.get(itemId);
        if (s == null || s.count() < settings.minReviews()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "rated %.1f by %d customers", s.average(), s.count()));
    }

    /** The reviews counted (each customer's latest per item, anonymous ones), in the order given. */
    public List<Review> counted() {
        return counted;
    }

    /** The mean rating over every counted review; NaN without reviews. */
    public double shopMean() {
        return shopMean;
    }

    public RatingSettings settings() {
        return settings;
    }

    /** Reviews counted, over all items. */
    public int reviewCount() {
        return byItem.values().stream().mapToInt(Summary::count).sum();
    }

    public boolean isEmpty() {
        return byItem.isEmpty();
    }

    /** Items with a summary, worst Bayesian average first (ties by id), for reports and the dashboard. */
    public List<Map.Entry<String, Summary>> worstFirst() {
        return byItem.entrySet().stream()
                .sorted(Map.Entry.<String, Summary>comparingByValue(
                        java.util.Comparator.comparingDouble(Summary::bayesian)).thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }
}
