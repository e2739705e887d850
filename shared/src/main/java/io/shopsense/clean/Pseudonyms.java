package io.shopsense.clean;

import io.shopsense.model.Sha256;

/**
 * The one way a customer known by a personal handle (an e-mail address, a Taobao member name) becomes an id: a prefix
 * naming the kind of handle, then the SHA-256 hex of the handle. The handle itself is never stored. A plain hash can be
 * reversed by guessing handles, so it is a pseudonym, not anonymisation; erasure works on the pseudonym.
 */
public final class Pseudonyms {
    private Pseudonyms() {
    }

    /** {@code prefix} + the whole SHA-256 hex of {@code handle} (already normalised by the caller). */
    public static String of(String prefix, String handle) {
        return prefix + Sha256.hex(handle);
    }
}
