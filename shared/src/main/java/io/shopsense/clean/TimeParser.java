package io.shopsense.clean;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads the timestamp layouts shop exports use, without {@code DateTimeFormatter} (this is on the hot path):
 * <ul>
 * <li>{@code yyyy-MM-dd}, {@code yyyy/MM/dd}, either followed by {@code T} or a space and {@code HH:mm[:ss[.fff]]},
 * then optionally {@code Z}, {@code ±HH:MM}, {@code ±HHMM}, {@code ±HH} (a space before the offset is allowed, as in
 * Shopify's {@code 2023-01-15 10:23:45 -0500}) or {@code UTC};</li>
 * <li>{@code M/d/yyyy[ H:mm[:ss]]} as Excel writes Online Retail ({@code 12/1/2010 8:26}); read month first unless
 * the first number is above 12, then day first;</li>
 * <li>{@code yyyyMMdd} (CDNOW), 10-digit epoch seconds, 13-digit epoch milliseconds.</li>
 * </ul>
 * Without an offset the time is in the shop's zone. Consecutive equal strings (rows of one invoice) are parsed once.
 */
final class TimeParser {
    private final ZoneId zone;
    private final boolean utc;
    private final RepeatedText texts = new RepeatedText();
    private String lastText;
    private Instant lastValue;
    // The parse in progress, stage by stage (a parser serves one thread): where the next stage reads, and the fields.
    private int at;
    private int year;
    private int month;
    private int day;
    private int hour;
    private int minute;
    private int second;
    private int nano;

    TimeParser(ZoneId zone) {
        this.zone = zone;
        this.utc = zone.normalized().equals(ZoneOffset.UTC);
    }

    /** The instant, or null when the text is no timestamp in an accepted layout. */
    Instant parse(String text) {
        if (text.equals(lastText)) {
            return lastValue;
        }
        Instant value;
        try {
            value = parseUncached(text.trim());
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            value = null;
        }
        lastText = text;
        lastValue = value;
        return value;
    }

    /** As {@link #parse(String)} on {@code text[from, to)}, building no string when it repeats the last text. */
    Instant parse(char[] text, int from, int to) {
        return parse(texts.of(text, from, to)); // the same instance while the text repeats: parse's cache hits at once
    }

    private Instant parseUncached(String s) {
        int n = s.length();
        if (n == 0) {
            return null;
        }
        if (allDigits(s, 0, n)) {
            return digitsOnly(s);
        }
        if (!readIsoDate(s) && !readSlashedDate(s)) {
            return null;
        }
        if (!readTimeOfDay(s)) {
            return null;
        }
        LocalDateTime ldt = LocalDateTime.of(year, month, day, hour, minute, second, nano);
        return withOffset(s, ldt);
    }

    /** {@code yyyyMMdd} (CDNOW), 10-digit epoch seconds or 13-digit epoch milliseconds. */
    private Instant digitsOnly(String s) {
        int n = s.length();
        if (n == 8) {
            return local(LocalDateTime.of(num(s, 0, 4), num(s, 4, 6), num(s, 6, 8), 0, 0));
        }
        if (n == 10) {
            return Instant.ofEpochSecond(Long.parseLong(s));
        }
        if (n == 13) {
            return Instant.ofEpochMilli(Long.parseLong(s));
        }
        return null;
    }

    /** {@code yyyy-MM-dd} or {@code yyyy/MM/dd} at the start: sets the date and {@link #at}; false, unread, if not. */
    private boolean readIsoDate(String s) {
        if (s.length() >= 10 && isDigits(s, 0, 4) && (s.charAt(4) == '-' || s.charAt(4) == '/')
                && isDigits(s, 5, 7) && s.charAt(7) == s.charAt(4) && isDigits(s, 8, 10)) {
            year = num(s, 0, 4);
            month = num(s, 5, 7);
            day = num(s, 8, 10);
            at = 10;
            return true;
        }
        return false;
    }

    /** {@code M/d/yyyy}, or {@code d/M/yyyy} when the first number is above 12: sets the date and {@link #at}. */
    private boolean readSlashedDate(String s) {
        int n = s.length();
        int i = 0;
        int start = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 2 || i >= n || s.charAt(i) != '/') {
            return false;
        }
        int a = num(s, start, i);
        start = ++i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 2 || i >= n || s.charAt(i) != '/') {
            return false;
        }
        int b = num(s, start, i);
        start = ++i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i - start != 4) {
            return false;
        }
        year = num(s, start, i);
        month = a > 12 ? b : a;
        day = a > 12 ? a : b;
        at = i;
        return true;
    }

    /**
     * An optional {@code T} or space then {@code H[H]:mm[:ss[.f…]]} from {@link #at}: sets the time (midnight when
     * there is none) and moves {@link #at} past it; false when a time starts but is malformed.
     */
    private boolean readTimeOfDay(String s) {
        int n = s.length();
        int i = at;
        hour = 0;
        minute = 0;
        second = 0;
        nano = 0;
        if (i < n && (s.charAt(i) == 'T' || s.charAt(i) == ' ') && i + 1 < n && isDigit(s.charAt(i + 1))) {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i - start < 1 || i - start > 2 || i >= n || s.charAt(i) != ':') {
                return false;
            }
            hour = num(s, start, i);
            i++;
            if (!isDigits(s, i, i + 2)) {
                return false;
            }
            minute = num(s, i, i + 2);
            i += 2;
            if (i < n && s.charAt(i) == ':') {
                if (!isDigits(s, i + 1, i + 3)) {
                    return false;
                }
                second = num(s, i + 1, i + 3);
                i += 3;
                if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int fractionStart = ++i;
                    while (i < n && isDigit(s.charAt(i))) {
                        i++;
                    }
                    int digits = Math.min(i - fractionStart, 9);
                    if (digits == 0) {
                        return false;
                    }
                    nano = num(s, fractionStart, fractionStart + digits);
                    for (int k = digits; k < 9; k++) {
                        nano *= 10;
                    }
                }
            }
        }
        at = i;
        return true;
    }

    /**
     * The rest from {@link #at}, after one optional space: nothing (the shop's zone), {@code Z}, {@code UTC},
     * {@code GMT}, or {@code ±HH[:]MM} / {@code ±HH}; null for anything else.
     */
    private Instant withOffset(String s, LocalDateTime ldt) {
        int n = s.length();
        int i = at;
        if (i < n && s.charAt(i) == ' ') {
            i++;
        }
        if (i == n) {
            return local(ldt);
        }
        String rest = s.substring(i);
        if (rest.equals("Z") || rest.equals("UTC") || rest.equals("GMT")) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        char sign = rest.charAt(0);
        if (sign != '+' && sign != '-') {
            return null;
        }
        String digits = rest.substring(1).replace(":", "");
        if (!allDigits(digits, 0, digits.length()) || (digits.length() != 2 && digits.length() != 4)) {
            return null;
        }
        int oh = num(digits, 0, 2);
        int om = digits.length() == 4 ? num(digits, 2, 4) : 0;
        int total = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        return ldt.toInstant(ZoneOffset.ofTotalSeconds(total));
    }

    private Instant local(LocalDateTime ldt) {
        return utc ? ldt.toInstant(ZoneOffset.UTC) : ldt.atZone(zone).toInstant();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigits(String s, int from, int to) {
        if (to > s.length()) {
            return false;
        }
        return allDigits(s, from, to);
    }

    private static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) {
            v = v * 10 + (s.charAt(k) - '0');
        }
        return v;
    }
}
