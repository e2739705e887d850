package io.shopsense.store;

import io.shopsense.model.Profile;
import io.shopsense.profile.CustomerAggregate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code Profiles} table: per customer, the foldable aggregate, the scored profile shown by the API, and a version
 * for optimistic concurrency, so incremental updates need no transactions: a write succeeds only over the version it
 * read.
 */
public interface ProfileStore {

    /** One stored customer; {@code version} counts successful writes (0 = never written). */
    record StoredProfile(String userId, long version, CustomerAggregate aggregate, Profile profile) {
    }

    /** One page of a segment, best customer (highest CLV) first, and the cursor of the next page if any. */
    record SegmentPage(List<Profile> profiles, String nextCursor) {
    }

    Optional<StoredProfile> get(String userId);

    /** The scored profile alone, as JSON, for the API's read path (no aggregate is decoded). */
    Optional<String> profileJson(String userId);

    Map<String, StoredProfile> getAll(Collection<String> userIds);

    /**
     * Writes {@code profile} if the stored version is still {@code expectedVersion} (0: absent).
     *
     * @return false when someone else wrote first: re-read and fold again
     */
    boolean put(StoredProfile profile, long expectedVersion);

    /** Every stored customer, page by page. */
    void scan(Consumer<StoredProfile> each);

    SegmentPage segment(String segment, int limit, String cursor);

    /** Removes the customer; returns whether there was one. */
    boolean delete(String userId);
}
