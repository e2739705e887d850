package io.shopsense.clean;

import java.util.Locale;

/** The kinds of clean rows, each with its own prefix under {@code clean/}. */
public enum RowKind {
    /** Canonical {@link io.shopsense.model.Event} rows. */
    EVENTS,
    /** Catalogue {@link io.shopsense.model.Item} rows. */
    CATALOG,
    /** Ad performance {@link io.shopsense.model.AdPerformance} rows. */
    ADS,
    // --- reviews (issue #17) ---
    /** Product {@link io.shopsense.model.Review} rows. */
    REVIEWS;

    /** The path segment used in {@code clean/{kind}/} and {@code rejects/{kind}/}: {@code events}, {@code catalog}, {@code ads}. */
    public String prefix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
