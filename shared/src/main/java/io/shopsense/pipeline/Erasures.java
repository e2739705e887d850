package io.shopsense.pipeline;

import io.shopsense.model.Sha256;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The record of customers erased by {@code DELETE /users/{id}}: one object per customer under
 * {@code manifests/erasures/}, named by a SHA-256 of the id (the record itself holds no personal data). Profile folds
 * and recommendation builds skip erased customers, so clean history cannot bring them back.
 */
public final class Erasures {
    static final String PREFIX = Layout.MANIFESTS + "erasures/";

    private final ObjectStore bucket;

    public Erasures(ObjectStore bucket) {
        this.bucket = bucket;
    }

    /** Records the erasure and what was removed; returns the record's key. */
    public String record(String userId, Map<String, Boolean> removed, Instant at) {
        String key = PREFIX + hash(userId) + ".json";
        if (bucket.find(key).isPresent()) {
            return key; // erased before: a replayed DELETE keeps the first record (and its time) as it is
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userHash", hash(userId));
        body.put("erasedAt", at.toString());
        body.put("removed", removed);
        bucket.put(key, Json.write(body).getBytes(StandardCharsets.UTF_8), "application/json");
        return key;
    }

    /** The hashes of every erased customer (one listing). */
    public Set<String> erased() {
        Set<String> hashes = new HashSet<>();
        for (ObjectStore.ObjectInfo info : bucket.list(PREFIX)) {
            String name = info.key().substring(PREFIX.length());
            if (name.endsWith(".json")) {
                hashes.add(name.substring(0, name.length() - 5));
            }
        }
        return hashes;
    }

    public static String hash(String userId) {
        return Sha256.hex(userId);
    }
}
