package io.shopsense.clean;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What cleaning one upload did: the data of {@code manifests/{sourceId}.json}. Always
 * {@code rowsIn == rowsClean + rowsRejected + rowsErased + rowsHeld}, and {@code rejectsByReason} sums to {@code rowsRejected};
 * {@code rowsErased} counts the rows of erased customers, dropped at cleaning or removed later by the forget sweep.
 *
 * <p>A row is one CSV record after the header, one JSON Lines line, or, for OTTO sessions, one event inside a session
 * line (a line that is not valid JSON counts as one rejected row). Blank lines are not rows; they are counted in
 * {@code blankLines}. A clean row may yield no event (an Online Retail postage line yields only a catalogue row,
 * counted in {@code nonProductRows}) or two (a refunded Shopify line yields purchase and refund);
 * {@code outputsByKind} counts the lines handed to {@link CleanOutput#row}.
 *
 * <p>Taobao item reports: {@code rowsHeld} counts rows set aside until an order report names their order; a later
 * upload that releases (or, after the hold window, rejects) them counts them in its own {@code rowsIn},
 * {@code rowsClean} or {@code rowsRejected}, and in {@code heldRowsSettled}. Over a run of uploads, rows read =
 * Σ(rowsIn − heldRowsSettled) = Σ(clean + rejected + erased) + rows still held.
 *
 * @param format          detected or forced format code, null if none was found
 * @param encoding        charset name (UTF-8, UTF-16LE, UTF-16BE, windows-1252, GBK), null if the bytes were not text
 * @param bom             whether a byte order mark was present (and skipped)
 * @param compression     {@code gzip} or {@code none}
 * @param firstTs         earliest event time among clean rows (ads: the hour's start), null if none
 * @param lastTs          latest event time among clean rows, null if none
 * @param sha256          hex SHA-256 of the uploaded bytes as received (compressed, if gzipped)
 * @param bytesIn         number of uploaded bytes
 * @param status          {@code ok}, or {@code failed} with {@code errorCode} and {@code errorMessage}; when failed the
 *                        counts cover the complete records read before the failure and the caller discards the outputs
 */
public record CleanReport(
        String sourceId,
        String format,
        String encoding,
        boolean bom,
        String compression,
        long rowsIn,
        long rowsClean,
        long rowsRejected,
        long rowsErased,
        long rowsHeld,
        long heldRowsSettled,
        SortedMap<String, Long> rejectsByReason,
        SortedMap<String, Long> outputsByKind,
        long nonProductRows,
        long blankLines,
        Instant firstTs,
        Instant lastTs,
        String sha256,
        long bytesIn,
        Status status,
        String errorCode,
        String errorMessage) implements java.io.Serializable {

    /** Whether the file as a whole was cleaned. */
    public enum Status {
        OK, FAILED;

        /** {@code ok} or {@code failed}. */
        public String code() {
            return this == OK ? "ok" : "failed";
        }
    }

    public CleanReport {
        rejectsByReason = Collections.unmodifiableSortedMap(new TreeMap<>(rejectsByReason));
        outputsByKind = Collections.unmodifiableSortedMap(new TreeMap<>(outputsByKind));
        if (rowsIn != rowsClean + rowsRejected + rowsErased + rowsHeld) {
            throw new IllegalStateException("rows do not reconcile: " + rowsIn + " != " + rowsClean + " + "
                    + rowsRejected + " + " + rowsErased + " + " + rowsHeld);
        }
    }

    /** Whether {@link #status()} is OK. */
    public boolean ok() {
        return status == Status.OK;
    }

    /** The manifest as one JSON object (keys as the record's components; status as its code). */
    public String toJson() {
        StringBuilder b = new StringBuilder(512);
        b.append("{\"sourceId\":");
        CanonicalJson.string(b, sourceId);
        b.append(",\"format\":");
        CanonicalJson.string(b, format);
        b.append(",\"encoding\":");
        CanonicalJson.string(b, encoding);
        b.append(",\"bom\":").append(bom);
        b.append(",\"compression\":");
        CanonicalJson.string(b, compression);
        b.append(",\"rowsIn\":").append(rowsIn);
        b.append(",\"rowsClean\":").append(rowsClean);
        b.append(",\"rowsRejected\":").append(rowsRejected);
        b.append(",\"rowsErased\":").append(rowsErased);
        b.append(",\"rowsHeld\":").append(rowsHeld);
        b.append(",\"heldRowsSettled\":").append(heldRowsSettled);
        b.append(",\"rejectsByReason\":");
        map(b, rejectsByReason);
        b.append(",\"outputsByKind\":");
        map(b, outputsByKind);
        b.append(",\"nonProductRows\":").append(nonProductRows);
        b.append(",\"blankLines\":").append(blankLines);
        b.append(",\"firstTs\":");
        CanonicalJson.string(b, firstTs == null ? null : firstTs.toString());
        b.append(",\"lastTs\":");
        CanonicalJson.string(b, lastTs == null ? null : lastTs.toString());
        b.append(",\"sha256\":");
        CanonicalJson.string(b, sha256);
        b.append(",\"bytesIn\":").append(bytesIn);
        b.append(",\"status\":\"").append(status.code()).append('"');
        b.append(",\"errorCode\":");
        CanonicalJson.string(b, errorCode);
        b.append(",\"errorMessage\":");
        CanonicalJson.string(b, errorMessage);
        return b.append('}').toString();
    }

    private static void map(StringBuilder b, SortedMap<String, Long> m) {
        b.append('{');
        boolean first = true;
        for (var e : m.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            CanonicalJson.string(b, e.getKey());
            b.append(':').append(e.getValue());
        }
        b.append('}');
    }
}
