package io.shopsense.model;

import java.text.Normalizer;

/**
 * The one rule for identifiers (customer, item, campaign, channel) that the cleaner, the API and live events all apply,
 * so every id the pipeline stores can also be named in a request ({@code DELETE /users/{id}} included).
 *
 * <p>An id is 1 to {@value #MAX_LENGTH} characters: letters and digits of any script (numeric Online Retail customers,
 * SKUs like {@code 85123A}, Shopify pseudonyms {@code e_<hex>}, Chinese names), combining marks after the first
 * character (Indic scripts), and {@code . _ : @ -}, plus single spaces between other characters (Online Retail's
 * {@code BANK CHARGES}). It starts with a letter or digit, so it is never {@code .} or {@code ..} (path traversal in a
 * URL or S3 key) and never starts like a spreadsheet formula ({@code = + - @}); it holds no control, format or bidi
 * character, no {@code / ? # % , " '} or other punctuation (URL, CSV and key separators), and is in Unicode NFC so one
 * visible id is one key.
 */
public final class Ids {
    public static final int MAX_LENGTH = 128;

    /** What the rule allows, in words, for error messages. */
    public static final String RULE = "1 to " + MAX_LENGTH + " letters or digits, with . _ : @ - or single spaces"
            + " between them, starting with a letter or digit";

    private Ids() {
    }

    /** Whether {@code id} follows the rule. */
    public static boolean isValid(String id) {
        return problem(id) == null;
    }

    /** Null when {@code id} follows the rule, else what is wrong with it (safe to show: it never quotes the id). */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty";
        }
        int n = id.length();
        boolean ascii = true;
        int count = 0;
        char previous = ' ';
        for (int i = 0; i < n; ) {
            int c = id.codePointAt(i);
            boolean first = i == 0;
            i += Character.charCount(c);
            if (++count > MAX_LENGTH) {
                return "is longer than " + MAX_LENGTH + " characters";
            }
            if (c < 0x80) {
                if (!asciiAllowed((char) c, first)) {
                    return describe(c, first);
                }
                if (c == ' ' && (previous == ' ' || i == n)) {
                    return "has a space at its end or two spaces in a row";
                }
                previous = (char) c;
                continue;
            }
            ascii = false;
            previous = 'a';
            int type = Character.getType(c);
            boolean letterOrDigit = Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER;
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
            if (!(letterOrDigit || (mark && !first))) {
                return "holds a character that is neither a letter nor a digit (U+" + Integer.toHexString(c)
                        .toUpperCase(java.util.Locale.ROOT) + ")";
            }
        }
        if (!ascii && !Normalizer.isNormalized(id, Normalizer.Form.NFC)) {
            return "is not in Unicode NFC form";
        }
        return null;
    }

    private static boolean asciiAllowed(char c, boolean first) {
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            return true;
        }
        return !first && (c == '.' || c == '_' || c == ':' || c == '@' || c == '-' || c == ' ');
    }

    private static String describe(int c, boolean first) {
        if (first && (c == '.' || c == '_' || c == ':' || c == '@' || c == '-' || c == ' ')) {
            return "must start with a letter or digit";
        }
        if (c < 0x20 || c == 0x7f) {
            return "holds a control character";
        }
        return "holds '" + (char) c + "', which ids may not contain";
    }
}
