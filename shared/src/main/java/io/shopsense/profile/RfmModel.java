package io.shopsense.profile;

import io.shopsense.model.RfmScore;
import java.util.Collection;

/**
 * Quintile cuts of recency, frequency and monetary value across a shop's purchasing customers as of one date (see
 * {@link QuintileCuts} for the tie rule). Recency is scored on days since the last purchase (fewer is better),
 * frequency on distinct orders, monetary on net spend.
 */
public record RfmModel(QuintileCuts recency, QuintileCuts frequency, QuintileCuts monetary) {

    /** Cuts over the customers who purchased at least once; the others are ignored. */
    public static RfmModel fit(Collection<CustomerHistory> histories) {
        int n = 0;
        for (CustomerHistory h : histories) {
            if (h.hasPurchased()) {
                n++;
            }
        }
        double[] r = new double[n];
        double[] f = new double[n];
        double[] m = new double[n];
        int i = 0;
        for (CustomerHistory h : histories) {
            if (h.hasPurchased()) {
                r[i] = -h.recencyDays();
                f[i] = h.orders();
                m[i] = h.monetary();
                i++;
            }
        }
        return new RfmModel(QuintileCuts.of(r), QuintileCuts.of(f), QuintileCuts.of(m));
    }

    /** The customer's scores, or null when they never purchased. */
    public RfmScore score(CustomerHistory history) {
        if (!history.hasPurchased()) {
            return null;
        }
        return new RfmScore(recency.score(-history.recencyDays()), frequency.score(history.orders()),
                monetary.score(history.monetary()));
    }
}
