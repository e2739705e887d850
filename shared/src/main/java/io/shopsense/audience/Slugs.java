package io.shopsense.audience;

import io.shopsense.model.Sha256;
import java.text.Normalizer;
import java.util.Locale;

/** Audience names derived from labels (segments, categories): lower-case ASCII letters, digits and dashes. */
final class Slugs {
    private static final int MAX = 40;

    private Slugs() {
    }

    /** {@code "Potential Loyalist"} → {@code potential-loyalist}; a label with no letters or digits gets a hash. */
    static String of(String label) {
        String ascii = Normalizer.normalize(label, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? Sha256.hex(label, 4) : slug;
    }
}
