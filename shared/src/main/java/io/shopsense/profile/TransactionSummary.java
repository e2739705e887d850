package io.shopsense.profile;

import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The per-customer inputs of BG/NBD and Gamma-Gamma, as parallel primitive arrays: repeat transactions {@code x},
 * time of the last transaction {@code tx} and age {@code T}, both in weeks from the customer's first transaction,
 * and the mean value of the repeat transactions. A transaction is one customer's purchases on one UTC day (same-day
 * purchases combined, as in Fader, Hardie and Lee 2005); only days up to and including the end date count, and
 * {@code T} runs from the first day to the end date.
 *
 * @param customerIds     one per row
 * @param x               repeat transactions (transaction days − 1)
 * @param tx              weeks from first to last transaction day
 * @param age             weeks from first transaction day to the end date ({@code T} in the papers)
 * @param meanRepeatValue mean value of the repeat transactions; NaN when {@code x = 0}
 */
public record TransactionSummary(String[] customerIds, double[] x, double[] tx, double[] age, double[] meanRepeatValue) {

    private static final double DAYS_PER_WEEK = 7.0;

    /** Number of customers. */
    public int size() {
        return customerIds.length;
    }

    /** Number of customers with at least one repeat transaction (the Gamma-Gamma fitting set). */
    public int repeatCustomers() {
        int n = 0;
        for (double v : x) {
            if (v > 0) {
                n++;
            }
        }
        return n;
    }

    /** Summarises identified customers' purchase events up to and including {@code end}; value is gross (qty × price). */
    public static TransactionSummary fromEvents(List<Event> events, LocalDate end) {
        Map<String, NavigableMap<Integer, Double>> daily = new TreeMap<>();
        long endDay = end.toEpochDay();
        for (Event event : events) {
            if (event.isAnonymous() || event.type() != EventType.PURCHASE) {
                continue;
            }
            int day = (int) event.ts().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
            if (day > endDay) {
                continue;
            }
            daily.computeIfAbsent(event.userId(), k -> new TreeMap<>()).merge(day, event.amount(), Double::sum);
        }
        return fromDailyValues(daily, end);
    }

    /**
     * Summarises transactions already combined per day: customer → (epoch day → value). Days after {@code end} are
     * ignored; customers with no day up to {@code end} are left out.
     */
    public static TransactionSummary fromDailyValues(Map<String, ? extends NavigableMap<Integer, Double>> daily,
                                                     LocalDate end) {
        int endDay = (int) end.toEpochDay();
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Map.Entry<String, ? extends NavigableMap<Integer, Double>> entry : daily.entrySet()) {
            double[] row = row(entry.getValue().headMap(endDay, true), endDay);
            if (row != null) {
                ids.add(entry.getKey());
                rows.add(row);
            }
        }
        int n = ids.size();
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            x[i] = row[0];
            tx[i] = row[1];
            age[i] = row[2];
            mean[i] = row[3];
        }
        return new TransactionSummary(ids.toArray(String[]::new), x, tx, age, mean);
    }

    /** One customer's {x, tx, T, mean repeat value}, or null without a transaction day. */
    static double[] row(NavigableMap<Integer, Double> days, int endDay) {
        if (days.isEmpty()) {
            return null;
        }
        int first = days.firstKey();
        int last = days.lastKey();
        int repeats = days.size() - 1;
        double repeatValue = 0;
        for (Map.Entry<Integer, Double> day : days.tailMap(first, false).entrySet()) {
            repeatValue += day.getValue();
        }
        return new double[] {
            repeats,
            (last - first) / DAYS_PER_WEEK,
            (endDay - first) / DAYS_PER_WEEK,
            repeats > 0 ? repeatValue / repeats : Double.NaN};
    }
}
