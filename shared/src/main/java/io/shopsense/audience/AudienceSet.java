package io.shopsense.audience;

import java.time.LocalDate;
import java.util.List;

/**
 * Every audience of one build, with what the dashboard shows about them together.
 *
 * @param asOf      the profiles' date (exports are filed under it)
 * @param customers customers considered (current profiles, erased ones excluded)
 * @param inAny     distinct customers in at least one audience (sizes add up to more: a customer can be in several)
 * @param audiences built-in ones first, then the shop's by name
 * @param overlaps  every pair of audiences sharing at least one customer
 */
public record AudienceSet(LocalDate asOf, int customers, int inAny, List<Audience> audiences, List<Overlap> overlaps) {

    /** Two audiences' shared customers and Jaccard index (shared / in either). */
    public record Overlap(String a, String b, int shared, double jaccard) {
    }

    public AudienceSet {
        audiences = List.copyOf(audiences);
        overlaps = List.copyOf(overlaps);
    }
}
