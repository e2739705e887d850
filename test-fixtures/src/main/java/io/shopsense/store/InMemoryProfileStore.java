package io.shopsense.store;

import io.shopsense.model.Profile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A {@link ProfileStore} in memory with the same versioning rules as the table: for the command line and tests. */
public final class InMemoryProfileStore implements ProfileStore {
    private final Map<String, StoredProfile> rows = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredProfile> get(String userId) {
        return Optional.ofNullable(rows.get(userId));
    }

    @Override
    public Optional<String> profileJson(String userId) {
        return get(userId).map(StoredProfile::profile).filter(java.util.Objects::nonNull).map(Json::write);
    }

    @Override
    public Map<String, StoredProfile> getAll(Collection<String> userIds) {
        Map<String, StoredProfile> found = new HashMap<>();
        userIds.forEach(id -> get(id).ifPresent(p -> found.put(id, p)));
        return found;
    }

    @Override
    public synchronized boolean put(StoredProfile profile, long expectedVersion) {
        StoredProfile current = rows.get(profile.userId());
        long version = current == null ? 0 : current.version();
        if (version != expectedVersion) {
            return false;
        }
        rows.put(profile.userId(), profile);
        return true;
    }

    @Override
    public void scan(Consumer<StoredProfile> each) {
        new ArrayList<>(rows.values()).stream().sorted(Comparator.comparing(StoredProfile::userId)).forEach(each);
    }

    @Override
    public SegmentPage segment(String segment, int limit, String cursor) {
        List<Profile> members = rows.values().stream().map(StoredProfile::profile)
                .filter(p -> p != null && p.segment() != null && p.segment().label().equals(segment))
                .sorted(Comparator.comparingDouble(Profile::clv12Months).reversed().thenComparing(Profile::userId))
                .toList();
        int start = cursor == null ? 0 : Integer.parseInt(cursor); // a NumberFormatException is the caller's 400
        if (start < 0) {
            throw new IllegalArgumentException("cursor is not one this store gave out");
        }
        int end = Math.min(members.size(), start + limit);
        return new SegmentPage(members.subList(Math.min(start, end), end), end < members.size() ? Integer.toString(end) : null);
    }

    @Override
    public boolean delete(String userId) {
        return rows.remove(userId) != null;
    }
}
