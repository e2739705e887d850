package io.shopsense.campaign;

/** How the data are looked at, which decides the interval a verdict may rest on. */
public enum Look {
    /** One look when the window ends: the fixed-horizon (Newcombe) interval is valid. */
    SINGLE("newcombe-hybrid-score"),
    /** A look every night: only the always-valid (mixture SPRT) interval keeps the 5% false-positive rate. */
    NIGHTLY("mixture-sprt-always-valid");

    private final String method;

    Look(String method) {
        this.method = method;
    }

    /** The name of the interval method, as reports print it. */
    public String method() {
        return method;
    }
}
