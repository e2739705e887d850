package io.shopsense.campaign;

import io.shopsense.model.Sha256;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Who gets a campaign and who is held out, by a stable hash: a customer's place in {@code [0, 1)} is the first 53 bits
 * of SHA-256({@code campaignId + "\n" + customerId}) read as a binary fraction, and places below the holdout share are
 * held out. The same campaign and customer always land in the same group (a replayed launch or a nightly
 * measurement re-derives the frozen split), nobody is in both, and different campaigns split independently.
 */
public final class HoldoutAssignment {
    private HoldoutAssignment() {
    }

    /** The split of a campaign's members; each list sorted by customer id and free of duplicates. */
    public record Split(String campaignId, double holdoutShare, List<String> treatment, List<String> holdout) {
        public Split {
            treatment = List.copyOf(treatment);
            holdout = List.copyOf(holdout);
        }

        public int members() {
            return treatment.size() + holdout.size();
        }
    }

    /** A customer's place in {@code [0, 1)} for one campaign. */
    public static double place(String campaignId, String customerId) {
        String hex = Sha256.hex(campaignId + "\n" + customerId, 8);
        long bits = Long.parseUnsignedLong(hex, 16);
        // Unsigned long to double: the top 53 bits carry all a double can hold.
        return (bits >>> 11) * 0x1.0p-53;
    }

    public static boolean inHoldout(String campaignId, String customerId, double holdoutShare) {
        return place(campaignId, customerId) < holdoutShare;
    }

    /** Splits the members (duplicates collapse to one) into treatment and holdout. */
    public static Split split(String campaignId, Collection<String> members, double holdoutShare) {
        requireShare(holdoutShare);
        List<String> treatment = new ArrayList<>();
        List<String> holdout = new ArrayList<>();
        for (String id : new TreeSet<>(members)) {
            (inHoldout(campaignId, id, holdoutShare) ? holdout : treatment).add(id);
        }
        return new Split(campaignId, holdoutShare, treatment, holdout);
    }

    static void requireShare(double holdoutShare) {
        if (!(holdoutShare > 0 && holdoutShare < 1)) {
            throw new IllegalArgumentException("holdout share must be between 0 and 1 (exclusive), was " + holdoutShare);
        }
    }
}
