package io.shopsense.model;

import java.util.Objects;

/**
 * How strongly a customer leans towards one category or item: a sum of event weights, each halved every half-life
 * since the event happened.
 *
 * @param key   the category name or item id
 * @param score time-decayed weight as of the profile's date; higher means stronger
 */
public record Affinity(String key, double score) {
    public Affinity {
        Objects.requireNonNull(key, "key");
    }
}
