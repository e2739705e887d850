package io.shopsense.clean;

import io.shopsense.model.Sha256;
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
    static final String PREFIX = "e_";

    private EmailAddresses() {
    }

    /** The customer id an email address stands for. */
    public static String pseudonym(String address) {
        return PREFIX + Sha256.hex(address.strip().toLowerCase(Locale.ROOT), 16);
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
