package io.shopsense.profile;

import io.shopsense.model.Event;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recomputes every profile and the shop-wide models as of a date: folds all events up to the end of that day, fits
 * BG/NBD, Gamma-Gamma, RFM cuts and the engagement standardisation once, then scores every customer.
 */
public final class ProfileRebuild {

    /**
     * What a rebuild produced.
     *
     * @param profiles   one per identified customer, ordered by user id
     * @param models     the fitted models, to store for incremental updates
     * @param aggregates the per-customer aggregates, to store as the base for incremental folding
     */
    public record Result(List<Profile> profiles, ProfileModels models, Map<String, CustomerAggregate> aggregates) {

        /** Customers per segment (customers without purchases have no segment and are not counted). */
        public Map<Segment, Integer> segmentCounts() {
            Map<Segment, Integer> counts = new EnumMap<>(Segment.class);
            for (Profile profile : profiles) {
                if (profile.segment() != null) {
                    counts.merge(profile.segment(), 1, Integer::sum);
                }
            }
            return counts;
        }
    }

    private final ProfileConfig config;
    private final ProfileFolder folder;
    private final BgNbdFitter bgNbdFitter;
    private final GammaGammaFitter gammaGammaFitter;

    public ProfileRebuild(ProfileConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.folder = new ProfileFolder(config);
        this.bgNbdFitter = new BgNbdFitter();
        this.gammaGammaFitter = new GammaGammaFitter();
    }

    /** Profiles of every identified customer from events up to and including {@code asOf} (UTC). */
    public Result rebuild(List<Event> events, LocalDate asOf) {
        Instant end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Event> upToAsOf = new ArrayList<>(events.size());
        for (Event event : events) {
            if (event.ts().isBefore(end)) {
                upToAsOf.add(event);
            }
        }
        Map<String, CustomerAggregate> aggregates = folder.foldAll(Map.of(), upToAsOf);
        ProfileModels models = fitModels(aggregates.values(), asOf);
        ProfileScorer scorer = new ProfileScorer(config, models);
        List<Profile> profiles = new ArrayList<>(aggregates.size());
        for (CustomerAggregate aggregate : aggregates.values()) {
            profiles.add(scorer.score(aggregate, asOf));
        }
        return new Result(List.copyOf(profiles), models, aggregates);
    }

    /** Fits the shop-wide models on stored aggregates as of a date (the nightly rebuild over the Profiles table). */
    public ProfileModels fitModels(Collection<CustomerAggregate> aggregates, LocalDate asOf) {
        List<CustomerHistory> histories = new ArrayList<>(aggregates.size());
        for (CustomerAggregate aggregate : aggregates) {
            histories.add(CustomerHistory.of(aggregate, asOf));
        }
        return fitModelsOnHistories(histories, asOf);
    }

    /**
     * Fits the shop-wide models on each customer's history as of a date: the sufficient statistics of BG/NBD,
     * Gamma-Gamma, the RFM cuts and the engagement standardisation, without the events (the Spark job collects these
     * to its driver). Give them in user-id order for results identical to {@link #rebuild}.
     */
    public ProfileModels fitModelsOnHistories(List<CustomerHistory> histories, LocalDate asOf) {
        List<CustomerHistory> buyers = new ArrayList<>();
        for (CustomerHistory h : histories) {
            if (h.hasPurchased() && h.ageWeeks() >= 0) {
                buyers.add(h);
            }
        }
        double[] x = new double[buyers.size()];
        double[] tx = new double[buyers.size()];
        double[] age = new double[buyers.size()];
        double[] mean = new double[buyers.size()];
        int repeaters = 0;
        for (int i = 0; i < buyers.size(); i++) {
            CustomerHistory h = buyers.get(i);
            x[i] = h.repeatTransactions();
            tx[i] = h.weeksToLastTransaction();
            age[i] = h.ageWeeks();
            mean[i] = h.meanRepeatValue();
            repeaters += x[i] > 0 ? 1 : 0;
        }
        BgNbdFit bg = buyers.isEmpty() ? null : bgNbdFitter.fit(x, tx, age);
        GammaGammaFit gg = repeaters == 0 ? null : gammaGammaFitter.fit(x, mean);
        return new ProfileModels(asOf, bg, gg, RfmModel.fit(histories),
                EngagementModel.fit(histories, config.engagementWeights()));
    }
}
