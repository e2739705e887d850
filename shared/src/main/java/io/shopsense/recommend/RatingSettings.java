package io.shopsense.recommend;

/**
 * How star ratings shape recommendations (issue #17). None of these values was chosen by a measured figure: they are
 * settings a shop may change ({@code RecsRatingPriorStrength}, {@code RecsRatingMinReviews},
 * {@code RecsRatingPoorBelow} in the template).
 *
 * @param priorStrength how many reviews at the shop's own mean rating every item starts with in its Bayesian average
 *                      (more: a few reviews move an item less)
 * @param minReviews    reviews an item needs before its rating demotes it or is named in a reason
 * @param poorBelow     a Bayesian average below this (on 1-5) is poor: the item is demoted below every other item of
 *                      a list
 */
public record RatingSettings(double priorStrength, int minReviews, double poorBelow) {
    public RatingSettings {
        if (!(priorStrength >= 0) || minReviews < 1 || !(poorBelow >= 1 && poorBelow <= 5)) {
            throw new IllegalArgumentException("need priorStrength >= 0, minReviews >= 1 and poorBelow within 1-5");
        }
    }

    /** Ten reviews of prior, five reviews before a rating counts, poor below 3 stars (the middle of the scale). */
    public static RatingSettings defaults() {
        return new RatingSettings(10, 5, 3.0);
    }
}
