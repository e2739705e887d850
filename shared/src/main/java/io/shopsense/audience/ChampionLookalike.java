package io.shopsense.audience;

import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The non-Champions who behave most like the Champions: nearest (Euclidean) to the Champions' centroid on
 * standardised profile features, as many as there are Champions.
 *
 * <p>Features, each z-scored over every customer with a purchase so no unit dominates:
 * <ul>
 *   <li>days since the last purchase and {@code log(1 + purchase days)}: recency and frequency, the two scores that
 *       define a Champion, so the nearest customers are the ones closest to becoming one;</li>
 *   <li>{@code log(1 + net spend)} and {@code log(1 + average order value)}: what makes Champions worth copying;
 *       logs because spend is heavy-tailed and one big order would otherwise decide the distance;</li>
 *   <li>the refund rate (refunds / revenue), so habitual returners do not pass for good customers.</li>
 * </ul>
 * CLV, churn and probability alive are left out: they are model outputs of the same recency, frequency and spend
 * and would count them twice.
 */
public final class ChampionLookalike {
    static final int FEATURES = 5;

    private ChampionLookalike() {
    }

    /** The lookalikes among {@code profiles}, nearest first (ties by id); empty without Champions or candidates. */
    public static List<Profile> of(List<Profile> profiles) {
        List<Profile> buyers = profiles.stream().filter(p -> p.segment() != null).toList();
        List<Profile> champions = buyers.stream().filter(p -> p.segment() == Segment.CHAMPIONS).toList();
        if (champions.isEmpty() || champions.size() == buyers.size()) {
            return List.of();
        }
        double[][] x = new double[buyers.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features(buyers.get(i));
        }
        standardise(x);
        double[] centroid = new double[FEATURES];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (buyers.get(i).segment() == Segment.CHAMPIONS) {
                for (int f = 0; f < FEATURES; f++) {
                    centroid[f] += x[i][f];
                }
                n++;
            }
        }
        for (int f = 0; f < FEATURES; f++) {
            centroid[f] /= n;
        }
        record Scored(Profile profile, double distance) {
        }
        List<Scored> candidates = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (buyers.get(i).segment() != Segment.CHAMPIONS) {
                candidates.add(new Scored(buyers.get(i), distance(x[i], centroid)));
            }
        }
        candidates.sort(Comparator.comparingDouble(Scored::distance)
                .thenComparing(s -> s.profile().userId()));
        return candidates.stream().limit(champions.size()).map(Scored::profile).toList();
    }

    /** The raw feature vector of a customer with a purchase, in the order the class comment lists them. */
    static double[] features(Profile p) {
        double refundRate = p.revenue() > 0 ? Math.min(1, p.refunds() / p.revenue()) : 0;
        return new double[] {
                p.recencyDays() == null ? 0 : p.recencyDays(),
                Math.log1p(p.frequency()),
                Math.log1p(Math.max(0, p.monetary())),
                Math.log1p(Math.max(0, p.averageOrderValue())),
                refundRate};
    }

    /** z-scores in place, column by column; a constant column becomes 0 (it tells no customer apart). */
    static void standardise(double[][] x) {
        for (int f = 0; f < FEATURES; f++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[f];
            }
            mean /= x.length;
            double variance = 0;
            for (double[] row : x) {
                variance += (row[f] - mean) * (row[f] - mean);
            }
            double sd = Math.sqrt(variance / x.length);
            for (double[] row : x) {
                row[f] = sd > 0 ? (row[f] - mean) / sd : 0;
            }
        }
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int f = 0; f < a.length; f++) {
            sum += (a[f] - b[f]) * (a[f] - b[f]);
        }
        return Math.sqrt(sum);
    }
}
