package io.shopsense.profile;

import io.shopsense.model.RfmScore;
import io.shopsense.model.Segment;

/**
 * The one table that maps RFM scores to a named segment. It reads recency (rows) and frequency (columns) only, as the
 * common RFM grid does; the monetary score is shown on the profile but does not move a customer between segments.
 *
 * <pre>
 * | R \ F | 1              | 2                  | 3                  | 4         | 5         |
 * |-------|----------------|--------------------|--------------------|-----------|-----------|
 * | 5     | New            | Potential Loyalist | Potential Loyalist | Champions | Champions |
 * | 4     | New            | Potential Loyalist | Potential Loyalist | Loyal     | Loyal     |
 * | 3     | Need Attention | Need Attention     | Need Attention     | Loyal     | Loyal     |
 * | 2     | Hibernating    | Hibernating        | At Risk            | At Risk   | At Risk   |
 * | 1     | Lost           | Lost               | At Risk            | At Risk   | At Risk   |
 * </pre>
 */
public final class SegmentRules {

    private static final Segment N = Segment.NEW;
    private static final Segment P = Segment.POTENTIAL_LOYALIST;
    private static final Segment C = Segment.CHAMPIONS;
    private static final Segment L = Segment.LOYAL;
    private static final Segment A = Segment.NEED_ATTENTION;
    private static final Segment R = Segment.AT_RISK;
    private static final Segment H = Segment.HIBERNATING;
    private static final Segment X = Segment.LOST;

    /** GRID[5 − recency][frequency − 1], laid out as the table above reads. */
    private static final Segment[][] GRID = {
        {N, P, P, C, C},
        {N, P, P, L, L},
        {A, A, A, L, L},
        {H, H, R, R, R},
        {X, X, R, R, R},
    };

    private SegmentRules() {
    }

    /** The segment of a recency and frequency score, each 1..5. */
    public static Segment segmentOf(int recency, int frequency) {
        if (recency < 1 || recency > 5 || frequency < 1 || frequency > 5) {
            throw new IllegalArgumentException("scores must be 1..5, were R=" + recency + " F=" + frequency);
        }
        return GRID[5 - recency][frequency - 1];
    }

    /** The segment of a customer's scores, or null without scores (a customer who never purchased). */
    public static Segment segmentOf(RfmScore score) {
        return score == null ? null : segmentOf(score.recency(), score.frequency());
    }

    /** The table as Markdown, generated from the same grid, for the README. */
    public static String markdownTable() {
        StringBuilder out = new StringBuilder("| R \\ F | 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|---|\n");
        for (int r = 5; r >= 1; r--) {
            out.append("| ").append(r).append(' ');
            for (int f = 1; f <= 5; f++) {
                out.append("| ").append(segmentOf(r, f).label()).append(' ');
            }
            out.append("|\n");
        }
        return out.toString();
    }
}
