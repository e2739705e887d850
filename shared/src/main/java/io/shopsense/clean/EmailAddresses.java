package io.shopsense.clean;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email addresses are personal data the system never stores: a customer known by email becomes the pseudonym
 * {@code e_} + SHA-256 of the trimmed, lower-cased address (the same id the Shopify mapping gives them), and text
 * kept for the shop to read (a rejected row's raw text) has every address replaced by that pseudonym.
 */
public final class EmailAddresses {
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    public static final String PREFIX = "e_";
    private static final Pattern PSEUDONYM = Pattern.compile("e_([0-9a-f]{64})");

    private EmailAddresses() {
    }

    /**
     * The customer id an email address stands for. The whole digest, not a prefix: it is also the hashed e-mail the
     * ad platforms match on (Meta Custom Audiences, Google Customer Match), so audiences can be exported from ids.
     */
    public static String pseudonym(String address) {
        return Pseudonyms.of(PREFIX, address.strip().toLowerCase(Locale.ROOT));
    }

    /** The SHA-256 hex of the address a customer id stands for, when the id is such a pseudonym. */
    public static java.util.Optional<String> addressHash(String userId) {
        Matcher matcher = PSEUDONYM.matcher(userId);
        return matcher.matches() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    /** {@code text} with every email address replaced by its pseudonym; null stays null. */
    public static String pseudonymise(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher matcher = ADDRESS.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(pseudonym(match.group())));
    }
}
