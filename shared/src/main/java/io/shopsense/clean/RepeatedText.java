package io.shopsense.clean;

import java.util.Arrays;

/**
 * The string of the last slice of characters seen, reused while the same characters come again (an invoice number
 * or a date along the rows of one invoice): a row that repeats the previous one builds no string.
 */
final class RepeatedText {
    private char[] chars = new char[32];
    private int length = -1;
    private String text;

    /** {@code new String(a, from, to - from)}, or the same instance as last time when the characters are equal. */
    String of(char[] a, int from, int to) {
        if (!matches(a, from, to)) {
            int n = to - from;
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            System.arraycopy(a, from, chars, 0, n);
            length = n;
            text = new String(a, from, n);
        }
        return text;
    }

    /** Whether a[from, to) holds the characters of the last string. */
    boolean matches(char[] a, int from, int to) {
        return length == to - from && Arrays.equals(chars, 0, length, a, from, to);
    }
}
