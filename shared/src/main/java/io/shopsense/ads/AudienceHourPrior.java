package io.shopsense.ads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders of one visitor type placed in one hour of the day: the simulator's ground truth for how an audience's
 * response differs by hour. Derived from the UCI Online Retail data (Chen 2012, CC BY 4.0), the only data here with
 * purchase times and repeat customers: every invoice of a known customer (cancellations, {@code C…}, left out)
 * counted once, at its {@code InvoiceDate} hour, as {@code New_Visitor} when it is the customer's first invoice and
 * {@code Returning_Visitor} otherwise, the visitor types of the UCI Online Shoppers data that {@link AudiencePrior}
 * reads by channel: a new visitor who buys places a first order ({@code ads/online-retail-order-hours.csv}).
 */
public record AudienceHourPrior(String visitorType, int hour, long orders) {

    /** Header of the derived aggregate file. */
    public static final String HEADER = "visitor_type,hour,orders";
    static final String NEW = "New_Visitor";
    static final String RETURNING = "Returning_Visitor";

    /**
     * Counts the raw Online Retail CSV ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
     * CustomerID,Country}, dates {@code yyyy-MM-dd HH:mm:ss}). Fields are taken from both ends, so a quoted comma in
     * the description moves nothing; rows without a customer or with a cancelled invoice are skipped. A customer's
     * first invoice is the earliest by date, then invoice number.
     */
    public static List<AudienceHourPrior> aggregateRetail(Reader raw) throws IOException {
        BufferedReader in = new BufferedReader(raw);
        String header = in.readLine();
        if (header == null) {
            return List.of();
        }
        Map<String, String[]> invoices = new HashMap<>(); // invoice → customer, timestamp (first line seen)
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cells = line.strip().split(",", -1);
            if (cells.length < 8) {
                continue;
            }
            String invoice = cells[0];
            String customer = cells[cells.length - 2];
            String date = cells[cells.length - 4];
            if (customer.isEmpty() || invoice.startsWith("C") || date.length() < 13) {
                continue;
            }
            invoices.putIfAbsent(invoice, new String[] {customer, date});
        }
        Map<String, String[]> first = new HashMap<>(); // customer → (timestamp, invoice) of the first invoice
        invoices.forEach((invoice, v) -> first.merge(v[0], new String[] {v[1], invoice},
                (a, b) -> compare(a, b) <= 0 ? a : b));
        long[][] counts = new long[2][CellPosteriors.HOURS];
        invoices.forEach((invoice, v) -> {
            String[] earliest = first.get(v[0]);
            int type = earliest[1].equals(invoice) ? 0 : 1;
            counts[type][Integer.parseInt(v[1].substring(11, 13))]++;
        });
        List<AudienceHourPrior> priors = new ArrayList<>();
        for (int h = 0; h < CellPosteriors.HOURS; h++) {
            priors.add(new AudienceHourPrior(NEW, h, counts[0][h]));
        }
        for (int h = 0; h < CellPosteriors.HOURS; h++) {
            priors.add(new AudienceHourPrior(RETURNING, h, counts[1][h]));
        }
        return priors;
    }

    private static int compare(String[] a, String[] b) {
        int byTime = a[0].compareTo(b[0]);
        return byTime != 0 ? byTime : a[1].compareTo(b[1]);
    }

    /** Reads the derived aggregate CSV ({@link #HEADER}); comment lines start with {@code #}. */
    public static List<AudienceHourPrior> readAggregates(Reader aggregates) throws IOException {
        BufferedReader in = new BufferedReader(aggregates);
        List<AudienceHourPrior> priors = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("visitor_type")) {
                continue;
            }
            String[] cells = line.strip().split(",");
            priors.add(new AudienceHourPrior(cells[0], Integer.parseInt(cells[1]), Long.parseLong(cells[2])));
        }
        return priors;
    }

    /** The derived aggregate CSV, header included. */
    public static String toCsv(List<AudienceHourPrior> priors) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (AudienceHourPrior p : priors) {
            out.append(String.format(Locale.ROOT, "%s,%d,%d%n", p.visitorType, p.hour, p.orders));
        }
        return out.toString();
    }

    /**
     * Each visitor type's conversion multiplier by hour, {@code [type × 24 + hour]} in the order of {@code types}:
     * its share of orders in the hour over everyone's, i.e. observed orders {@code O} over {@code E = N_type · p(h)},
     * as a gamma–Poisson ratio {@code (m + O) / (m + E)} whose prior strength {@code m} is estimated over every
     * type × hour ({@link GammaPosterior#ratioPriorStrength}). Differences no larger than Poisson noise leave every
     * ratio at 1, and an hour nobody ordered in is 1. A type missing from the priors is 1 throughout. Reading a
     * difference in when a type buys as a difference in how it converts assumes every type's ads reach it on the same
     * hourly curve.
     */
    public static double[] conversionRatios(List<AudienceHourPrior> priors, List<String> types) {
        int hours = CellPosteriors.HOURS;
        double[] observed = new double[types.size() * hours];
        for (AudienceHourPrior p : priors) {
            int t = types.indexOf(p.visitorType);
            if (t >= 0 && p.hour >= 0 && p.hour < hours) {
                observed[t * hours + p.hour] += p.orders;
            }
        }
        double[] typeTotal = new double[types.size()];
        double[] hourTotal = new double[hours];
        double all = 0;
        for (int i = 0; i < observed.length; i++) {
            typeTotal[i / hours] += observed[i];
            hourTotal[i % hours] += observed[i];
            all += observed[i];
        }
        double[] expected = new double[observed.length];
        for (int i = 0; i < observed.length; i++) {
            expected[i] = all > 0 ? typeTotal[i / hours] * hourTotal[i % hours] / all : 0;
        }
        double m = GammaPosterior.ratioPriorStrength(observed, expected);
        double[] ratio = new double[observed.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = (m + observed[i]) / (m + expected[i]);
        }
        return ratio;
    }

    /** Orders per visitor type, for reports. */
    public static Map<String, Long> ordersByType(List<AudienceHourPrior> priors) {
        Map<String, Long> totals = new TreeMap<>();
        priors.forEach(p -> totals.merge(p.visitorType, p.orders, Long::sum));
        return totals;
    }
}
