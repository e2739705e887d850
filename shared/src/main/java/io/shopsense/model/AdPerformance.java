package io.shopsense.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of ad results: what a channel delivered for a campaign in one hour of one day.
 *
 * @param audience the audience the ads were targeted at ({@code audiences/index.json} names), or null for results
 *                 that name none (the campaign reached whoever the channel brought)
 */
public record AdPerformance(
        LocalDate date,
        int hour,
        String channel,
        String campaignId,
        long impressions,
        long clicks,
        long conversions,
        double spend,
        double revenue,
        String audience) {

    /** A row without an audience. */
    public AdPerformance(LocalDate date, int hour, String channel, String campaignId, long impressions, long clicks,
                         long conversions, double spend, double revenue) {
        this(date, hour, channel, campaignId, impressions, clicks, conversions, spend, revenue, null);
    }

    public AdPerformance {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(channel, "channel");
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23, was " + hour);
        }
    }
}
