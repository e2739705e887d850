package io.shopsense.profile;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything folded so far about one customer, in a form that new events can be added to without rereading old ones:
 * counters, sums, first/last instants, the purchase days with their revenue, the order keys, hour and weekday
 * histograms, channel counts and decayed affinity sums. It also remembers which sources it has folded, which makes
 * folding a replayed file a no-op (see {@link ProfileFolder}). Immutable; {@link ProfileFolder#fold} returns a new one.
 *
 * @param userId             the customer
 * @param foldedSources      source ids already folded (an event without a source id is its own source, {@code event:<id>})
 * @param views              view events
 * @param carts              cart events
 * @param purchases          purchase events (lines, not orders)
 * @param refundEvents       refund events
 * @param units              units purchased
 * @param refundedUnits      units refunded
 * @param revenue            gross purchase revenue
 * @param refunds            refunded amount, positive
 * @param firstSeen          earliest event of any type; null when none
 * @param lastSeen           latest event of any type; null when none
 * @param firstPurchase      earliest purchase; null when none
 * @param lastPurchase       latest purchase; null when none
 * @param orderKeys          distinct order ids, or {@code day:<epochDay>} for purchases without an order id
 * @param purchaseDayRevenue UTC epoch day → gross purchase revenue that day (the BG/NBD transactions)
 * @param purchaseHours      purchases per UTC hour 0..23
 * @param purchaseWeekdays   purchases per UTC weekday, Monday first
 * @param activityHours      events of any type per UTC hour
 * @param activityWeekdays   events of any type per UTC weekday, Monday first
 * @param channelCounts      events per channel (events without a channel are not counted)
 * @param itemScores         decayed item affinities
 * @param categoryScores     decayed category affinities
 * @param ratingsGiven       the customer's latest star rating of each item they reviewed (issue #17); a later review
 *                           of the same item replaces the earlier, so folding a review twice changes nothing
 */
public record CustomerAggregate(
        String userId,
        NavigableSet<String> foldedSources,
        long views,
        long carts,
        long purchases,
        long refundEvents,
        long units,
        long refundedUnits,
        double revenue,
        double refunds,
        Instant firstSeen,
        Instant lastSeen,
        Instant firstPurchase,
        Instant lastPurchase,
        NavigableSet<String> orderKeys,
        NavigableMap<Integer, Double> purchaseDayRevenue,
        List<Long> purchaseHours,
        List<Long> purchaseWeekdays,
        List<Long> activityHours,
        List<Long> activityWeekdays,
        Map<String, Long> channelCounts,
        DecayedScores itemScores,
        DecayedScores categoryScores,
        Map<String, RatingGiven> ratingsGiven) {

    /** One item's rating by this customer, and when it was given. */
    public record RatingGiven(int rating, Instant ts) {
    }

    public CustomerAggregate {
        Objects.requireNonNull(userId, "userId");
        foldedSources = Collections.unmodifiableNavigableSet(new TreeSet<>(foldedSources));
        orderKeys = Collections.unmodifiableNavigableSet(new TreeSet<>(orderKeys));
        purchaseDayRevenue = Collections.unmodifiableNavigableMap(new TreeMap<>(purchaseDayRevenue));
        purchaseHours = histogram(purchaseHours, 24, "purchaseHours");
        purchaseWeekdays = histogram(purchaseWeekdays, 7, "purchaseWeekdays");
        activityHours = histogram(activityHours, 24, "activityHours");
        activityWeekdays = histogram(activityWeekdays, 7, "activityWeekdays");
        channelCounts = Collections.unmodifiableMap(new TreeMap<>(channelCounts));
        Objects.requireNonNull(itemScores, "itemScores");
        Objects.requireNonNull(categoryScores, "categoryScores");
        // aggregates stored before reviews existed have no ratings
        ratingsGiven = Collections.unmodifiableMap(new TreeMap<>(ratingsGiven == null ? Map.of() : ratingsGiven));
    }

    /** The aggregate with {@code ratings} (item → rating) in place of its ratings. */
    public CustomerAggregate withRatingsGiven(Map<String, RatingGiven> ratings) {
        return new CustomerAggregate(userId, foldedSources, views, carts, purchases, refundEvents, units,
                refundedUnits, revenue, refunds, firstSeen, lastSeen, firstPurchase, lastPurchase, orderKeys,
                purchaseDayRevenue, purchaseHours, purchaseWeekdays, activityHours, activityWeekdays, channelCounts,
                itemScores, categoryScores, ratings);
    }

    /** The aggregate with {@code scores} in place of its category affinities. */
    public CustomerAggregate withCategoryScores(DecayedScores scores) {
        return new CustomerAggregate(userId, foldedSources, views, carts, purchases, refundEvents, units,
                refundedUnits, revenue, refunds, firstSeen, lastSeen, firstPurchase, lastPurchase, orderKeys,
                purchaseDayRevenue, purchaseHours, purchaseWeekdays, activityHours, activityWeekdays, channelCounts,
                itemScores, scores, ratingsGiven);
    }

    /** A customer nothing is known about yet. */
    public static CustomerAggregate empty(String userId) {
        List<Long> day = Collections.nCopies(24, 0L);
        List<Long> week = Collections.nCopies(7, 0L);
        return new CustomerAggregate(userId, new TreeSet<>(), 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null,
                new TreeSet<>(), new TreeMap<>(), day, week, day, week, Map.of(), DecayedScores.empty(),
                DecayedScores.empty(), Map.of());
    }

    /** True when the source has already been folded into this aggregate. */
    public boolean hasFolded(String sourceKey) {
        return foldedSources.contains(sourceKey);
    }

    /** Events of any type folded so far. */
    public long events() {
        return views + carts + purchases + refundEvents;
    }

    private static List<Long> histogram(List<Long> counts, int size, String name) {
        if (counts.size() != size) {
            throw new IllegalArgumentException(name + " must have " + size + " entries, had " + counts.size());
        }
        return List.copyOf(counts);
    }
}
