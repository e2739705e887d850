package io.shopsense.pipeline;

import io.shopsense.security.ErasedCustomers;
import io.shopsense.security.ShopSecret;
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
 * {@code manifests/erasures/}, named by a keyed hash of the id (HMAC-SHA256 under the shop secret's erasure sub-key),
 * so the list cannot be reversed by hashing every possible id. Records written before the secret existed are named by
 * a plain SHA-256 of the id and are still honoured; the forget sweep re-keys each one when it meets its id.
 * A new record triggers the sweep that removes the customer from the clean history, rejects and reports.
 */
public final class Erasures {
    private final ObjectStore bucket;
    private final java.util.function.Supplier<ShopSecret> secret;

    public Erasures(ObjectStore bucket, ShopSecret secret) {
        this(bucket, () -> secret);
    }

    /** Erasures whose secret is fetched on first use (a function that never meets an erasure never reads it). */
    public Erasures(ObjectStore bucket, java.util.function.Supplier<ShopSecret> secret) {
        this.bucket = bucket;
        this.secret = secret;
    }

    /** Records the erasure and what was removed; returns the record's key. A replayed DELETE keeps the first one. */
    public String record(String userId, Map<String, Boolean> removed, Instant at) {
        return write(ErasedCustomers.keyedHash(secret.get(), userId), removed, at.toString());
    }

    private String write(String keyedHash, Map<String, ?> removed, String erasedAt) {
        String key = Layout.keyedErasureKey(keyedHash);
        if (bucket.find(key).isPresent()) {
            return key;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userHash", keyedHash);
        body.put("hash", "HMAC-SHA256, shop secret");
        body.put("erasedAt", erasedAt);
        body.put("removed", removed);
        bucket.put(key, Json.write(body).getBytes(StandardCharsets.UTF_8), "application/json");
        return key;
    }

    /**
     * Every erased customer (one listing). With no record there is nothing to hash against, so the shop secret is not
     * fetched: a cold start in a shop that never erased anyone makes no Secrets Manager call.
     */
    public ErasedCustomers load() {
        return fromNames(recordNames(), secret);
    }

    /**
     * The names of the erasure records (keyed hashes as {@link Layout#keyedErasureKey} spells them with their prefix,
     * or unkeyed legacy hashes): what a Spark clean job is given instead of a listing of {@code manifests/erasures/}.
     */
    public java.util.List<String> recordNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (ObjectStore.ObjectInfo info : bucket.list(Layout.ERASURES)) {
            Layout.erasureHashOf(info.key()).ifPresent(names::add);
        }
        return names;
    }

    /** The erased customers {@code names} (from {@link #recordNames}) record; the secret is fetched only if any. */
    public static ErasedCustomers fromNames(java.util.Collection<String> names,
                                            java.util.function.Supplier<ShopSecret> secret) {
        Set<String> keyed = new HashSet<>();
        Set<String> legacy = new HashSet<>();
        for (String hash : names) {
            if (hash.startsWith(Layout.KEYED_ERASURE)) {
                keyed.add(hash.substring(Layout.KEYED_ERASURE.length()));
            } else {
                legacy.add(hash);
            }
        }
        return keyed.isEmpty() && legacy.isEmpty() ? ErasedCustomers.NONE
                : new ErasedCustomers(secret.get(), keyed, legacy);
    }

    /**
     * Replaces the unkeyed record of {@code userId} (met by the sweep in data it still held) with a keyed one that
     * keeps its erasure time, then deletes the unkeyed record, whose name could be reversed.
     */
    public void rekey(String userId) {
        String legacyKey = Layout.legacyErasureKey(io.shopsense.model.Sha256.hex(userId));
        String erasedAt = Instant.EPOCH.toString();
        try (var in = bucket.open(legacyKey)) {
            erasedAt = Json.MAPPER.readTree(in).path("erasedAt").asText(erasedAt);
        } catch (java.io.IOException | RuntimeException missing) {
            // already re-keyed by an earlier sweep, or unreadable: the keyed record alone is what matters
        }
        write(ErasedCustomers.keyedHash(secret.get(), userId), Map.of("rekeyed", true), erasedAt);
        bucket.delete(legacyKey);
    }
}
