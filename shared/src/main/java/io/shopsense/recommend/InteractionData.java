package io.shopsense.recommend;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.model.Item;

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
 * can be reached by content. Immutable; built once per training run.
 */
public final class InteractionData {
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final String[] userIds;
    private final Map<String, Integer> userIndex;
    private final String[] itemIds;
    private final Map<String, Integer> itemIndex;
    private final Item[] items;
    private final CsrMatrix confidence;
    private final CsrMatrix purchases;
    private final int[] eventItem;
    private final float[] eventWeight;
    private final float[] eventAgeDays;
    private final Instant referenceTime;

    private InteractionData(String[] userIds, Map<String, Integer> userIndex, String[] itemIds,
                            Map<String, Integer> itemIndex, Item[] items, CsrMatrix confidence, CsrMatrix purchases,
                            int[] eventItem, float[] eventWeight, float[] eventAgeDays, Instant referenceTime) {
        this.userIds = userIds;
        this.userIndex = userIndex;
        this.itemIds = itemIds;
        this.itemIndex = itemIndex;
        this.items = items;
        this.confidence = confidence;
        this.purchases = purchases;
        this.eventItem = eventItem;
        this.eventWeight = eventWeight;
        this.eventAgeDays = eventAgeDays;
        this.referenceTime = referenceTime;
    }

    /** Builds the data with default weights, the reference time ("now") being the latest event. */
    public static InteractionData from(List<Event> events, Collection<Item> catalogue) {
        Instant latest = events.stream().map(Event::ts).max(Instant::compareTo).orElse(Instant.EPOCH);
        return from(events, catalogue, InteractionWeights.defaults(), latest);
    }

    /**
     * Folds events into the matrices. Indices follow first appearance (catalogue first, then events), so the same
     * input always gives the same indices and the same models.
     *
     * @param referenceTime the "now" of training: ages, windows and decay are measured back from it
     */
    public static InteractionData from(List<Event> events, Collection<Item> catalogue, InteractionWeights weights,
                                       Instant referenceTime) {
        Map<String, Integer> itemIndex = new HashMap<>();
        java.util.ArrayList<Item> itemList = new java.util.ArrayList<>();
        for (Item item : catalogue) {
            if (itemIndex.putIfAbsent(item.itemId(), itemList.size()) == null) {
                itemList.add(item);
            }
        }
        Map<String, Integer> userIndex = new HashMap<>();
        java.util.ArrayList<String> userList = new java.util.ArrayList<>();
        int n = events.size();
        int[] eventItem = new int[n];
        float[] eventWeight = new float[n];
        float[] eventAge = new float[n];
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
            if (e.isAnonymous()) {
                continue;   // anonymous purchases feed popularity, never a customer's row
            }
            Integer user = userIndex.get(e.userId());
            if (user == null) {
                user = userList.size();
                userIndex.put(e.userId(), user);
                userList.add(e.userId());
            }
            tu[userEvents] = user;
            ti[userEvents] = item;
            tv[userEvents] = w;
            double decayed = Math.exp(-decayPerDay * age);
            pv[userEvents] = e.type() == EventType.PURCHASE ? decayed : e.type() == EventType.REFUND ? -decayed : 0;
            userEvents++;
        }
        int users = userList.size();
        int itemCount = itemList.size();
        CsrMatrix confidence = CsrMatrix.fromTriples(users, itemCount, tu, ti, tv, userEvents);
        CsrMatrix purchases = CsrMatrix.fromTriples(users, itemCount, tu, ti, pv, userEvents);
        return new InteractionData(userList.toArray(String[]::new), Map.copyOf(userIndex),
                itemList.stream().map(Item::itemId).toArray(String[]::new), Map.copyOf(itemIndex),
                itemList.toArray(Item[]::new), confidence, purchases, eventItem, eventWeight, eventAge, referenceTime);
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

    /** The catalogue row of an item (a placeholder product in stock when the catalogue did not list it). */
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

    public Instant referenceTime() { return referenceTime; }

    /** True when the item may be recommended at all: a product (not postage or a fee). */
    public boolean isProduct(int item) { return items[item].isProduct(); }

    /** A copy of the item ids in index order. */
    public String[] itemIds() { return Arrays.copyOf(itemIds, itemIds.length); }
}
