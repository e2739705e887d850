package io.shopsense.recommend;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import io.shopsense.model.SalesCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training view of a shop's events: dense user and item indices, a confidence matrix (users × items, the
 * {@code r_ui} of Hu, Koren and Volinsky), a time-decayed purchase matrix (what each customer bought, for repeat
 * scoring and the "already bought" filter), and every event's item, weight and age for popularity and trending.
 * Anonymous events count for popularity only. Items in the catalogue with no events are indexed too, so cold items
 * can be reached by content; items that only events name are indexed (they still teach the models what goes with
 * what) but are not {@linkplain #isListed listed}, and lists never offer them. Each event also names the customer
 * it counts for ({@link #eventCustomer}), so popularity and trending can count people rather than events.
 * Immutable; built once per training run.
 */
public final class InteractionData {
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final String[] userIds;
    private final Map<String, Integer> userIndex;
    private final String[] itemIds;
    private final Map<String, Integer> itemIndex;
    private final Item[] items;
    private final boolean[] listed;
    private final CsrMatrix confidence;
    private final CsrMatrix purchases;
    private final int[] eventItem;
    private final float[] eventWeight;
    private final float[] eventAgeDays;
    private final int[] eventCustomer;
    private final int[] customerEventsByItem;
    private final Instant referenceTime;
    // the shop's sales calendar (issue 20): which events fell on a big sales day, for trending to leave out
    private final SalesCalendar salesCalendar;
    private final boolean[] eventOnSaleDay;
    private final ItemRatings ratings;
    // which events are purchases, for features of a customer's own buying (PurchaseHistory)
    private final boolean[] eventPurchase;

    private InteractionData(String[] userIds, Map<String, Integer> userIndex, String[] itemIds,
                            Map<String, Integer> itemIndex, Item[] items, boolean[] listed, CsrMatrix confidence,
                            CsrMatrix purchases, int[] eventItem, float[] eventWeight, float[] eventAgeDays,
                            int[] eventCustomer, Instant referenceTime, SalesCalendar salesCalendar,
                            boolean[] eventOnSaleDay, ItemRatings ratings, boolean[] eventPurchase) {
        this.userIds = userIds;
        this.userIndex = userIndex;
        this.itemIds = itemIds;
        this.itemIndex = itemIndex;
        this.items = items;
        this.listed = listed;
        this.confidence = confidence;
        this.purchases = purchases;
        this.eventItem = eventItem;
        this.eventWeight = eventWeight;
        this.eventAgeDays = eventAgeDays;
        this.eventCustomer = eventCustomer;
        this.customerEventsByItem = byItemThenCustomer(eventItem, eventCustomer, items.length);
        this.referenceTime = referenceTime;
        this.salesCalendar = salesCalendar;
        this.eventOnSaleDay = eventOnSaleDay;
        this.ratings = ratings;
        this.eventPurchase = eventPurchase;
    }

    /** Builds the data with default weights, the reference time ("now") being the latest event. */
    public static InteractionData from(List<Event> events, Collection<Item> catalogue) {
        Instant latest = events.stream().map(Event::ts).max(Instant::compareTo).orElse(Instant.EPOCH);
        return from(events, catalogue, InteractionWeights.defaults(), latest);
    }

    /**
     * Folds events into the matrices. Indices follow first appearance (catalogue first, then events), so the same
     * input always gives the same indices and the same models. Items of {@code catalogue} are the listed ones.
     *
     * @param referenceTime the "now" of training: ages, windows and decay are measured back from it
     */
    public static InteractionData from(List<Event> events, Collection<Item> catalogue, InteractionWeights weights,
                                       Instant referenceTime) {
        return from(events, catalogue, weights, referenceTime, ItemRatings.NONE);
    }

    /**
     * As {@link #from(List, Collection, InteractionWeights, Instant)}, with ratings as confidence (issue #17): every
     * positive interaction of a customer with an item they rated is weighted by {@link ItemRatings#confidence} (a 1★
     * purchase is no like: it leaves the confidence matrix and popularity), for every algorithm alike. Refunds and
     * the purchase record (what the customer owns, for repeats and the "already bought" filter) are unchanged.
     * {@code ratings} must be as of {@code referenceTime} or earlier, so no later rating leaks into a fit.
     */
    public static InteractionData from(List<Event> events, Collection<Item> catalogue, InteractionWeights weights,
                                       Instant referenceTime, ItemRatings ratings) {
        Map<String, Integer> itemIndex = new HashMap<>();
        java.util.ArrayList<Item> itemList = new java.util.ArrayList<>();
        for (Item item : catalogue) {
            if (itemIndex.putIfAbsent(item.itemId(), itemList.size()) == null) {
                itemList.add(item);
            }
        }
        int catalogued = itemList.size();
        Map<String, Integer> userIndex = new HashMap<>();
        java.util.ArrayList<String> userList = new java.util.ArrayList<>();
        Map<String, Integer> anonymousBuyers = new HashMap<>();
        int n = events.size();
        int[] eventCustomer = new int[n];
        int[] eventItem = new int[n];
        float[] eventWeight = new float[n];
        float[] eventAge = new float[n];
        boolean[] onSaleDay = new boolean[n];
        boolean[] purchase = new boolean[n];
        SalesCalendar calendar = weights.salesCalendar();
        int[] tu = new int[n];
        int[] ti = new int[n];
        double[] tv = new double[n];
        double[] pv = new double[n];
        int userEvents = 0;
        double decayPerDay = Math.log(2) / weights.repeatHalfLifeDays();
        for (int k = 0; k < n; k++) {
            Event e = events.get(k);
            Integer item = itemIndex.get(e.itemId());
            if (item == null) {
                item = itemList.size();
                itemIndex.put(e.itemId(), item);
                itemList.add(new Item(e.itemId(), null, null, 0, true, true));
            }
            double w = weight(e.type(), weights);
            double age = Math.max(0, Duration.between(e.ts(), referenceTime).getSeconds() / SECONDS_PER_DAY);
            eventItem[k] = item;
            eventWeight[k] = (float) w;
            eventAge[k] = (float) age;
            onSaleDay[k] = !calendar.isEmpty() && calendar.isSaleDay(e.ts());
            purchase[k] = e.type() == EventType.PURCHASE;
            if (e.isAnonymous()) {
                eventCustomer[k] = anonymousBuyer(e, anonymousBuyers);
                continue;   // anonymous purchases feed popularity, never a customer's row
            }
            if (w > 0) {
                w *= ratings.confidence(e.userId(), e.itemId());
                eventWeight[k] = (float) w;
            }
            Integer user = userIndex.get(e.userId());
            if (user == null) {
                user = userList.size();
                userIndex.put(e.userId(), user);
                userList.add(e.userId());
            }
            eventCustomer[k] = user;
            tu[userEvents] = user;
            ti[userEvents] = item;
            tv[userEvents] = w;
            double decayed = Math.exp(-decayPerDay * age);
            pv[userEvents] = e.type() == EventType.PURCHASE ? decayed : e.type() == EventType.REFUND ? -decayed : 0;
            userEvents++;
        }
        int users = userList.size();
        int itemCount = itemList.size();
        boolean[] listed = new boolean[itemCount];
        java.util.Arrays.fill(listed, 0, catalogued, true);
        for (int k = 0; k < n; k++) {
            if (eventCustomer[k] < -1) {
                eventCustomer[k] = users + (-2 - eventCustomer[k]);   // anonymous buyers after the known customers
            }
        }
        CsrMatrix confidence = CsrMatrix.fromTriples(users, itemCount, tu, ti, tv, userEvents);
        CsrMatrix purchases = CsrMatrix.fromTriples(users, itemCount, tu, ti, pv, userEvents);
        return new InteractionData(userList.toArray(String[]::new), Map.copyOf(userIndex),
                itemList.stream().map(Item::itemId).toArray(String[]::new), Map.copyOf(itemIndex),
                itemList.toArray(Item[]::new), listed, confidence, purchases, eventItem, eventWeight, eventAge,
                eventCustomer, referenceTime, calendar, onSaleDay, ratings, purchase);
    }

    /**
     * Who an anonymous event counts for: the order of an uploaded export (one buyer per order, each row its own
     * buyer when the export has no order numbers), encoded as {@code -2 - k} until the known customers are counted;
     * -1 for a live event ({@code POST /events}), which no one vouches for, so it counts for nobody.
     */
    private static int anonymousBuyer(Event e, Map<String, Integer> buyers) {
        if (e.sourceId() == null) {
            return -1;
        }
        String key = e.sourceId() + '\u001f' + (e.orderId() != null ? "o" + e.orderId() : "e" + e.eventId());
        Integer k = buyers.get(key);
        if (k == null) {
            k = buyers.size();
            buyers.put(key, k);
        }
        return -2 - k;
    }

    /** Indices of the events with a customer, grouped by item and, within an item, by customer (two counting sorts). */
    private static int[] byItemThenCustomer(int[] eventItem, int[] eventCustomer, int itemCount) {
        int customers = 0;
        int counted = 0;
        for (int c : eventCustomer) {
            customers = Math.max(customers, c + 1);
            counted += c >= 0 ? 1 : 0;
        }
        int[] byCustomer = new int[counted];
        int[] start = new int[customers + 1];
        for (int c : eventCustomer) {
            if (c >= 0) {
                start[c + 1]++;
            }
        }
        for (int c = 0; c < customers; c++) {
            start[c + 1] += start[c];
        }
        for (int e = 0; e < eventCustomer.length; e++) {
            if (eventCustomer[e] >= 0) {
                byCustomer[start[eventCustomer[e]]++] = e;
            }
        }
        int[] out = new int[counted];
        int[] itemStart = new int[itemCount + 1];
        for (int e : byCustomer) {
            itemStart[eventItem[e] + 1]++;
        }
        for (int i = 0; i < itemCount; i++) {
            itemStart[i + 1] += itemStart[i];
        }
        for (int e : byCustomer) {   // stable: customers stay in order within an item
            out[itemStart[eventItem[e]]++] = e;
        }
        return out;
    }

    private static double weight(EventType type, InteractionWeights w) {
        return switch (type) {
            case VIEW -> w.view();
            case CART -> w.cart();
            case PURCHASE -> w.purchase();
            case REFUND -> -w.refund();
        };
    }

    public int userCount() { return userIds.length; }

    public int itemCount() { return itemIds.length; }

    public String userId(int user) { return userIds[user]; }

    public String itemId(int item) { return itemIds[item]; }

    /** Index of a user, or -1 when the user has no (non-anonymous) training events. */
    public int userIndex(String userId) { return userIndex.getOrDefault(userId, -1); }

    /** Index of an item, or -1 when it is neither in the catalogue nor in the events. */
    public int itemIndex(String itemId) { return itemIndex.getOrDefault(itemId, -1); }

    /** The catalogue row of an item (a placeholder when the catalogue did not list it: see {@link #isListed}). */
    public Item item(int item) { return items[item]; }

    /** Users × items confidence {@code r_ui} (sum of event weights, only entries with a positive sum). */
    public CsrMatrix confidence() { return confidence; }

    /** Users × items time-decayed net purchases (only items the customer still owns on balance). */
    public CsrMatrix purchases() { return purchases; }

    /** Number of events, anonymous included. */
    public int eventCount() { return eventItem.length; }

    public int eventItem(int event) { return eventItem[event]; }

    public float eventWeight(int event) { return eventWeight[event]; }

    /** Days between the event and {@link #referenceTime()}. */
    public float eventAgeDays(int event) { return eventAgeDays[event]; }

    /** Whether the event is a purchase (not a view, cart or refund). */
    public boolean eventIsPurchase(int event) { return eventPurchase[event]; }

    /** Whether the event fell on one of the shop's big sales days ({@link InteractionWeights#salesCalendar()}). */
    public boolean eventOnSaleDay(int event) { return eventOnSaleDay[event]; }

    /** The sales calendar the events were marked with. */
    public SalesCalendar salesCalendar() { return salesCalendar; }

    public Instant referenceTime() { return referenceTime; }

    /** True when the item may be recommended at all: a product (not postage or a fee). */
    public boolean isProduct(int item) { return items[item].isProduct(); }

    /** True when the catalogue lists the item; an item only events name is never recommended. */
    public boolean isListed(int item) { return listed[item]; }

    /**
     * The customer an event counts for in popularity and trending: the user's index for a known customer, an index
     * past {@link #userCount()} for each anonymous order of an uploaded export, -1 for an anonymous live event.
     */
    public int eventCustomer(int event) { return eventCustomer[event]; }

    /** Events with a customer, grouped by item, then by customer (for {@link DistinctCustomers}). */
    int[] customerEventsByItem() { return customerEventsByItem; }

    /** The ratings the confidences were weighted by ({@link ItemRatings#NONE} without reviews). */
    public ItemRatings ratings() { return ratings; }

    /** A copy of the item ids in index order. */
    public String[] itemIds() { return Arrays.copyOf(itemIds, itemIds.length); }
}
