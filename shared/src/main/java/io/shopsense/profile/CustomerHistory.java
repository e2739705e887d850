package io.shopsense.profile;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The purchase-history fields of a profile, derived from an aggregate as of a date. Days are UTC days; the as-of day is
 * included in the history.
 *
 * @param userId                   the customer
 * @param asOf                     the day the history describes
 * @param recencyDays              days from the last purchase day to {@code asOf}; null without purchases
 * @param daysSinceLastEvent       days from the last event of any kind to {@code asOf}; null without events
 * @param frequency                distinct purchase days
 * @param orders                   distinct orders
 * @param units                    units bought
 * @param revenue                  gross purchase revenue
 * @param refunds                  refunded amount, positive
 * @param monetary                 net spend, revenue − refunds
 * @param averageOrderValue        revenue / orders, 0 without orders
 * @param averageDaysBetweenOrders (last − first purchase day) / (purchase days − 1); null below two days
 * @param firstPurchase            first purchase day; null without purchases
 * @param lastPurchase             last purchase day; null without purchases
 * @param preferredHour            hour with most purchases, else most events (ties: earliest); null without events
 * @param preferredWeekday         weekday with most purchases, else most events (ties: earliest); null without events
 * @param channelMix               share of events per channel
 * @param browsingEvents           views + carts
 * @param repeatTransactions       BG/NBD x: purchase days up to {@code asOf} − 1 (0 without purchases)
 * @param weeksToLastTransaction   BG/NBD tₓ in weeks
 * @param ageWeeks                 BG/NBD T in weeks, first purchase day to {@code asOf}
 * @param meanRepeatValue          mean revenue of the repeat purchase days; NaN when there are none
 */
public record CustomerHistory(
        String userId,
        LocalDate asOf,
        Integer recencyDays,
        Integer daysSinceLastEvent,
        int frequency,
        int orders,
        long units,
        double revenue,
        double refunds,
        double monetary,
        double averageOrderValue,
        Double averageDaysBetweenOrders,
        LocalDate firstPurchase,
        LocalDate lastPurchase,
        Integer preferredHour,
        DayOfWeek preferredWeekday,
        Map<String, Double> channelMix,
        long browsingEvents,
        double repeatTransactions,
        double weeksToLastTransaction,
        double ageWeeks,
        double meanRepeatValue) implements java.io.Serializable {

    /** True when the customer bought at least once (so RFM, BG/NBD and Gamma-Gamma apply). */
    public boolean hasPurchased() {
        return frequency > 0;
    }

    /** Derives the history of an aggregate as of {@code asOf}. */
    public static CustomerHistory of(CustomerAggregate a, LocalDate asOf) {
        LocalDate first = day(a.firstPurchase());
        LocalDate last = day(a.lastPurchase());
        int purchaseDays = a.purchaseDayRevenue().size();
        int orders = a.orderKeys().size();
        Double daysBetween = purchaseDays >= 2
                ? (double) (a.purchaseDayRevenue().lastKey() - a.purchaseDayRevenue().firstKey()) / (purchaseDays - 1)
                : null;
        int endDay = (int) asOf.toEpochDay();
        NavigableMap<Integer, Double> daysUpToAsOf = a.purchaseDayRevenue().headMap(endDay, true);
        double[] row = TransactionSummary.row(daysUpToAsOf, endDay);
        boolean anyPurchase = a.purchases() > 0;
        return new CustomerHistory(
                a.userId(),
                asOf,
                last == null ? null : daysBetween(last, asOf),
                a.lastSeen() == null ? null : daysBetween(day(a.lastSeen()), asOf),
                purchaseDays,
                orders,
                a.units(),
                a.revenue(),
                a.refunds(),
                a.revenue() - a.refunds(),
                orders > 0 ? a.revenue() / orders : 0,
                daysBetween,
                first,
                last,
                argMax(anyPurchase ? a.purchaseHours() : a.activityHours()),
                weekday(argMax(anyPurchase ? a.purchaseWeekdays() : a.activityWeekdays())),
                shares(a.channelCounts()),
                a.views() + a.carts(),
                row == null ? 0 : row[0],
                row == null ? 0 : row[1],
                row == null ? 0 : row[2],
                row == null ? Double.NaN : row[3]);
    }

    private static LocalDate day(Instant instant) {
        return instant == null ? null : instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static int daysBetween(LocalDate from, LocalDate to) {
        return (int) Math.max(0, ChronoUnit.DAYS.between(from, to));
    }

    /** Index of the largest count (earliest on ties), or null when all are zero. */
    private static Integer argMax(List<Long> counts) {
        int best = -1;
        long bestCount = 0;
        for (int i = 0; i < counts.size(); i++) {
            if (counts.get(i) > bestCount) {
                best = i;
                bestCount = counts.get(i);
            }
        }
        return best < 0 ? null : best;
    }

    private static DayOfWeek weekday(Integer index) {
        return index == null ? null : DayOfWeek.of(index + 1);
    }

    private static Map<String, Double> shares(Map<String, Long> counts) {
        long total = 0;
        for (long c : counts.values()) {
            total += c;
        }
        Map<String, Double> out = new TreeMap<>();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            out.put(entry.getKey(), (double) entry.getValue() / total);
        }
        return out;
    }
}
