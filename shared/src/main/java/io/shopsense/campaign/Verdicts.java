package io.shopsense.campaign;

import java.util.Locale;

/** The one-line verdict a shop owner reads, from the uplift in percentage points and its 95% interval. */
public final class Verdicts {
    private static final char MINUS = '\u2212';

    private Verdicts() {
    }

    /**
     * {@code "+3.1 pp, 95% 1.2–5.0"} when the interval lies above zero, {@code "−2.0 pp, 95% −3.5…−0.4: the holdout
     * bought more"} when below, otherwise {@code "no effect detected yet, the interval still spans −1.2…+3.4 pp"}.
     */
    public static String of(double upliftPp, Interval ciPp) {
        if (ciPp.low() > 0) {
            return signed(upliftPp) + " pp, 95% " + plain(ciPp.low()) + "\u2013" + plain(ciPp.high());
        }
        if (ciPp.high() < 0) {
            return signed(upliftPp) + " pp, 95% " + signed(ciPp.low()) + "\u2026" + signed(ciPp.high())
                    + ": the holdout bought more";
        }
        return "no effect detected yet, the interval still spans " + signed(ciPp.low()) + "\u2026"
                + signed(ciPp.high()) + " pp";
    }

    /** A verdict when a group is empty: nothing can be compared. */
    public static String tooFew(int treatment, int holdout) {
        return "not measurable yet: " + treatment + " in treatment and " + holdout + " in the holdout";
    }

    private static String plain(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.startsWith("-") ? MINUS + text.substring(1) : text;
    }

    private static String signed(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        if (text.startsWith("-")) {
            return text.equals("-0.0") ? "0.0" : MINUS + text.substring(1);
        }
        return text.equals("0.0") ? "0.0" : "+" + text;
    }
}
