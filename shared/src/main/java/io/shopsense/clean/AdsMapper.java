package io.shopsense.clean;

import io.shopsense.model.AdPerformance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Ad performance CSV: date, hour (optional: 0 for daily rows), channel, campaign, impressions, clicks, conversions,
 * spend, revenue, and optionally audience (the audience the ads targeted: an audience name, checked against the
 * request's known audiences; a row without one is untargeted, as before). The row rules (ids, ranges, consistent counts, plausible date) are {@link AdResultRules}, shared
 * with the API; the date is read in the shop's zone and the row is partitioned by it; the channel is lower-cased. An
 * exact repeat of an earlier row is {@code DUPLICATE}.
 */
final class AdsMapper extends RowMapper {
    private final int date;
    private final int hour;
    private final int channel;
    private final int campaign;
    private final int impressions;
    private final int clicks;
    private final int conversions;
    private final int spend;
    private final int revenue;
    private final int audience;
    private final StringBuilder key = new StringBuilder();

    AdsMapper(CleanRun run, String[] header) throws InputDecoder.FileFailure {
        super(run);
        date = required(header, "date", "date", "day");
        hour = column(header, "hour");
        channel = required(header, "channel", "channel", "source");
        campaign = column(header, "campaign", "campaignid", "campaignname");
        impressions = required(header, "impressions", "impressions", "impr");
        clicks = required(header, "clicks", "clicks");
        conversions = column(header, "conversions", "conv");
        spend = required(header, "spend", "spend", "cost");
        revenue = column(header, "revenue", "conversionvalue", "value");
        audience = column(header, "audience", "audiencename");
    }

    @Override
    void map(RecordReader rec, long row) {
        String ch = CleanRun.normaliseId(rec.field(channel));
        String camp = CleanRun.normaliseId(cell(rec, campaign));
        if (ch == null || rec.isBlank(date)) {
            reject(rec, row, RejectReason.MISSING_FIELD, ch == null ? "no channel" : "no date");
            return;
        }
        Instant day = run.time.parse(rec.field(date));
        if (day == null) {
            reject(rec, row, RejectReason.BAD_DATE, "date '" + rec.field(date) + "' is not a date");
            return;
        }
        LocalDate d = LocalDate.ofInstant(day, run.request.zone());
        long h = hour < 0 || rec.isBlank(hour) ? 0 : CleanRun.parseCount(rec.field(hour));
        long imp = count(rec, impressions);
        long clk = count(rec, clicks);
        long conv = count(rec, conversions);
        double sp = money(rec, spend);
        double rev = money(rec, revenue);
        AdResultRules.Problem problem = AdResultRules.check(d, h, ch, camp, imp, clk, conv, sp, rev, run.receivedAt,
                run.request.zone());
        String aud = CleanRun.normaliseId(cell(rec, audience));
        aud = aud == null ? null : aud.toLowerCase(Locale.ROOT);
        if (problem == null) {
            problem = AdResultRules.audience(aud, run.request.audiences());
        }
        if (problem != null) {
            reject(rec, row, problem.reason(), problem.describe());
            return;
        }
        Instant start = d.atTime((int) h, 0).atZone(run.request.zone()).toInstant();
        AdPerformance ad = new AdPerformance(d, (int) h, ch.toLowerCase(Locale.ROOT), camp, imp, clk, conv, sp, rev,
                aud);
        String json = CanonicalJson.adLine(ad);
        key.setLength(0);
        key.append(json);
        if (run.duplicateInFile(run.contentHash(key))) {
            reject(rec, row, RejectReason.DUPLICATE, "same ad row as an earlier row of this file");
            return;
        }
        run.write(RowKind.ADS, d, json);
        run.seen(start);
        run.accept();
    }

    private static long count(RecordReader rec, int i) {
        if (i < 0 || rec.isBlank(i)) {
            return 0;
        }
        long v = CleanRun.parseCount(rec.field(i));
        return v == CleanRun.BAD_LONG ? -1 : v;
    }

    private static double money(RecordReader rec, int i) {
        if (i < 0 || rec.isBlank(i)) {
            return 0;
        }
        return CleanRun.parseAmount(rec.field(i)); // NaN when not a number; the range is AdResultRules'
    }
}
