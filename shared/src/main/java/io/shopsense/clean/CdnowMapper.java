package io.shopsense.clean;

import io.shopsense.model.EventType;
import java.time.Instant;

/**
 * CDNOW transactions, whitespace separated: {@code customer [sample_id] yyyymmdd quantity dollar_value} (the sample
 * file has the extra sample id, the master file a header line). The dollar value is the line total, so
 * {@code unitPrice = value / quantity}, rounded to 4 decimals. CDNOW names no items: every row is the one item
 * {@value #ITEM}. Customer ids keep their leading zeros, matching across the sample and the master file. A zero
 * dollar value is {@code NON_POSITIVE_PRICE} like any free sale; identical lines (same customer, day, quantity and
 * value) are {@code DUPLICATE}: BG/NBD counts purchase days, so this does not change frequencies.
 */
final class CdnowMapper extends RowMapper {
    static final String ITEM = "cdnow-cd";
    private final String[] tokens = new String[6];

    CdnowMapper(CleanRun run) {
        super(run);
    }

    @Override
    void map(RecordReader rec, long row) {
        CharSequence line = rec.rawView();
        if (line.length() > run.limits.maxFieldChars()) {
            reject(rec, row, RejectReason.FIELD_TOO_LONG, "line longer than " + run.limits.maxFieldChars());
            return;
        }
        int n = split(line);
        if (n != 4 && n != 5) {
            reject(rec, row, RejectReason.WRONG_COLUMN_COUNT, n + " columns, expected 4 or 5");
            return;
        }
        int base = n - 4;
        String user = CleanRun.normaliseId(tokens[0]);
        long qty = CleanRun.parseCount(tokens[base + 2]);
        if (qty == CleanRun.BAD_LONG) {
            reject(rec, row, RejectReason.BAD_NUMBER, "quantity '" + tokens[base + 2] + "' is not a whole number");
            return;
        }
        double value = CleanRun.parseAmount(tokens[base + 3]);
        if (Double.isNaN(value)) {
            reject(rec, row, RejectReason.BAD_NUMBER, "dollar value '" + tokens[base + 3] + "' is not a number");
            return;
        }
        Instant ts = tokens[base + 1].length() == 8 ? run.time.parse(tokens[base + 1]) : null;
        if (ts == null) {
            reject(rec, row, RejectReason.BAD_DATE, "date '" + tokens[base + 1] + "' is not yyyymmdd");
            return;
        }
        double unitPrice = qty == 0 ? value : Math.round(value / qty * 10_000d) / 10_000d;
        settle(rec, row, run.event(user, ITEM, EventType.PURCHASE, qty, unitPrice, true, "USD", ts, null, null,
                null, row));
    }

    private int split(CharSequence line) {
        int n = 0;
        int i = 0;
        int len = line.length();
        while (i < len) {
            while (i < len && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == len) {
                break;
            }
            int start = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (n == tokens.length) {
                return n + 1;
            }
            tokens[n++] = line.subSequence(start, i).toString();
        }
        return n;
    }
}
