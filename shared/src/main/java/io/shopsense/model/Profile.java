package io.shopsense.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a customer's profile shows, as of one date: purchase history, RFM scores and segment, the BG/NBD and
 * Gamma-Gamma predictions, affinities and the engagement score. Fields about purchases are null (or zero) for a
 * customer who has only browsed.
 *
 * @param userId                   the customer
 * @param asOf                     the date the profile describes (events up to and including this day)
 * @param recencyDays              days from the last purchase to {@code asOf}; null without purchases
 * @param frequency                distinct days with a purchase (same-day purchases are one transaction)
 * @param monetary                 net spend: purchase revenue minus refunds
 * @param firstPurchase            day of the first purchase (UTC); null without purchases
 * @param lastPurchase             day of the last purchase (UTC); null without purchases
 * @param orders                   distinct order ids (a purchase without an order id counts its day as the order)
 * @param units                    units bought
 * @param revenue                  gross purchase revenue
 * @param refunds                  refunded amount, as a positive number
 * @param averageOrderValue        revenue / orders; 0 without orders
 * @param averageDaysBetweenOrders days from first to last purchase day / (purchase days − 1); null below two days
 * @param preferredHour            the UTC hour with most purchases (most events when none); null without events
 * @param preferredWeekday         the UTC weekday with most purchases (most events when none); null without events
 * @param channelMix               share of the customer's events per channel, summing to 1 (empty when unknown)
 * @param rfm                      quintile scores; null without purchases
 * @param segment                  named RFM segment; null without purchases
 * @param probabilityAlive         BG/NBD probability that the customer has not dropped out
 * @param expectedPurchases30      BG/NBD expected purchase days in the next 30 days
 * @param expectedPurchases90      … next 90 days
 * @param expectedPurchases365     … next 365 days
 * @param churnProbability         probability of no purchase in the next 90 days
 * @param expectedAverageOrderValue Gamma-Gamma expected value of a future transaction
 * @param clv12Months              discounted expected spend over the next 12 months
 * @param topCategories            strongest category affinities, best first
 * @param topItems                 strongest item affinities, best first
 * @param engagementScore          weighted sum of standardised behaviour features (0 is the shop's average)
 * @param ratingsGiven             items the customer rated in reviews (their latest rating of each)
 * @param averageRatingGiven       the mean of those ratings, 1-5; null when they reviewed nothing
 */
public record Profile(
        String userId,
        LocalDate asOf,
        Integer recencyDays,
        int frequency,
        double monetary,
        LocalDate firstPurchase,
        LocalDate lastPurchase,
        int orders,
        long units,
        double revenue,
        double refunds,
        double averageOrderValue,
        Double averageDaysBetweenOrders,
        Integer preferredHour,
        DayOfWeek preferredWeekday,
        Map<String, Double> channelMix,
        RfmScore rfm,
        Segment segment,
        double probabilityAlive,
        double expectedPurchases30,
        double expectedPurchases90,
        double expectedPurchases365,
        double churnProbability,
        double expectedAverageOrderValue,
        double clv12Months,
        List<Affinity> topCategories,
        List<Affinity> topItems,
        double engagementScore,
        int ratingsGiven,
        Double averageRatingGiven) {

    public Profile {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(asOf, "asOf");
        channelMix = Map.copyOf(channelMix);
        topCategories = List.copyOf(topCategories);
        topItems = List.copyOf(topItems);
    }

    /** A profile of a customer who has reviewed nothing (the shape before reviews: issue #17). */
    public Profile(String userId, LocalDate asOf, Integer recencyDays, int frequency, double monetary,
                   LocalDate firstPurchase, LocalDate lastPurchase, int orders, long units, double revenue,
                   double refunds, double averageOrderValue, Double averageDaysBetweenOrders, Integer preferredHour,
                   DayOfWeek preferredWeekday, Map<String, Double> channelMix, RfmScore rfm, Segment segment,
                   double probabilityAlive, double expectedPurchases30, double expectedPurchases90,
                   double expectedPurchases365, double churnProbability, double expectedAverageOrderValue,
                   double clv12Months, List<Affinity> topCategories, List<Affinity> topItems,
                   double engagementScore) {
        this(userId, asOf, recencyDays, frequency, monetary, firstPurchase, lastPurchase, orders, units, revenue,
                refunds, averageOrderValue, averageDaysBetweenOrders, preferredHour, preferredWeekday, channelMix, rfm,
                segment, probabilityAlive, expectedPurchases30, expectedPurchases90, expectedPurchases365,
                churnProbability, expectedAverageOrderValue, clv12Months, topCategories, topItems, engagementScore, 0,
                null);
    }
}
