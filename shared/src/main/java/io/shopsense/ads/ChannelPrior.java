package io.shopsense.ads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Conversion counts of one traffic source on weekdays and at weekends, the simulator's ground truth for a channel.
 * Derived from the UCI Online Shoppers Purchasing Intention data (Sakar et al. 2019, CC BY 4.0): conversion rate =
 * mean {@code Revenue} by {@code TrafficType} and {@code Weekend}.
 */
public record ChannelPrior(String trafficType, long weekdaySessions, long weekdayPurchases, long weekendSessions,
                           long weekendPurchases) {

    /** Header of the derived aggregate file written by {@link #toCsv} and read by {@link #readAggregates}. */
    public static final String HEADER = "traffic_type,weekend,sessions,purchases,conversion_rate";

    public double weekdayRate() {
        return weekdaySessions == 0 ? 0 : (double) weekdayPurchases / weekdaySessions;
    }

    public double weekendRate() {
        return weekendSessions == 0 ? 0 : (double) weekendPurchases / weekendSessions;
    }

    public long sessions() {
        return weekdaySessions + weekendSessions;
    }

    /** Aggregates the raw {@code online_shoppers_intention.csv} (header row; TrafficType, Weekend, Revenue columns). */
    public static List<ChannelPrior> aggregateRaw(Reader raw) throws IOException {
        BufferedReader in = new BufferedReader(raw);
        String header = in.readLine();
        if (header == null) {
            return List.of();
        }
        List<String> names = List.of(header.strip().split(","));
        int traffic = require(names, "TrafficType");
        int weekend = require(names, "Weekend");
        int revenue = require(names, "Revenue");
        Map<String, long[]> counts = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cells = line.strip().split(",");
            if (cells.length <= Math.max(traffic, Math.max(weekend, revenue))) {
                continue;
            }
            long[] c = counts.computeIfAbsent(cells[traffic], k -> new long[4]);
            int offset = Boolean.parseBoolean(cells[weekend].toLowerCase(Locale.ROOT)) ? 2 : 0;
            c[offset]++;
            if (Boolean.parseBoolean(cells[revenue].toLowerCase(Locale.ROOT))) {
                c[offset + 1]++;
            }
        }
        List<ChannelPrior> priors = new ArrayList<>();
        counts.forEach((type, c) -> priors.add(new ChannelPrior(type, c[0], c[1], c[2], c[3])));
        return priors;
    }

    /** Reads the derived aggregate CSV ({@link #HEADER}); comment lines start with {@code #}. */
    public static List<ChannelPrior> readAggregates(Reader aggregates) throws IOException {
        BufferedReader in = new BufferedReader(aggregates);
        Map<String, long[]> counts = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("traffic_type")) {
                continue;
            }
            String[] cells = line.strip().split(",");
            long[] c = counts.computeIfAbsent(cells[0], k -> new long[4]);
            int offset = Boolean.parseBoolean(cells[1]) ? 2 : 0;
            c[offset] = Long.parseLong(cells[2]);
            c[offset + 1] = Long.parseLong(cells[3]);
        }
        List<ChannelPrior> priors = new ArrayList<>();
        counts.forEach((type, c) -> priors.add(new ChannelPrior(type, c[0], c[1], c[2], c[3])));
        return priors;
    }

    /** The derived aggregate CSV for these priors, header included. */
    public static String toCsv(List<ChannelPrior> priors) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (ChannelPrior p : priors) {
            out.append(String.format(Locale.ROOT, "%s,false,%d,%d,%.6f%n", p.trafficType, p.weekdaySessions,
                    p.weekdayPurchases, p.weekdayRate()));
            out.append(String.format(Locale.ROOT, "%s,true,%d,%d,%.6f%n", p.trafficType, p.weekendSessions,
                    p.weekendPurchases, p.weekendRate()));
        }
        return out.toString();
    }

    private static int require(List<String> names, String column) throws IOException {
        int i = names.indexOf(column);
        if (i < 0) {
            throw new IOException("column " + column + " missing from online shoppers header");
        }
        return i;
    }
}
