package io.shopsense.recommend;

import java.util.Locale;

/** Whether items a customer already bought may be recommended (and count as hits) in an offline evaluation. */
public enum EvaluationMode {
    /** Repeat purchases are allowed: bought items stay candidates and count as hits when bought again. */
    REPEATS_ALLOWED("repeats"),
    /** Bought items are excluded from the ranking, and from the held-out truth of the user who bought them. */
    BOUGHT_EXCLUDED("exclude");

    private final String code;

    EvaluationMode(String code) {
        this.code = code;
    }

    /** The short name used in configuration and on the command line: {@code repeats} or {@code exclude}. */
    public String code() {
        return code;
    }

    /** The mode named by {@link #code()}; fails with the accepted names otherwise. */
    public static EvaluationMode fromCode(String code) {
        for (EvaluationMode mode : values()) {
            if (mode.code.equals(code.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode " + code + " (expected repeats or exclude)");
    }

    /** The serving filter that matches this mode: bought items come back, or never do. */
    public RepeatPolicy servingPolicy() {
        return this == REPEATS_ALLOWED ? RepeatPolicy.alwaysRepeat() : RepeatPolicy.neverRepeat();
    }
}
