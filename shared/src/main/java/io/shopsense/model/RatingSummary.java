package io.shopsense.model;

/**
 * An item's star ratings as the API shows them (issue #17).
 *
 * @param count    reviews counted (each customer's latest of the item)
 * @param average  their plain mean, 1-5
 * @param bayesian the mean shrunk towards the shop's mean rating, which ranking uses
 */
public record RatingSummary(int count, double average, double bayesian) {
}
