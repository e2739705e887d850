package io.shopsense.audience;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A shop-defined audience: its name (a key-safe slug), what it is for, and its condition over profile fields.
 *
 * @param name        lower-case letters, digits and dashes, at most 64: it names keys and routes
 * @param description the shop's own words, may be empty
 * @param condition   who is in it
 * @param source      the rule file it came from
 */
public record AudienceDefinition(String name, String description, Condition condition, String source) {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public AudienceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(condition, "condition");
        description = description == null ? "" : description;
    }
}
