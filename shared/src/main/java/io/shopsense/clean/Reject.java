package io.shopsense.clean;

import java.util.Objects;

/**
 * One rejected source row.
 *
 * @param sourceRow 1-based record number (header excluded; for JSON Lines the line number)
 * @param raw       the record's text as decoded, without its line terminator (JSON Lines events: the event object)
 * @param reason    the stable reason code
 * @param detail    a short human explanation naming the field and value
 */
public record Reject(long sourceRow, String raw, RejectReason reason, String detail) {
    public Reject {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(reason, "reason");
    }
}
