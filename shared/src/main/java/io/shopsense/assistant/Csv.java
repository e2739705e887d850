package io.shopsense.assistant;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader for the FAQ upload: comma-separated, fields optionally in double quotes, {@code ""} for a
 * quote inside quotes, commas and line breaks allowed inside quotes, CRLF or LF line ends, a leading BOM ignored.
 * It never throws on malformed input: an unterminated quote takes the rest of the file as its field, and a stray
 * quote inside an unquoted field is kept as a character, because a shop's hand-edited FAQ should still load.
 */
final class Csv {
    private Csv() {
    }

    /** Every record of {@code content}, each a list of its fields; blank lines are skipped. */
    static List<List<String>> parse(String content) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;      // inside a quoted section of the current field
        boolean fieldStarted = false; // the field has content or an opening quote (so "" is an empty, present field)
        int i = content.startsWith("\uFEFF") ? 1 : 0;
        int n = content.length();
        while (i < n) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && content.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && content.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, record, field, fieldStarted);
                record = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        endRecord(records, record, field, fieldStarted);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field,
                                  boolean fieldStarted) {
        if (record.isEmpty() && !fieldStarted && field.isEmpty()) {
            return; // a blank line
        }
        record.add(field.toString());
        records.add(List.copyOf(record));
    }
}
