package io.shopsense.clean;

/**
 * Limits that bound what one row may be and how much memory one file may use.
 *
 * @param outlierQuantity  quantities above this (in absolute value) are rejected as {@code OUTLIER_QUANTITY}
 * @param maxFieldChars    longest field or JSON string value accepted ({@code FIELD_TOO_LONG} beyond)
 * @param maxRecordChars   longest record kept in memory; longer records are rejected with their text truncated here
 * @param fileDedupEntries how many event ids one file remembers for in-file deduplication (oldest forgotten first)
 */
public record CleanLimits(int outlierQuantity, int maxFieldChars, int maxRecordChars, int fileDedupEntries) {

    /** 10,000 units, 4 KB fields, 1 MB records, 4 million ids (about 64 MB at most, allocated as the file grows). */
    public static final CleanLimits DEFAULT = new CleanLimits(10_000, 4096, 1 << 20, 4_000_000);

    public CleanLimits {
        if (outlierQuantity < 1 || maxFieldChars < 1 || maxRecordChars < maxFieldChars || fileDedupEntries < 1) {
            throw new IllegalArgumentException("limits must be positive and maxRecordChars >= maxFieldChars");
        }
    }
}
