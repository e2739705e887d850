package io.shopsense.clean;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Streaming RFC 4180 reader: fields separated by a delimiter, optionally double-quoted; quoted fields may hold
 * delimiters, doubled quotes and line breaks. Records end at LF, CRLF or a lone CR. Each record also keeps its raw
 * text (for rejects). Memory is bounded by {@code maxRecordChars}: a longer record is read to its end but only its
 * first {@code maxRecordChars} characters are kept, and it is flagged {@link #oversized()}.
 *
 * <p>Lenient where real exports are sloppy: a quote inside an unquoted field is a literal character
 * ({@code 7" SINGLE}), text after a closing quote is appended. In line mode ({@code quoting = false}) quotes are
 * ordinary characters and the whole line is one field (for JSON Lines and whitespace-separated files).
 */
final class RecordReader {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final Reader in;
    private final char delimiter;
    private final boolean quoting;
    private final int maxRecordChars;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean eof;
    private boolean skipLf;

    /** Raw text of the record before the last refill; the rest stays in buf[tailFrom, tailTo) until needed. */
    private final StringBuilder raw = new StringBuilder(256);
    private int tailFrom;
    private int tailTo;
    private int rawLength;
    // a char[] rather than a StringBuilder: no Latin-1 compaction pass on every append
    private char[] values = new char[1024];
    private int valuesLength;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    /** Whether the current record's fields are slices of {@code buf} itself, else of {@code values}. */
    private boolean inPlace;
    private int count;
    /** Where the general reader's current field starts in {@code values}. */
    private int currentFieldStart;
    private boolean oversized;
    private boolean unterminated;
    private boolean replaced;
    private int longestField;
    private long records;

    RecordReader(Reader in, char delimiter, boolean quoting, int maxRecordChars) {
        this.in = in;
        this.delimiter = delimiter;
        this.quoting = quoting;
        this.maxRecordChars = maxRecordChars;
    }

    /** Reads the next record, blank lines included; false at the end of input. */
    boolean next() throws IOException {
        if (nextInPlace()) {
            return true;
        }
        startRecord();
        return nextCopied();
    }

    /** Forgets the previous record before the general reader copies the next one into {@code values}. */
    private void startRecord() {
        inPlace = false;
        raw.setLength(0);
        tailFrom = 0;
        tailTo = 0;
        rawLength = 0;
        valuesLength = 0;
        count = 0;
        oversized = false;
        unterminated = false;
        replaced = false;
        longestField = 0;
        currentFieldStart = 0;
    }

    /**
     * The general reader: any record, across buffer refills, with quotes, and too long ones. Each character goes to
     * the line or the field state machine until a terminator outside quotes, or the end of input, ends the record.
     */
    private boolean nextCopied() throws IOException {
        int state = FIELD_START;
        boolean any = false;
        int rawFrom = pos;
        while (true) {
            if (pos >= len) {
                // the buffer is used up: keep the record's raw text so far, then refill, or end at the input's end
                keepRaw(rawFrom, pos);
                spill();
                if (!fill()) {
                    return any && endAtInputEnd(state);
                }
                rawFrom = pos;
            }
            char c = buf[pos];
            if (skipLf) {
                skipLf = false;
                if (c == '\n') {
                    rawFrom = ++pos;
                    continue;
                }
            }
            any = true;
            if (state != QUOTED && (c == '\n' || c == '\r')) {
                keepRaw(rawFrom, pos);
                pos++;
                skipLf = c == '\r';
                endField(currentFieldStart);
                records++;
                return true;
            }
            if (quoting) {
                state = readField(state, c);
            } else {
                readLineRun();
            }
        }
    }

    /** The input ended inside a record: it ends there, flagged when a quoted field was still open. */
    private boolean endAtInputEnd(int state) {
        if (state == QUOTED) {
            unterminated = true;
        }
        endField(currentFieldStart);
        records++;
        return true;
    }

    /** Line mode: the run of characters up to a line break (or the buffer's end) is kept as the one field's text. */
    private void readLineRun() {
        final char[] b = buf;
        int start = pos;
        char c;
        while (pos < len && (c = b[pos]) != '\n' && c != '\r') {
            replaced |= c == '\uFFFD';
            pos++;
        }
        keepValue(start, pos);
    }

    /** One step of the RFC 4180 field state machine at {@code c}, which is no terminator outside quotes. */
    private int readField(int state, char c) {
        final char[] b = buf;
        final char d = delimiter;
        switch (state) {
            case FIELD_START:
                if (c == '"') {
                    pos++;
                    return QUOTED;
                }
                if (c == d) {
                    pos++;
                    nextField();
                    return FIELD_START;
                }
                return UNQUOTED;
            case UNQUOTED:
                if (c == d) {
                    pos++;
                    nextField();
                    return FIELD_START;
                }
                // a run of ordinary characters; a quote here is a literal (7" SINGLE)
                int start = pos;
                while (pos < len && (c = b[pos]) != d && c != '\n' && c != '\r') {
                    replaced |= c == '\uFFFD';
                    pos++;
                }
                keepValue(start, pos);
                return UNQUOTED;
            case QUOTED:
                if (c == '"') {
                    pos++;
                    return QUOTE_IN_QUOTED;
                }
                int from = pos;
                while (pos < len && (c = b[pos]) != '"') {
                    replaced |= c == '\uFFFD';
                    pos++;
                }
                keepValue(from, pos);
                return QUOTED;
            default: // QUOTE_IN_QUOTED: a doubled quote, the end of the field, or lenient trailing text
                if (c == '"') {
                    pos++;
                    keepValue('"');
                    return QUOTED;
                }
                if (c == d) {
                    pos++;
                    nextField();
                    return FIELD_START;
                }
                return UNQUOTED;
        }
    }

    /** Ends the current field at a delimiter; the next one starts where the values end. */
    private void nextField() {
        endField(currentFieldStart);
        currentFieldStart = valuesLength;
    }

    /**
     * The common record, read without copying: it ends inside the buffer, has no quote and is not too long. Its
     * fields and raw text stay slices of the buffer until the next call. False (having consumed at most the LF of a
     * CRLF) leaves the record to the general reader, which gives the same result for any record this one takes.
     */
    private boolean nextInPlace() {
        final char[] b = buf;
        if (skipLf && pos < len) {
            skipLf = false;
            if (b[pos] == '\n') {
                pos++;
            }
        }
        if (skipLf || pos >= len) {
            return false;
        }
        final char d = delimiter;
        final int from = pos;
        final int limit = len - from > maxRecordChars ? from + maxRecordChars + 1 : len;
        int fieldStart = from;
        int n = 0;
        int longest = 0;
        boolean bad = false;
        int i = from;
        char c = 0;
        for (; i < limit; i++) {
            c = b[i];
            if (c == '\n' || c == '\r') {
                break;
            }
            if (quoting && c == d) {
                n = addField(n, fieldStart, i);
                longest = Math.max(longest, i - fieldStart);
                fieldStart = i + 1;
            } else if (quoting && c == '"') {
                return false;
            } else {
                bad |= c == '\uFFFD';
            }
        }
        if (i == limit) {
            return false; // no terminator in the buffer, or too long: the general reader handles both
        }
        n = addField(n, fieldStart, i);
        longest = Math.max(longest, i - fieldStart);
        raw.setLength(0);
        tailFrom = from;
        tailTo = i;
        rawLength = i - from;
        valuesLength = rawLength - (n - 1);
        inPlace = true;
        count = n;
        oversized = false;
        unterminated = false;
        replaced = bad;
        longestField = longest;
        pos = i + 1;
        skipLf = c == '\r';
        records++;
        return true;
    }

    private int addField(int n, int start, int end) {
        if (n == ends.length) {
            starts = Arrays.copyOf(starts, n * 2);
            ends = Arrays.copyOf(ends, n * 2);
        }
        starts[n] = start;
        ends[n] = end;
        return n + 1;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    private void keepRaw(int from, int to) {
        int room = maxRecordChars - rawLength;
        if (to - from > room) {
            oversized = true;
            to = from + Math.max(room, 0);
        }
        if (to > from) {
            // most records end inside the buffer: remember where, copy only if the buffer is about to be refilled
            tailFrom = from;
            tailTo = to;
            rawLength += to - from;
        }
    }

    private void spill() {
        if (tailTo > tailFrom) {
            raw.append(buf, tailFrom, tailTo - tailFrom);
            tailFrom = 0;
            tailTo = 0;
        }
    }

    private void keepValue(int from, int to) {
        int room = maxRecordChars - valuesLength;
        if (to - from > room) {
            oversized = true;
            to = from + Math.max(room, 0);
        }
        int n = to - from;
        if (n > 0) {
            if (valuesLength + n > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, valuesLength + n));
            }
            System.arraycopy(buf, from, values, valuesLength, n);
            valuesLength += n;
        }
    }

    private void keepValue(char c) {
        if (valuesLength < maxRecordChars) {
            if (valuesLength == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[valuesLength++] = c;
        } else {
            oversized = true;
        }
    }

    private void endField(int fieldStart) {
        int end = valuesLength;
        count = addField(count, fieldStart, end);
        longestField = Math.max(longestField, end - fieldStart);
    }

    /** Number of fields in the current record (a blank line has one empty field). */
    int size() {
        return count;
    }

    /** Field {@code i} of the current record, unquoted, not trimmed. */
    String field(int i) {
        return new String(chars(), starts[i], ends[i] - starts[i]);
    }

    /** The characters of the current record's fields (valid until {@link #next()}): field i is [start(i), end(i)). */
    char[] chars() {
        return inPlace ? buf : values;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** Whether field {@code i} is empty after trimming, without building a string. */
    boolean isBlank(int i) {
        char[] chars = chars();
        for (int k = starts[i]; k < ends[i]; k++) {
            if (chars[k] > ' ') {
                return false;
            }
        }
        return true;
    }

    /** Whether the record has no visible character at all. */
    boolean isBlankRecord() {
        if (rawLength > 0 && count == 1 && valuesLength > 0) {
            return isBlank(0); // a one-field record: its value is its raw text unless quoted
        }
        if (count > 1) {
            return false;
        }
        spill();
        for (int k = 0; k < raw.length(); k++) {
            if (raw.charAt(k) > ' ') {
                return false;
            }
        }
        return true;
    }

    /** The record's text as read, without its terminator, truncated to {@code maxRecordChars}. */
    String raw() {
        spill();
        return raw.toString();
    }

    /** The raw text, valid until the next call to {@link #next()}. */
    CharSequence rawView() {
        spill();
        return raw;
    }

    boolean oversized() {
        return oversized;
    }

    boolean unterminatedQuote() {
        return unterminated;
    }

    /** Whether the decoder replaced undecodable bytes in this record (U+FFFD). */
    boolean hasReplacement() {
        return replaced;
    }

    int longestField() {
        return longestField;
    }

    /** How many records (blank lines included) have been read so far. */
    long recordNumber() {
        return records;
    }
}
