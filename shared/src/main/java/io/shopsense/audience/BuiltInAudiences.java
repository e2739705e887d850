package io.shopsense.audience;

import io.shopsense.model.Affinity;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The audiences every shop gets, recomputed from the profiles after each rebuild: one per RFM segment, high predicted
 * value, win-back, one per top category, a lookalike of the Champions and new customers. Thresholds are taken from
 * the profiles at hand (quintiles, medians), so they follow the shop as it grows.
 */
public final class BuiltInAudiences {
    /** How many categories (the largest by summed affinity over all customers) get an audience of their own. */
    static final int TOP_CATEGORIES = 5;
    static final double TOP_SHARE = 0.2;
    static final int NEW_CUSTOMER_DAYS = 30;
    private static final Set<Segment> WIN_BACK_SEGMENTS = EnumSet.of(Segment.AT_RISK, Segment.NEED_ATTENTION);

    /** One built-in audience before ordering: name, definition in words, members in any order. */
    public record Candidate(String name, String definition, List<Profile> members) {
    }

    private BuiltInAudiences() {
    }

    /** Every built-in audience over {@code profiles} (all scored as of {@code asOf}), in a fixed order. */
    public static List<Candidate> of(List<Profile> profiles, LocalDate asOf) {
        List<Profile> buyers = profiles.stream().filter(p -> p.segment() != null).toList();
        List<Candidate> audiences = new ArrayList<>();
        for (Segment segment : Segment.values()) {
            audiences.add(new Candidate("segment-" + Slugs.of(segment.label()),
                    "RFM segment " + segment.label(),
                    buyers.stream().filter(p -> p.segment() == segment).toList()));
        }
        audiences.add(highValue(buyers));
        audiences.add(winBack(buyers));
        audiences.addAll(categories(profiles));
        audiences.add(new Candidate("lookalike-champions",
                "the non-Champions nearest to the Champions' centroid on standardised recency, frequency, spend, "
                        + "order value and refund rate, as many as there are Champions",
                ChampionLookalike.of(profiles)));
        LocalDate since = asOf.minusDays(NEW_CUSTOMER_DAYS - 1L);
        audiences.add(new Candidate("new-customers",
                "first order in the last " + NEW_CUSTOMER_DAYS + " days (on or after " + since + ")",
                buyers.stream().filter(p -> p.firstPurchase() != null && !p.firstPurchase().isBefore(since)).toList()));
        return audiences;
    }

    /** The top 20% of buyers by 12-month CLV; a tie at the cut is kept whole. */
    static Candidate highValue(List<Profile> buyers) {
        double cut = topShareCut(buyers, Profile::clv12Months);
        return new Candidate("high-value", "top 20% of customers by 12-month CLV (CLV >= " + round(cut) + ")",
                buyers.isEmpty() ? List.of() : buyers.stream().filter(p -> p.clv12Months() >= cut).toList());
    }

    /**
     * At Risk or Need Attention, CLV above the buyers' median, and probability alive below the buyers' median: between
     * purchases BG/NBD's probability alive only falls, so below the median means it has been falling longer than for
     * most customers, while the CLV says they are still worth winning back.
     */
    static Candidate winBack(List<Profile> buyers) {
        double clvMedian = median(buyers, Profile::clv12Months);
        double aliveMedian = median(buyers, Profile::probabilityAlive);
        return new Candidate("win-back", "At Risk or Need Attention with 12-month CLV above the median ("
                + round(clvMedian) + ") and probability alive below the median (" + round(aliveMedian) + ")",
                buyers.stream().filter(p -> WIN_BACK_SEGMENTS.contains(p.segment()))
                        .filter(p -> p.clv12Months() > clvMedian && p.probabilityAlive() < aliveMedian).toList());
    }

    /**
     * One audience per top category: customers whose decayed affinity for it is in the top quintile of the customers
     * with any affinity for it.
     */
    static List<Candidate> categories(List<Profile> profiles) {
        Map<String, Double> totals = new TreeMap<>();
        for (Profile p : profiles) {
            for (Affinity a : p.topCategories()) {
                totals.merge(a.key(), a.score(), Double::sum);
            }
        }
        List<String> top = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CATEGORIES).map(Map.Entry::getKey).toList();
        List<Candidate> audiences = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (String category : top) {
            List<Profile> fans = profiles.stream().filter(p -> Condition.affinity(p, category) > 0).toList();
            double cut = topShareCut(fans, p -> Condition.affinity(p, category));
            String name = "category-" + Slugs.of(category);
            if (!names.add(name)) {
                name = name + "-" + io.shopsense.model.Sha256.hex(category, 3); // two labels with one slug
                names.add(name);
            }
            audiences.add(new Candidate(name, "top quintile of decayed affinity for category " + category
                    + " (score >= " + round(cut) + ")",
                    fans.stream().filter(p -> Condition.affinity(p, category) >= cut).toList()));
        }
        return audiences;
    }

    /** The value at rank ⌈20% × n⌉ from the top: everyone at or above it is in the top share. */
    static double topShareCut(List<Profile> profiles, ToDoubleFunction<Profile> value) {
        if (profiles.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double[] values = profiles.stream().mapToDouble(value).sorted().toArray();
        int take = (int) Math.ceil(TOP_SHARE * values.length);
        return values[values.length - take];
    }

    static double median(List<Profile> profiles, ToDoubleFunction<Profile> value) {
        double[] v = profiles.stream().mapToDouble(value).toArray();
        if (v.length == 0) {
            return 0;
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Orders members for paging and exports: highest CLV first, then by id. */
    static final Comparator<Profile> BY_CLV = Comparator.comparingDouble(Profile::clv12Months).reversed()
            .thenComparing(Profile::userId);
}
