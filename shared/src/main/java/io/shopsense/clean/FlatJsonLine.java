package io.shopsense.clean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one JSON Lines line of a generic export (events, reviews): a flat object whose keys are matched, normalised
 * as headers are, against each field's accepted names; nested values are skipped. The first key naming a field wins.
 */
final class FlatJsonLine {
    private static final JsonFactory JSON = new JsonFactory();

    private FlatJsonLine() {
    }

    /**
     * Fills {@code values[f]} with the text of the first key among {@code names[f]}; returns null, or a problem: a
     * value longer than {@code maxChars} (the text starts with {@code "long"}) or malformed JSON.
     */
    static String read(String line, String[][] names, String[] values, int maxChars) {
        Arrays.fill(values, null);
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = ExportFormat.normaliseHeader(p.currentName());
                t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String value = t == JsonToken.VALUE_NULL ? null : p.getText();
                if (value != null && value.length() > maxChars) {
                    return "long value in '" + key + "' (" + value.length() + " chars)";
                }
                for (int f = 0; f < names.length; f++) {
                    if (values[f] == null && Arrays.asList(names[f]).contains(key)) {
                        values[f] = value;
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                return "text after the JSON object";
            }
            return null;
        } catch (IOException e) {
            return "malformed JSON: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    /** The reject reason of a {@link #read} problem. */
    static RejectReason reason(String problem) {
        return problem.startsWith("long") ? RejectReason.FIELD_TOO_LONG : RejectReason.BAD_JSON;
    }
}
