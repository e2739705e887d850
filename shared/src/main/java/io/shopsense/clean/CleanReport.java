package io.shopsense.clean;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What cleaning one upload did: the report of {@code manifests/{sourceId}.json} ({@link UploadManifest}). Always
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

        /** {@code ok} or {@code failed}, as the manifest spells it. */
        @JsonValue
        public String code() {
            return this == OK ? "ok" : "failed";
        }

        /** The status a manifest names by its code. */
        @JsonCreator
        public static Status ofCode(String code) {
            for (Status status : values()) {
                if (status.code().equals(code)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown status " + code);
        }
    }

    public CleanReport {
        // a manifest written before a count existed reads it as absent: none
        rejectsByReason = Collections.unmodifiableSortedMap(rejectsByReason == null ? new TreeMap<>()
                : new TreeMap<>(rejectsByReason));
        outputsByKind = Collections.unmodifiableSortedMap(outputsByKind == null ? new TreeMap<>()
                : new TreeMap<>(outputsByKind));
        if (rowsIn != rowsClean + rowsRejected + rowsErased + rowsHeld) {
            throw new IllegalStateException("rows do not reconcile: " + rowsIn + " != " + rowsClean + " + "
                    + rowsRejected + " + " + rowsErased + " + " + rowsHeld);
        }
    }

    /** Whether {@link #status()} is OK. */
    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * This report after the forget sweep removed erased customers' rows: {@code cleanRows} clean rows and the rejected
     * rows of {@code rejectedByReason} become erased rows (so the rows still reconcile), and the output lines they wrote
     * leave {@code outputLinesByKind}.
     */
    public CleanReport withRowsErased(long cleanRows, Map<String, Long> rejectedByReason,
                                      Map<String, Long> outputLinesByKind) {
        long rejected = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
        SortedMap<String, Long> reasons = new TreeMap<>(rejectsByReason);
        rejectedByReason.forEach((reason, n) -> {
            long left = reasons.getOrDefault(reason, 0L) - n;
            if (left > 0) {
                reasons.put(reason, left);
            } else {
                reasons.remove(reason);
            }
        });
        SortedMap<String, Long> outputs = new TreeMap<>(outputsByKind);
        outputLinesByKind.forEach((kind, lines) -> {
            if (lines > 0) {
                outputs.put(kind, Math.max(0, outputs.getOrDefault(kind, 0L) - lines));
            }
        });
        return new CleanReport(sourceId, format, encoding, bom, compression, rowsIn, rowsClean - cleanRows,
                rowsRejected - rejected, rowsErased + cleanRows + rejected, rowsHeld, heldRowsSettled, reasons, outputs,
                nonProductRows, blankLines, firstTs, lastTs, sha256, bytesIn, status, errorCode, errorMessage);
    }
}
