package io.shopsense.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Machine-readable results: one JSON object per line on stdout; progress and logs go to stderr. */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Output() {
    }

    static void result(Object value) {
        try {
            System.out.println(JSON.writeValueAsString(value));
            System.out.flush();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write result as JSON", e);
        }
    }

    static void progress(String message) {
        System.err.println("shopsense: " + message);
    }
}
