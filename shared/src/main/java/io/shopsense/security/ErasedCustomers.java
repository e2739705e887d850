package io.shopsense.security;

import io.shopsense.clean.EmailAddresses;
import io.shopsense.clean.ErasedFilter;
import io.shopsense.model.Sha256;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The customers erased so far, as the keyed hashes their erasure records are named by (plus the unkeyed SHA-256
 * names of records written before the shop had a secret), asking "is this id erased?" without the list ever holding
 * an id. Verdicts are remembered per id, so a file with thousands of rows per customer pays one HMAC per customer.
 */
public final class ErasedCustomers implements ErasedFilter {
    /** Where a field of raw text ends: CSV and JSON punctuation and line breaks, which no valid id contains. */
    private static final Pattern FIELD_BREAK = Pattern.compile("[\\t\\n\\r,;|\"'{}\\[\\]()<>=?!]+");
    /** Where a word ends inside a field; a valid id may itself hold single spaces and colons (model.Ids). */
    private static final Pattern WORD = Pattern.compile("[^ :]+");
    /** The most words an id is looked for across (Ids allows single spaces, so "ann lee" is two words). */
    private static final int MAX_WORDS_PER_ID = 4;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final int MAX_REMEMBERED = 200_000;

    /** Nobody erased: every question answers no without a key (so it needs no secret). */
    public static final ErasedCustomers NONE = new ErasedCustomers(null, Set.of(), Set.of());

    private final ShopSecret secret;
    private final Set<String> keyed;
    private final Set<String> legacy;
    private final Map<String, Boolean> verdicts = new HashMap<>();

    /**
     * @param keyed  HMAC-SHA256 hex digests (erasure-record purpose) of erased ids
     * @param legacy plain SHA-256 hex digests of ids erased before records were keyed
     */
    public ErasedCustomers(ShopSecret secret, Set<String> keyed, Set<String> legacy) {
        this.secret = secret;
        this.keyed = Set.copyOf(keyed);
        this.legacy = Set.copyOf(legacy);
    }

    /** The keyed hash an erasure record of {@code userId} is named by. */
    public static String keyedHash(ShopSecret secret, String userId) {
        return secret.hex(ShopSecret.Purpose.ERASURE_RECORD, userId);
    }

    public boolean isEmpty() {
        return keyed.isEmpty() && legacy.isEmpty();
    }

    public int size() {
        return keyed.size() + legacy.size();
    }

    /** Whether {@code userId} (a customer id exactly as stored) was erased; null (anonymous) never was. */
    public synchronized boolean contains(String userId) {
        if (userId == null || isEmpty()) {
            return false;
        }
        Boolean verdict = verdicts.get(userId);
        if (verdict == null) {
            verdict = keyed.contains(keyedHash(secret, userId)) || (!legacy.isEmpty() && isLegacy(userId));
            if (verdicts.size() >= MAX_REMEMBERED) {
                verdicts.clear();
            }
            verdicts.put(userId, verdict);
        }
        return verdict;
    }

    @Override
    public boolean isErased(String userId) {
        return contains(userId);
    }

    /** Whether {@code userId} is erased by an unkeyed record from before the shop had a secret. */
    public boolean isLegacy(String userId) {
        return legacy.contains(Sha256.hex(userId));
    }

    /**
     * Whether free text (a rejected row's raw line, a shopper's question) names an erased customer: any field or word
     * of it that is an erased id (also written as {@code 17850.0}), or an email address whose pseudonym is one.
     */
    @Override
    public boolean mentionedIn(String text) {
        if (text == null || text.isEmpty() || isEmpty()) {
            return false;
        }
        var emails = EMAIL.matcher(text);
        while (emails.find()) {
            if (contains(EmailAddresses.pseudonym(emails.group()))) {
                return true;
            }
        }
        for (String field : FIELD_BREAK.split(text)) {
            if (namesAnErasedId(field)) {
                return true;
            }
        }
        return false;
    }

    /** Every run of one to {@link #MAX_WORDS_PER_ID} consecutive words of the field, separators as written. */
    private boolean namesAnErasedId(String field) {
        java.util.List<int[]> words = new java.util.ArrayList<>();
        var matcher = WORD.matcher(field);
        while (matcher.find()) {
            words.add(new int[] {matcher.start(), matcher.end()});
        }
        for (int first = 0; first < words.size(); first++) {
            for (int last = first; last < Math.min(words.size(), first + MAX_WORDS_PER_ID); last++) {
                String token = field.substring(words.get(first)[0], words.get(last)[1]);
                String word = token.endsWith(".") ? token.substring(0, token.length() - 1) : token; // a sentence's end
                if (contains(token) || contains(word) || contains(integral(token))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code 17850.0} as {@code 17850}, as cleaning normalises numeric customer ids; anything else unchanged. */
    private static String integral(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || !token.substring(0, dot).chars().allMatch(Character::isDigit)
                || !token.substring(dot + 1).chars().allMatch(c -> c == '0')) {
            return token;
        }
        return token.substring(0, dot);
    }
}
