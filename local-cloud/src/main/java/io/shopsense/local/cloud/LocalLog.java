package io.shopsense.local.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The local cloud's own log: one JSON object per line on stderr, like a function's JSON log in CloudWatch. */
final class LocalLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalLog() {
    }

    /** Logs {@code level} with alternating field names and values. */
    static void log(String level, String... fieldsAndValues) {
        ObjectNode line = JSON.createObjectNode().put("time", Instant.now().toString()).put("level", level);
        for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
            line.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        System.err.println(line);
    }
}
