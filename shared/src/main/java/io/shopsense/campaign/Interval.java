package io.shopsense.campaign;

/** A two-sided interval {@code [low, high]} around an estimate. */
public record Interval(double low, double high) {
    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval low " + low + " above high " + high);
        }
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /** Whether zero lies outside: the difference is called significant at the interval's level. */
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }

    public Interval times(double factor) {
        return factor >= 0 ? new Interval(low * factor, high * factor) : new Interval(high * factor, low * factor);
    }
}
