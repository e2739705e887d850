package io.shopsense.model;

/**
 * A named RFM segment of a shop's customers. Which recency and frequency scores map to which segment is decided in
 * one place, {@code io.shopsense.profile.SegmentRules}.
 */
public enum Segment {
    CHAMPIONS("Champions"),
    LOYAL("Loyal"),
    POTENTIAL_LOYALIST("Potential Loyalist"),
    NEW("New"),
    NEED_ATTENTION("Need Attention"),
    AT_RISK("At Risk"),
    HIBERNATING("Hibernating"),
    LOST("Lost");

    private final String label;

    Segment(String label) {
        this.label = label;
    }

    /** The name shown to a marketer and used as the segment index key, e.g. {@code "Potential Loyalist"}. */
    public String label() {
        return label;
    }

    /** Reads a label back; throws {@link IllegalArgumentException} naming the value when it is not one. */
    public static Segment fromLabel(String label) {
        for (Segment segment : values()) {
            if (segment.label.equals(label)) {
                return segment;
            }
        }
        throw new IllegalArgumentException("unknown segment: " + label);
    }
}
