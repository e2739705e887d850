package io.shopsense.clean;

import java.time.LocalDate;

/**
 * Where cleaning writes: the caller decides the storage (S3 multipart parts, local files, a list in a test). Calls
 * arrive in file order from one thread. When the report's status is {@code failed} the caller should discard what it
 * received (abort the multipart upload): the counts stay reconciled, but the file was not read to its end.
 */
public interface CleanOutput {

    /**
     * One clean canonical row.
     *
     * @param kind     which {@code clean/{kind}/} prefix it belongs to
     * @param dt       its Hive partition date ({@code dt=YYYY-MM-DD}): the UTC date of an event, the date of an ad row,
     *                 the shop-zone date the upload was received for catalogue rows
     * @param jsonLine one JSON object, no trailing newline, as written by {@link CanonicalJson}
     */
    void row(RowKind kind, LocalDate dt, String jsonLine);

    /** One rejected row, kept with its raw text and reason; {@link CanonicalJson#rejectLine} renders it. */
    void reject(Reject reject);
}
