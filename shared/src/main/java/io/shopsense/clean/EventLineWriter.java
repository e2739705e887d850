package io.shopsense.clean;

import io.shopsense.model.EventType;
import java.util.Arrays;

/**
 * Writes canonical event lines, character for character what {@link CanonicalJson#appendEvent} writes (the names
 * from {@link EventFields}), into one reused buffer, the id given as 64 bits and written as 16 lower-case hex digits.
 * This is the cleaning hot path: a StringBuilder append per field cost about as much as everything else a row needs.
 *
 * <p>The part of a line from {@code currency} to {@code sourceId} is the same for every row of an order (same
 * currency, time, order, channel, session and source), and so is the user: both are kept and reused while the
 * caller passes the very same string instances, which the mappers do for repeated values.
 */
final class EventLineWriter {
    // the id is written as hex digits between these two: its opening and closing quotes go with the keys
    private static final char[] EVENT_ID = (EventFields.EVENT_ID_KEY + '"').toCharArray();
    private static final char[] USER_ID = ('"' + EventFields.USER_ID_KEY).toCharArray();
    private static final char[] ITEM_ID = EventFields.ITEM_ID_KEY.toCharArray();
    private static final char[][] TYPE_AND_QUANTITY = new char[EventType.values().length][];
    private static final char[] UNIT_PRICE = EventFields.UNIT_PRICE_KEY.toCharArray();
    private static final char[] CURRENCY = EventFields.CURRENCY_KEY.toCharArray();
    private static final char[] TS = EventFields.TS_KEY.toCharArray();
    private static final char[] ORDER_ID = EventFields.ORDER_ID_KEY.toCharArray();
    private static final char[] CHANNEL = EventFields.CHANNEL_KEY.toCharArray();
    private static final char[] SESSION_ID = EventFields.SESSION_ID_KEY.toCharArray();
    private static final char[] SOURCE_ID = EventFields.SOURCE_ID_KEY.toCharArray();
    private static final char[] SOURCE_ROW = EventFields.SOURCE_ROW_KEY.toCharArray();
    private static final char[] NULL = "null".toCharArray();

    static {
        for (EventType t : EventType.values()) {
            String code = CanonicalJson.TYPE_CODES[t.ordinal()];
            TYPE_AND_QUANTITY[t.ordinal()] = (EventFields.TYPE_KEY + '"' + code + '"' + EventFields.QUANTITY_KEY)
                    .toCharArray();
        }
    }

    private char[] buf = new char[512];
    private int n;

    private boolean tailKnown;
    private String tailCurrency;
    private String tailTs;
    private String tailOrder;
    private String tailChannel;
    private String tailSession;
    private String tailSource;
    private char[] tail = new char[160];
    private int tailLength;

    private boolean userKnown;
    private String user;
    private char[] userJson = new char[32];
    private int userLength;

    /** One event line, no newline. {@code isoTs} is the ISO-8601 form of the event time. */
    String line(long eventId, String userId, String itemId, EventType type, int quantity, double unitPrice,
                String currency, String isoTs, String orderId, String channel, String sessionId, String sourceId,
                long sourceRow) {
        n = 0;
        put(EVENT_ID);
        hex16(eventId);
        put(USER_ID);
        if (userKnown && userId == user) {
            put(userJson, userLength);
        } else {
            int start = n;
            string(userId);
            userJson = keep(userJson, start);
            userLength = n - start;
            user = userId;
            userKnown = true;
        }
        put(ITEM_ID);
        string(itemId);
        put(TYPE_AND_QUANTITY[type.ordinal()]);
        integer(quantity);
        put(UNIT_PRICE);
        number(unitPrice);
        if (tailKnown && currency == tailCurrency && isoTs == tailTs && orderId == tailOrder
                && channel == tailChannel && sessionId == tailSession && sourceId == tailSource) {
            put(tail, tailLength);
        } else {
            int start = n;
            put(CURRENCY);
            string(currency);
            put(TS);
            raw(isoTs);
            put(ORDER_ID);
            string(orderId);
            put(CHANNEL);
            string(channel);
            put(SESSION_ID);
            string(sessionId);
            put(SOURCE_ID);
            string(sourceId);
            put(SOURCE_ROW);
            tail = keep(tail, start);
            tailLength = n - start;
            tailCurrency = currency;
            tailTs = isoTs;
            tailOrder = orderId;
            tailChannel = channel;
            tailSession = sessionId;
            tailSource = sourceId;
            tailKnown = true;
        }
        integer(sourceRow);
        ensure(1);
        buf[n++] = '}';
        return new String(buf, 0, n);
    }

    /** buf[start, n) copied into {@code into} (grown if needed). */
    private char[] keep(char[] into, int start) {
        char[] kept = into.length >= n - start ? into : new char[Math.max(n - start, into.length * 2)];
        System.arraycopy(buf, start, kept, 0, n - start);
        return kept;
    }

    private static char[] json(String s) {
        StringBuilder b = new StringBuilder(s == null ? 4 : s.length() + 2);
        CanonicalJson.string(b, s);
        return toChars(b);
    }

    private static char[] toChars(StringBuilder b) {
        char[] chars = new char[b.length()];
        b.getChars(0, chars.length, chars, 0);
        return chars;
    }

    private void put(char[] chars) {
        put(chars, chars.length);
    }

    private void put(char[] chars, int length) {
        ensure(length);
        System.arraycopy(chars, 0, buf, n, length);
        n += length;
    }

    /** Text that needs no escaping by construction (an ISO-8601 time), quoted. */
    private void raw(String s) {
        int len = s.length();
        ensure(len + 2);
        buf[n++] = '"';
        s.getChars(0, len, buf, n);
        n += len;
        buf[n++] = '"';
    }

    /** A JSON string literal: copied as is unless a character needs escaping, then as CanonicalJson escapes it. */
    private void string(String s) {
        if (s == null) {
            put(NULL);
            return;
        }
        int len = s.length();
        ensure(len + 2);
        buf[n] = '"';
        s.getChars(0, len, buf, n + 1);
        int end = n + 1 + len;
        for (int i = n + 1; i < end; i++) {
            char c = buf[i];
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029) {
                put(json(s));
                return;
            }
        }
        buf[end] = '"';
        n = end + 1;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private void hex16(long v) {
        ensure(16);
        for (int shift = 60; shift >= 0; shift -= 4) {
            buf[n++] = HEX[(int) (v >>> shift) & 0xf];
        }
    }

    private void integer(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(Long.toString(v).toCharArray());
                return;
            }
            ensure(1);
            buf[n++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = n + digits - 1; i >= n; i--) {
            buf[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        n += digits;
    }

    /** {@link CanonicalJson#number}: as {@link Double#toString}, with its fast path for whole numbers and cents. */
    private void number(double v) {
        if (Math.abs(v) < 1e7 && v != 0) {
            long cents = Math.round(v * 100);
            if (cents / 100.0 == v) {
                if (cents < 0) {
                    ensure(1);
                    buf[n++] = '-';
                    cents = -cents;
                }
                integer(cents / 100);
                int frac = (int) (cents % 100);
                ensure(3);
                buf[n++] = '.';
                if (frac == 0) {
                    buf[n++] = '0';
                } else {
                    buf[n++] = (char) ('0' + frac / 10);
                    if (frac % 10 != 0) {
                        buf[n++] = (char) ('0' + frac % 10);
                    }
                }
                return;
            }
        }
        put(Double.toString(v).toCharArray());
    }

    private void ensure(int extra) {
        if (n + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + extra));
        }
    }
}
