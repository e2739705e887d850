package io.shopsense.assistant;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How the assistant answers for one shop.
 *
 * @param contact     how shoppers reach a person (an e-mail, a phone number, a page), offered whenever the assistant
 *                    cannot answer
 * @param threshold   minimum confidence in [0, 1] for an FAQ or catalogue answer; below it the assistant says it does
 *                    not know
 * @param bm25        retrieval parameters
 * @param marginWeight share in [0, 1] of the confidence that depends on the lead of the best passage over the
 *                    second (see {@link Assistant}); 0 ignores ties
 * @param currency    ISO code of catalogue prices (catalogue rows carry no currency)
 * @param zone        time zone for order dates shown to shoppers
 * @param maxOrders   how many recent orders a "my orders" answer lists
 */
public record AssistantConfig(String contact, double threshold, Bm25Parameters bm25, double marginWeight,
                              String currency, ZoneId zone, int maxOrders) {
    /** Default confidence threshold: about half of the question's weight must be found in one passage. */
    public static final double DEFAULT_THRESHOLD = 0.45;
    /** Default share of confidence that depends on the margin over the runner-up. */
    public static final double DEFAULT_MARGIN_WEIGHT = 0.2;

    public AssistantConfig {
        if (contact == null || contact.isBlank()) {
            throw new IllegalArgumentException("contact must be given: shoppers need a way to reach the shop");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        if (!(marginWeight >= 0 && marginWeight <= 1)) {
            throw new IllegalArgumentException("marginWeight must be in [0, 1], was " + marginWeight);
        }
        Objects.requireNonNull(bm25, "bm25");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(zone, "zone");
        if (maxOrders < 1) {
            throw new IllegalArgumentException("maxOrders must be at least 1, was " + maxOrders);
        }
    }

    /** Defaults for everything but the contact: threshold 0.45, BM25 1.2/0.75, margin weight 0.2, GBP, UTC, 3 orders. */
    public static AssistantConfig withContact(String contact) {
        return new AssistantConfig(contact, DEFAULT_THRESHOLD, Bm25Parameters.defaults(), DEFAULT_MARGIN_WEIGHT,
                "GBP", ZoneId.of("UTC"), 3);
    }

    /** This configuration with another confidence threshold. */
    public AssistantConfig withThreshold(double newThreshold) {
        return new AssistantConfig(contact, newThreshold, bm25, marginWeight, currency, zone, maxOrders);
    }

    /** This configuration with other BM25 parameters. */
    public AssistantConfig withBm25(Bm25Parameters newBm25) {
        return new AssistantConfig(contact, threshold, newBm25, marginWeight, currency, zone, maxOrders);
    }

    /** This configuration with another currency and time zone. */
    public AssistantConfig withLocale(String newCurrency, ZoneId newZone) {
        return new AssistantConfig(contact, threshold, bm25, marginWeight, newCurrency, newZone, maxOrders);
    }
}
