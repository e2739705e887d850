package io.shopsense.recommend;

import java.util.Arrays;

/**
 * What each customer's own buying says about buying an item again, as features for {@link LearnedRanker}: per
 * customer and bought item, on how many distinct days they bought it, how long ago the last time was, and two
 * time-decayed counts (a month's and half a year's half-life, so the ranker learns how fast the shop's habits fade
 * by weighing the two); per item, the share of its buyers who bought it again on another day (some items are
 * rebought, some never); per customer, the share of their items they rebought. Both shares are shrunk towards the
 * shop's share ({@code (k + m·p) / (n + m)}) so an item with one buyer says little. Days are counted from the
 * data's reference time; several order lines of one item on one day count once.
 */
final class PurchaseHistory {
    /** Names of the features {@link #features} writes, in order. */
    static final String[] FEATURES = {"bought", "logPurchaseDays", "logDecayed30d", "logDecayed180d",
            "logDaysSinceLast", "itemRepurchaseRate", "customerRepeatShare"};
    private static final double SHORT_HALF_LIFE_DAYS = 30;
    private static final double LONG_HALF_LIFE_DAYS = 180;
    /** Pseudo-buyers of the shrinkage: an item or customer needs a handful of buyers before its own share counts. */
    private static final double PRIOR_STRENGTH = 5;
    private static final int DAY_BITS = 20;

    private final int[] rowStart;
    private final int[] item;
    private final int[] days;
    private final float[] lastAgeDays;
    private final float[] decayedShort;
    private final float[] decayedLong;
    private final double[] itemRate;
    private final double[] customerShare;

    private PurchaseHistory(int[] rowStart, int[] item, int[] days, float[] lastAgeDays, float[] decayedShort,
                            float[] decayedLong, double[] itemRate, double[] customerShare) {
        this.rowStart = rowStart;
        this.item = item;
        this.days = days;
        this.lastAgeDays = lastAgeDays;
        this.decayedShort = decayedShort;
        this.decayedLong = decayedLong;
        this.itemRate = itemRate;
        this.customerShare = customerShare;
    }

    /** The known customers' purchases of {@code data}, one cell per customer and item bought. */
    static PurchaseHistory of(InteractionData data) {
        int users = data.userCount();
        int items = data.itemCount();
        long[] keys = new long[data.eventCount()];
        int n = 0;
        for (int e = 0; e < data.eventCount(); e++) {
            int customer = data.eventCustomer(e);
            if (data.eventIsPurchase(e) && customer >= 0 && customer < users) {
                long day = Math.min((long) Math.floor(data.eventAgeDays(e)), (1L << DAY_BITS) - 1);
                keys[n++] = (((long) customer * items + data.eventItem(e)) << DAY_BITS) | day;
            }
        }
        keys = Arrays.copyOf(keys, n);
        Arrays.sort(keys);   // by customer, then item, then age: one run per cell, its newest day first
        int[] rowStart = new int[users + 1];
        int[] cellItem = new int[n];
        int[] cellDays = new int[n];
        float[] lastAge = new float[n];
        float[] recent = new float[n];
        float[] longer = new float[n];
        int cells = -1;
        long previousCell = -1;
        long previousKey = -1;
        for (long key : keys) {
            if (key == previousKey) {
                continue;   // another order line of the same item on the same day
            }
            previousKey = key;
            long cell = key >>> DAY_BITS;
            double age = key & ((1L << DAY_BITS) - 1);
            if (cell != previousCell) {
                previousCell = cell;
                cells++;
                cellItem[cells] = (int) (cell % items);
                lastAge[cells] = (float) age;
                rowStart[(int) (cell / items) + 1]++;
            }
            cellDays[cells]++;
            recent[cells] += (float) Math.pow(2, -age / SHORT_HALF_LIFE_DAYS);
            longer[cells] += (float) Math.pow(2, -age / LONG_HALF_LIFE_DAYS);
        }
        int total = cells + 1;
        for (int u = 0; u < users; u++) {
            rowStart[u + 1] += rowStart[u];
        }
        int[] buyers = new int[items];
        int[] repeaters = new int[items];
        int allRepeats = 0;
        for (int c = 0; c < total; c++) {
            buyers[cellItem[c]]++;
            int again = cellDays[c] > 1 ? 1 : 0;
            repeaters[cellItem[c]] += again;
            allRepeats += again;
        }
        double shopShare = total == 0 ? 0 : (double) allRepeats / total;
        double[] itemRate = new double[items];
        for (int i = 0; i < items; i++) {
            itemRate[i] = shrunk(repeaters[i], buyers[i], shopShare);
        }
        double[] customerShare = new double[users];
        for (int u = 0; u < users; u++) {
            int again = 0;
            for (int c = rowStart[u]; c < rowStart[u + 1]; c++) {
                again += cellDays[c] > 1 ? 1 : 0;
            }
            customerShare[u] = shrunk(again, rowStart[u + 1] - rowStart[u], shopShare);
        }
        return new PurchaseHistory(rowStart, Arrays.copyOf(cellItem, total), Arrays.copyOf(cellDays, total),
                Arrays.copyOf(lastAge, total), Arrays.copyOf(recent, total), Arrays.copyOf(longer, total), itemRate,
                customerShare);
    }

    private static double shrunk(int hits, int trials, double prior) {
        return (hits + PRIOR_STRENGTH * prior) / (trials + PRIOR_STRENGTH);
    }

    /** First cell of a customer; its cells run to {@link #cellEnd}. */
    int cellStart(int user) {
        return rowStart[user];
    }

    int cellEnd(int user) {
        return rowStart[user + 1];
    }

    /** The item a cell is about. */
    int cellItem(int cell) {
        return item[cell];
    }

    /** Writes the {@link #FEATURES} of one cell of {@code user} into {@code out} from {@code offset}. */
    void features(int user, int cell, double[] out, int offset) {
        out[offset] = 1;
        out[offset + 1] = Math.log1p(days[cell]);
        out[offset + 2] = Math.log1p(decayedShort[cell]);
        out[offset + 3] = Math.log1p(decayedLong[cell]);
        out[offset + 4] = Math.log1p(lastAgeDays[cell]);
        out[offset + 5] = itemRate[item[cell]];
        out[offset + 6] = customerShare[user];
    }

    /** The share of an item's buyers who bought it again on another day, shrunk towards the shop's share. */
    double itemRepurchaseRate(int item) {
        return itemRate[item];
    }

    /** Distinct purchase days of a cell. */
    int purchaseDays(int cell) {
        return days[cell];
    }
}
