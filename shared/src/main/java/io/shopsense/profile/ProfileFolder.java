package io.shopsense.profile;

import io.shopsense.model.Event;
import io.shopsense.model.Review;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Folds events into per-customer aggregates, idempotently per source: a source (an event's {@code sourceId}, or
 * {@code event:<eventId>} for an event without one) already recorded in the aggregate is skipped, so replaying a file
 * or a live event changes nothing. Callers must therefore hand over all of one customer's events from one source in
 * a single call (which reading a whole clean file and grouping by user does), and anything that re-publishes events
 * (e.g. live events batched into {@code clean/events/}) must keep each event's original source id.
 */
public final class ProfileFolder {

    private final ProfileConfig config;

    public ProfileFolder(ProfileConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The key a source is remembered by. */
    public static String sourceKey(Event event) {
        return event.sourceId() != null ? event.sourceId() : "event:" + event.eventId();
    }

    /**
     * Folds many customers' events: returns the new aggregate of every customer whose aggregate changed (anonymous
     * events and already-folded sources change nothing). {@code existing} may lack customers; they start empty.
     */
    public Map<String, CustomerAggregate> foldAll(Map<String, CustomerAggregate> existing, List<Event> events) {
        Map<String, List<Event>> byUser = new LinkedHashMap<>();
        for (Event event : events) {
            if (!event.isAnonymous()) {
                byUser.computeIfAbsent(event.userId(), k -> new ArrayList<>()).add(event);
            }
        }
        Map<String, CustomerAggregate> changed = new TreeMap<>();
        for (Map.Entry<String, List<Event>> entry : byUser.entrySet()) {
            CustomerAggregate before = existing.get(entry.getKey());
            CustomerAggregate after = fold(before, entry.getKey(), entry.getValue());
            if (!after.equals(before)) {
                changed.put(entry.getKey(), after);
            }
        }
        return changed;
    }

    /**
     * Folds one customer's events into their aggregate ({@code null} means none yet). Events of other customers,
     * anonymous events and events from sources already folded are ignored; if nothing is left the aggregate comes
     * back unchanged.
     */
    public CustomerAggregate fold(CustomerAggregate aggregate, String userId, List<Event> events) {
        CustomerAggregate start = aggregate != null ? aggregate : CustomerAggregate.empty(userId);
        List<Event> fresh = new ArrayList<>();
        for (Event event : events) {
            if (userId.equals(event.userId()) && !start.hasFolded(sourceKey(event))) {
                fresh.add(event);
            }
        }
        if (fresh.isEmpty()) {
            return start;
        }
        return new Batch(start).addAll(fresh).build();
    }

    /**
     * The aggregate with its category affinities derived again from its item affinities under this configuration's
     * categories: a category's score is the sum of its items' scores (the same decayed sum the fold keeps, since both
     * decay alike from one reference instant), so events folded before the catalogue named their items' categories
     * count as soon as it does. Only the items the aggregate kept ({@code maxAffinityKeys}, strongest first) add up.
     * With no item in a known category, the aggregate keeps the category scores it has.
     */
    public CustomerAggregate withCategoriesFromItems(CustomerAggregate aggregate) {
        DecayedScores items = aggregate.itemScores();
        Map<String, Double> byCategory = new TreeMap<>();
        for (Map.Entry<String, Double> item : new TreeMap<>(items.scores()).entrySet()) {
            String category = config.categoryOf().apply(item.getKey());
            if (category != null && !category.isBlank()) {
                byCategory.merge(category, item.getValue(), Double::sum);
            }
        }
        if (byCategory.isEmpty()) {
            return aggregate;
        }
        DecayedScores derived = new DecayedScores(items.reference(), byCategory);
        return derived.equals(aggregate.categoryScores()) ? aggregate : aggregate.withCategoryScores(derived);
    }

    // --- reviews (issue #17) ---
    /**
     * Adds {@code userId}'s reviews to their aggregate: each item keeps the customer's latest rating (an earlier or
     * equal-time review changes nothing), so a replayed review object folds to the same aggregate.
     */
    public CustomerAggregate foldReviews(CustomerAggregate aggregate, String userId, List<Review> reviews) {
        CustomerAggregate start = aggregate != null ? aggregate : CustomerAggregate.empty(userId);
        java.util.Map<String, CustomerAggregate.RatingGiven> ratings = new java.util.TreeMap<>(start.ratingsGiven());
        for (Review review : reviews) {
            if (!userId.equals(review.userId())) {
                continue;
            }
            CustomerAggregate.RatingGiven known = ratings.get(review.itemId());
            if (known == null || review.ts().isAfter(known.ts())) {
                ratings.put(review.itemId(), new CustomerAggregate.RatingGiven(review.rating(), review.ts()));
            }
        }
        return ratings.equals(start.ratingsGiven()) ? start : start.withRatingsGiven(ratings);
    }

    /** Mutable copy of an aggregate while one batch is added. */
    private final class Batch {
        private final CustomerAggregate start;
        private final TreeSet<String> sources;
        private long views;
        private long carts;
        private long purchases;
        private long refundEvents;
        private long units;
        private long refundedUnits;
        private double revenue;
        private double refunds;
        private Instant firstSeen;
        private Instant lastSeen;
        private Instant firstPurchase;
        private Instant lastPurchase;
        private final TreeSet<String> orderKeys;
        private final TreeMap<Integer, Double> dayRevenue;
        private final long[] purchaseHours = new long[24];
        private final long[] purchaseWeekdays = new long[7];
        private final long[] activityHours = new long[24];
        private final long[] activityWeekdays = new long[7];
        private final Map<String, Long> channels;
        private final DecayedScores.Accumulator items;
        private final DecayedScores.Accumulator categories;

        Batch(CustomerAggregate a) {
            start = a;
            sources = new TreeSet<>(a.foldedSources());
            views = a.views();
            carts = a.carts();
            purchases = a.purchases();
            refundEvents = a.refundEvents();
            units = a.units();
            refundedUnits = a.refundedUnits();
            revenue = a.revenue();
            refunds = a.refunds();
            firstSeen = a.firstSeen();
            lastSeen = a.lastSeen();
            firstPurchase = a.firstPurchase();
            lastPurchase = a.lastPurchase();
            orderKeys = new TreeSet<>(a.orderKeys());
            dayRevenue = new TreeMap<>(a.purchaseDayRevenue());
            copy(a.purchaseHours(), purchaseHours);
            copy(a.purchaseWeekdays(), purchaseWeekdays);
            copy(a.activityHours(), activityHours);
            copy(a.activityWeekdays(), activityWeekdays);
            channels = new HashMap<>(a.channelCounts());
            items = new DecayedScores.Accumulator(a.itemScores());
            categories = new DecayedScores.Accumulator(a.categoryScores());
        }

        Batch addAll(List<Event> events) {
            double halfLife = config.halfLifeDays();
            Instant latest = events.get(0).ts();
            for (Event event : events) {
                latest = event.ts().isAfter(latest) ? event.ts() : latest;
            }
            // Move the decay reference once per batch, then add each event decayed back from it.
            items.advanceTo(latest, halfLife);
            categories.advanceTo(latest, halfLife);
            for (Event event : events) {
                add(event, halfLife);
            }
            return this;
        }

        private void add(Event event, double halfLife) {
            sources.add(sourceKey(event));
            Instant ts = event.ts();
            ZonedDateTime utc = ts.atZone(ZoneOffset.UTC);
            firstSeen = min(firstSeen, ts);
            lastSeen = max(lastSeen, ts);
            activityHours[utc.getHour()]++;
            activityWeekdays[utc.getDayOfWeek().getValue() - 1]++;
            if (event.channel() != null) {
                channels.merge(event.channel(), 1L, Long::sum);
            }
            switch (event.type()) {
                case VIEW -> views++;
                case CART -> carts++;
                case PURCHASE -> {
                    purchases++;
                    units += event.quantity();
                    revenue += event.amount();
                    firstPurchase = min(firstPurchase, ts);
                    lastPurchase = max(lastPurchase, ts);
                    int day = (int) utc.toLocalDate().toEpochDay();
                    dayRevenue.merge(day, event.amount(), Double::sum);
                    orderKeys.add(event.orderId() != null ? event.orderId() : "day:" + day);
                    purchaseHours[utc.getHour()]++;
                    purchaseWeekdays[utc.getDayOfWeek().getValue() - 1]++;
                }
                case REFUND -> {
                    refundEvents++;
                    refundedUnits += event.quantity();
                    refunds += -event.amount();
                }
            }
            double weight = config.affinityWeights().of(event.type());
            items.add(event.itemId(), weight, ts, halfLife);
            String category = config.categoryOf().apply(event.itemId());
            if (category != null && !category.isBlank()) {
                categories.add(category, weight, ts, halfLife);
            }
        }

        CustomerAggregate build() {
            return new CustomerAggregate(start.userId(), sources, views, carts, purchases, refundEvents, units,
                    refundedUnits, revenue, refunds, firstSeen, lastSeen, firstPurchase, lastPurchase, orderKeys,
                    dayRevenue, boxed(purchaseHours), boxed(purchaseWeekdays), boxed(activityHours),
                    boxed(activityWeekdays), channels, items.build(config.maxAffinityKeys()),
                    categories.build(config.maxAffinityKeys()), start.ratingsGiven());
        }
    }

    private static void copy(List<Long> from, long[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] = from.get(i);
        }
    }

    private static List<Long> boxed(long[] counts) {
        List<Long> out = new ArrayList<>(counts.length);
        for (long c : counts) {
            out.add(c);
        }
        return out;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
