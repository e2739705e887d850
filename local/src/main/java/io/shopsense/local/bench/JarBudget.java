package io.shopsense.local.bench;

/**
 * The size bar of a function's deployment jar (docs/architecture.md §6), read the stricter way: 20 decimal megabytes,
 * 20,000,000 bytes (20 MiB would allow 20,971,520). Sizes are reported in the same unit.
 */
public final class JarBudget {
    public static final long GOAL_BYTES = 20_000_000L;
    public static final int GOAL_MB = 20;

    private JarBudget() {
    }

    /** Decimal megabytes (10^6 bytes), to two places. */
    public static double megabytes(long bytes) {
        return Math.round(bytes / 10_000.0) / 100.0;
    }

    public static boolean withinGoal(long bytes) {
        return bytes <= GOAL_BYTES;
    }
}
