package io.shopsense.store;

import io.shopsense.model.Item;
import io.shopsense.model.SimilarItems;
import io.shopsense.model.UserRecommendations;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The precomputed tables the API serves: {@code Recommendations} (a customer's top-N, plus the cold-start list under
 * {@link #COLD_START_USER}), {@code SimilarItems} (an item's neighbours) and {@code Items} (the catalogue rows they
 * refer to). Written in bulk by the nightly build, read one row at a time by the API.
 */
public interface RecommendationStore {

    /** The reserved user id whose row holds the list served to customers the last build did not know. */
    String COLD_START_USER = "__cold_start__";

    /** Which build wrote a row: the model's version (a fingerprint of its input) and the build's logical time. */
    record BuildStamp(String modelVersion, Instant builtAt) {
    }

    /** Writes every customer's list (replacing what each had). */
    void putAll(Collection<UserRecommendations> lists, BuildStamp stamp);

    /** Writes every item's similar items (replacing what each had). */
    void putAllSimilar(Collection<SimilarItems> similar, BuildStamp stamp);

    /** Writes the catalogue rows the lists refer to. */
    void putCatalog(Collection<Item> items);

    /** A customer's list (one read); empty when the last build did not know the customer. */
    Optional<UserRecommendations> get(String userId);

    /** Removes a customer's list (erasure); returns whether there was one. */
    boolean delete(String userId);

    /** An item's similar items (one read); empty for an item the last build did not know. */
    Optional<SimilarItems> similar(String itemId);

    /** A catalogue row (one read). */
    Optional<Item> getItem(String itemId);
}
