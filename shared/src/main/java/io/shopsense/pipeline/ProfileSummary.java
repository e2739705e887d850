package io.shopsense.pipeline;

import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's customers at a glance, as of one rebuild: customers per segment, the 12-month CLV and churn
 * distributions of customers with a purchase, and how the segment counts moved since the previous rebuild. Written
 * by the nightly rebuild to {@code reports/profiles/{asOf}.json} and {@code reports/profiles/summary.json}, read by
 * the dashboard; a function of the profiles and the previous summary only, so a replayed rebuild writes the same bytes.
 *
 * @param customers  every stored customer, with or without a purchase
 * @param buyers     customers with a purchase (those with a segment)
 * @param segments   customers per segment label, every segment listed, in the segment order
 * @param clv        histogram of 12-month CLV over buyers (shop currency)
 * @param churn      histogram of churn probability over buyers
 * @param movement   change of each segment's count since the previous rebuild's summary
 */
public record ProfileSummary(LocalDate asOf, int customers, int buyers, Map<String, Integer> segments,
                             Histogram clv, Histogram churn, Movement movement) {
    /** CLV bin edges in the shop's currency; the last bin is open-ended. */
    static final double[] CLV_EDGES = {0, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};
    /** Churn probability bin edges, deciles. */
    static final double[] CHURN_EDGES = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    /**
     * Counts per bin: {@code counts[i]} holds values in {@code [edges[i], edges[i+1])}, the last bin everything from
     * its edge up, the first everything below its edge too.
     */
    public record Histogram(List<Double> edges, List<Integer> counts, double mean, double median) {
        public Histogram {
            edges = List.copyOf(edges);
            counts = List.copyOf(counts);
        }

        static Histogram of(double[] edges, double[] values) {
            int[] counts = new int[edges.length];
            double sum = 0;
            for (double v : values) {
                int bin = 0;
                while (bin + 1 < edges.length && v >= edges[bin + 1]) {
                    bin++;
                }
                counts[bin]++;
                sum += v;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double median = sorted.length == 0 ? 0 : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            return new Histogram(Arrays.stream(edges).boxed().toList(), Arrays.stream(counts).boxed().toList(),
                    values.length == 0 ? 0 : round(sum / values.length), round(median));
        }
    }

    /**
     * How segment counts changed since the previous rebuild.
     *
     * @param since  the previous rebuild's date, null for the first rebuild (then every change is 0)
     * @param change this rebuild's count minus the previous one, per segment label
     */
    public record Movement(LocalDate since, Map<String, Integer> change) {
        public Movement {
            change = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(change));
        }
    }

    public ProfileSummary {
        segments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(segments));
    }

    /** The summary of these profiles as of {@code asOf}, with the movement since {@code previous}, if any. */
    public static ProfileSummary of(LocalDate asOf, Collection<Profile> profiles, Optional<ProfileSummary> previous) {
        Map<String, Integer> segments = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            segments.put(segment.label(), 0);
        }
        List<Double> clv = new ArrayList<>();
        List<Double> churn = new ArrayList<>();
        for (Profile profile : profiles) {
            if (profile.segment() != null) {
                segments.merge(profile.segment().label(), 1, Integer::sum);
                clv.add(profile.clv12Months());
                churn.add(profile.churnProbability());
            }
        }
        Map<String, Integer> change = new LinkedHashMap<>();
        segments.forEach((label, count) -> change.put(label,
                count - previous.map(p -> p.segments().getOrDefault(label, 0)).orElse(count)));
        return new ProfileSummary(asOf, profiles.size(), clv.size(), segments,
                Histogram.of(CLV_EDGES, clv.stream().mapToDouble(Double::doubleValue).toArray()),
                Histogram.of(CHURN_EDGES, churn.stream().mapToDouble(Double::doubleValue).toArray()),
                new Movement(previous.map(ProfileSummary::asOf).orElse(null), change));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
