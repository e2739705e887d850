package io.shopsense.audience;

import io.shopsense.model.Affinity;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * One test of a shop-defined audience over a customer's profile: a leaf over one profile field, or an and/or of
 * others. Built only by {@link RuleParser}, which has already checked every field and value.
 */
public sealed interface Condition {

    boolean test(Profile profile);

    /** The condition as a marketer reads it, e.g. {@code segment in [Champions, Loyal] and clv >= 100}. */
    String describe();

    /** {@code segment in [...]}: customers without a purchase have no segment and never match. */
    record SegmentIn(Set<Segment> segments) implements Condition {
        public SegmentIn {
            segments = Set.copyOf(segments);
        }

        @Override
        public boolean test(Profile profile) {
            return profile.segment() != null && segments.contains(profile.segment());
        }

        @Override
        public String describe() {
            return "segment in " + segments.stream().sorted().map(Segment::label).toList();
        }
    }

    /** A number read from the profile within {@code [atLeast, atMost]} (either bound may be absent: null). */
    record Range(NumericField field, Double atLeast, Double atMost) implements Condition {
        @Override
        public boolean test(Profile profile) {
            if (!field.isKnown(profile)) {
                return false;
            }
            double value = field.value(profile);
            return (atLeast == null || value >= atLeast) && (atMost == null || value <= atMost);
        }

        @Override
        public String describe() {
            return bounds(field.fieldName(), atLeast, atMost);
        }
    }

    /** The customer's decayed affinity for one category within bounds; a category not among theirs counts as 0. */
    record CategoryAffinity(String category, Double atLeast, Double atMost) implements Condition {
        @Override
        public boolean test(Profile profile) {
            double score = affinity(profile, category);
            return (atLeast == null || score >= atLeast) && (atMost == null || score <= atMost);
        }

        @Override
        public String describe() {
            return bounds("affinity[" + category + "]", atLeast, atMost);
        }
    }

    /** Every part holds (and). */
    record All(List<Condition> parts) implements Condition {
        public All {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(Profile profile) {
            return parts.stream().allMatch(part -> part.test(profile));
        }

        @Override
        public String describe() {
            return parts.stream().map(p -> p instanceof Any ? "(" + p.describe() + ")" : p.describe())
                    .collect(Collectors.joining(" and "));
        }
    }

    /** At least one part holds (or). */
    record Any(List<Condition> parts) implements Condition {
        public Any {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(Profile profile) {
            return parts.stream().anyMatch(part -> part.test(profile));
        }

        @Override
        public String describe() {
            return parts.stream().map(p -> p instanceof All ? "(" + p.describe() + ")" : p.describe())
                    .collect(Collectors.joining(" or "));
        }
    }

    /** The profile fields a rule may compare with a number, by the name rule files use. */
    enum NumericField {
        CLV("clv", p -> true, Profile::clv12Months, false),
        CHURN("churn", p -> true, Profile::churnProbability, false),
        ORDERS("orders", p -> true, p -> p.orders(), true),
        /** Days from the last order to the profile's date; unknown (never matches) for customers who never bought. */
        DAYS_SINCE_LAST_ORDER("daysSinceLastOrder", p -> p.lastPurchase() != null,
                p -> ChronoUnit.DAYS.between(p.lastPurchase(), p.asOf()), true);

        private final String fieldName;
        private final java.util.function.Predicate<Profile> known;
        private final ToDoubleFunction<Profile> value;
        private final boolean whole;

        NumericField(String fieldName, java.util.function.Predicate<Profile> known, ToDoubleFunction<Profile> value,
                     boolean whole) {
            this.fieldName = fieldName;
            this.known = known;
            this.value = value;
            this.whole = whole;
        }

        public String fieldName() {
            return fieldName;
        }

        /** Whether the bounds must be whole numbers (counts of orders or days). */
        boolean whole() {
            return whole;
        }

        boolean isKnown(Profile profile) {
            return known.test(profile);
        }

        double value(Profile profile) {
            return value.applyAsDouble(profile);
        }
    }

    /** The customer's decayed affinity score for {@code category} (0 when it is not among their top categories). */
    static double affinity(Profile profile, String category) {
        for (Affinity affinity : profile.topCategories()) {
            if (affinity.key().equals(category)) {
                return affinity.score();
            }
        }
        return 0;
    }

    private static String bounds(String name, Double atLeast, Double atMost) {
        if (atLeast != null && atMost != null) {
            return number(atLeast) + " <= " + name + " <= " + number(atMost);
        }
        return atLeast != null ? name + " >= " + number(atLeast) : name + " <= " + number(atMost);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
