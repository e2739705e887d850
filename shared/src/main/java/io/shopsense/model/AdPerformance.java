package io.shopsense.model;

import java.time.LocalDate;
import java.util.Objects;

/** One row of ad results: what a channel delivered for a campaign in one hour of one day. */
public record AdPerformance(
        LocalDate date,
        int hour,
        String channel,
        String campaignId,
        long impressions,
        long clicks,
        long conversions,
        double spend,
        double revenue) {

    public AdPerformance {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(channel, "channel");
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour must be 0..23, was " + hour);
        }
    }
}
