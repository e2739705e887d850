package io.shopsense.clean;

import io.shopsense.model.Ids;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The one validator of an ad-result row, applied by cleaning ({@code AdsMapper}) and by the API
 * ({@code POST /campaigns/{id}/results}) to the values each has parsed, so the API refuses exactly what cleaning would
 * reject instead of answering 202 for rows that then vanish. The planner reads clicks as successes out of impressions
 * and conversions out of clicks (Beta posteriors), so counts that contradict each other are refused too.
 */
public final class AdResultRules {
    /** Largest count (impressions, clicks, conversions) one row may carry. */
    public static final long MAX_COUNT = 1_000_000_000L;
    /** Largest spend or revenue one row may carry. */
    public static final double MAX_MONEY = 1e9;
    /**
     * The header of the ad-results CSV the project writes (the results route's uploads, {@code ads simulate}), which
     * cleaning reads as ads; a file whose rows name audiences adds {@link #CSV_AUDIENCE_COLUMN} at the end.
     */
    public static final String CSV_HEADER = "date,hour,channel,campaign,impressions,clicks,conversions,spend,revenue";
    /** The last column of a file whose rows name the audience they targeted. */
    public static final String CSV_AUDIENCE_COLUMN = "audience";

    private AdResultRules() {
    }

    /** The header line (with its line break) of an ad-results CSV, with the audience column when rows name one. */
    public static String csvHeaderLine(boolean withAudience) {
        return CSV_HEADER + (withAudience ? "," + CSV_AUDIENCE_COLUMN : "") + "\n";
    }

    /**
     * Why a row is refused: the reject reason cleaning records, the field at fault and what is wrong with it (a phrase
     * that follows the field's name).
     */
    public record Problem(RejectReason reason, String field, String message) {
        /** "field message", as a reject's detail or an API error reads. */
        public String describe() {
            return field + " " + message;
        }
    }

    /**
     * Null when the row is acceptable, else its first problem. A count that did not parse is passed as -1, an amount
     * as NaN; {@code campaign} may be null (cleaning allows files without a campaign column).
     *
     * @param receivedAt when the row reached the shop's data; a row may start at most a day after it
     * @param zone       the shop's time zone, in which {@code date} and {@code hour} are read
     */
    public static Problem check(LocalDate date, long hour, String channel, String campaign, long impressions,
                                long clicks, long conversions, double spend, double revenue, Instant receivedAt,
                                ZoneId zone) {
        if (channel == null || channel.isEmpty()) {
            return new Problem(RejectReason.MISSING_FIELD, "channel", "is required");
        }
        Problem p = id(channel, "channel");
        if (p == null && campaign != null) {
            p = id(campaign, "campaign");
        }
        if (p != null) {
            return p;
        }
        if (hour < 0 || hour > 23) {
            return new Problem(RejectReason.BAD_NUMBER, "hour", "must be a whole number from 0 to 23");
        }
        p = count(impressions, "impressions");
        if (p == null) p = count(clicks, "clicks");
        if (p == null) p = count(conversions, "conversions");
        if (p == null) p = money(spend, "spend");
        if (p == null) p = money(revenue, "revenue");
        if (p != null) {
            return p;
        }
        if (clicks > impressions) {
            return new Problem(RejectReason.INCONSISTENT_COUNTS, "clicks",
                    clicks + " is above impressions " + impressions);
        }
        if (conversions > clicks) {
            return new Problem(RejectReason.INCONSISTENT_COUNTS, "conversions",
                    conversions + " is above clicks " + clicks);
        }
        Instant start = date.atTime((int) hour, 0).atZone(zone).toInstant();
        if (start.isBefore(CleanRun.EARLIEST) || start.isAfter(receivedAt.plus(1, ChronoUnit.DAYS))) {
            return new Problem(RejectReason.IMPOSSIBLE_DATE, "date",
                    date + " is before 1990 or more than a day after the results were received");
        }
        return null;
    }

    /**
     * Null when an ad row's optional audience is acceptable, else its problem: absent (null) is fine and keeps the
     * row untargeted; a present one must be an id ({@link Ids}) and, when {@code known} is given, one of those names
     * (the last audience build's); {@code known} null checks the id rule only (the command line cleans without one).
     */
    public static Problem audience(String audience, java.util.Set<String> known) {
        if (audience == null) {
            return null;
        }
        Problem p = id(audience, "audience");
        if (p != null || known == null || known.contains(audience)) {
            return p;
        }
        return new Problem(RejectReason.UNKNOWN_AUDIENCE, "audience", "'" + audience + "' is not an audience"
                + (known.isEmpty() ? " (no audiences have been built yet)" : "; GET /audiences lists them"));
    }

    private static Problem id(String value, String field) {
        if (CleanRun.formulaLike(value)) {
            return new Problem(RejectReason.FORMULA_INJECTION, field, "starts like a spreadsheet formula");
        }
        String problem = Ids.problem(value);
        return problem == null ? null : new Problem(RejectReason.BAD_ID, field, problem + "; ids are " + Ids.RULE);
    }

    private static Problem count(long value, String field) {
        return value >= 0 && value <= MAX_COUNT ? null
                : new Problem(RejectReason.BAD_NUMBER, field, "must be a whole number from 0 to " + MAX_COUNT);
    }

    private static Problem money(double value, String field) {
        return value >= 0 && value <= MAX_MONEY ? null
                : new Problem(RejectReason.BAD_NUMBER, field, "must be a number from 0 to " + (long) MAX_MONEY);
    }
}
