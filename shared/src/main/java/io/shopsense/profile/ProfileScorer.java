package io.shopsense.profile;

import io.shopsense.model.Affinity;
import io.shopsense.model.Profile;
import io.shopsense.model.RfmScore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Turns one customer's aggregate into the profile shown to a marketer, against models fitted on the whole shop.
 * Used by the rebuild for everyone and by incremental updates for the customers a file or live event touched.
 * BG/NBD and Gamma-Gamma describe customers after their first purchase: someone who only browsed gets probability
 * alive 0, expected purchases 0, CLV 0 and churn probability 1.
 */
public final class ProfileScorer {

    private static final int CLV_MONTHS = 12;
    private static final double CHURN_HORIZON_DAYS = 90;

    private final ProfileConfig config;
    private final ProfileModels models;

    public ProfileScorer(ProfileConfig config, ProfileModels models) {
        this.config = Objects.requireNonNull(config, "config");
        this.models = Objects.requireNonNull(models, "models");
    }

    /**
     * The profile of {@code aggregate} as of the end of {@code asOf} (UTC): recency counts whole days to {@code asOf},
     * and affinities are decayed to the first instant after it.
     */
    public Profile score(CustomerAggregate aggregate, LocalDate asOf) {
        CustomerHistory h = CustomerHistory.of(aggregate, asOf);
        RfmScore rfm = models.rfm().score(h);
        Predictions p = predict(h);
        Instant endOfDay = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        double halfLife = config.halfLifeDays();
        List<Affinity> categories = aggregate.categoryScores().top(endOfDay, halfLife, config.topCategories());
        List<Affinity> items = aggregate.itemScores().top(endOfDay, halfLife, config.topItems());
        return new Profile(h.userId(), asOf, h.recencyDays(), h.frequency(), h.monetary(), h.firstPurchase(),
                h.lastPurchase(), h.orders(), h.units(), h.revenue(), h.refunds(), h.averageOrderValue(),
                h.averageDaysBetweenOrders(), h.preferredHour(), h.preferredWeekday(), h.channelMix(), rfm,
                SegmentRules.segmentOf(rfm), p.alive, p.next30, p.next90, p.next365, p.churn, p.expectedValue, p.clv,
                categories, items, models.engagement().score(h), aggregate.ratingsGiven().size(),
                averageRating(aggregate));
    }

    /**
     * {@code profile} with the review figures of {@code aggregate}: a profile scored from events alone (the Spark
     * job's) completed with the ratings the stored aggregate holds, as {@link #score} would show them.
     */
    public static Profile withRatingsOf(Profile p, CustomerAggregate aggregate) {
        return new Profile(p.userId(), p.asOf(), p.recencyDays(), p.frequency(), p.monetary(), p.firstPurchase(),
                p.lastPurchase(), p.orders(), p.units(), p.revenue(), p.refunds(), p.averageOrderValue(),
                p.averageDaysBetweenOrders(), p.preferredHour(), p.preferredWeekday(), p.channelMix(), p.rfm(),
                p.segment(), p.probabilityAlive(), p.expectedPurchases30(), p.expectedPurchases90(),
                p.expectedPurchases365(), p.churnProbability(), p.expectedAverageOrderValue(), p.clv12Months(),
                p.topCategories(), p.topItems(), p.engagementScore(), aggregate.ratingsGiven().size(),
                averageRating(aggregate));
    }

    /** The mean of the customer's latest rating per item; null without reviews. */
    static Double averageRating(CustomerAggregate aggregate) {
        return aggregate.ratingsGiven().isEmpty() ? null : aggregate.ratingsGiven().values().stream()
                .mapToInt(CustomerAggregate.RatingGiven::rating).average().orElseThrow();
    }

    private record Predictions(double alive, double next30, double next90, double next365, double churn,
                               double expectedValue, double clv) {
    }

    private Predictions predict(CustomerHistory h) {
        if (!h.hasPurchased()) {
            return new Predictions(0, 0, 0, 0, 1, 0, 0);
        }
        double x = h.repeatTransactions();
        double tx = h.weeksToLastTransaction();
        double age = h.ageWeeks();
        double expectedValue = expectedValue(h);
        if (models.bgNbd() == null) {
            return new Predictions(0, 0, 0, 0, 1, expectedValue, 0);
        }
        BgNbdModel bg = models.bgNbd().model();
        return new Predictions(
                bg.probabilityAlive(x, tx, age),
                bg.expectedPurchases(30 / 7.0, x, tx, age),
                bg.expectedPurchases(90 / 7.0, x, tx, age),
                bg.expectedPurchases(365 / 7.0, x, tx, age),
                bg.probabilityNoPurchase(CHURN_HORIZON_DAYS / 7.0, x, tx, age),
                expectedValue,
                LifetimeValue.of(bg, x, tx, age, expectedValue, CLV_MONTHS, config.monthlyDiscountRate()));
    }

    /** Gamma-Gamma E[M | x, m̄]; the customer's own average order value when the model is missing or undefined. */
    private double expectedValue(CustomerHistory h) {
        if (models.gammaGamma() != null) {
            double value = models.gammaGamma().model().expectedAverageValue(h.repeatTransactions(), h.meanRepeatValue());
            if (Double.isFinite(value) && value > 0) {
                return value;
            }
        }
        return h.averageOrderValue();
    }
}
