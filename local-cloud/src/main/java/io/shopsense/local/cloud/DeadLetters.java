package io.shopsense.local.cloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The local stand-in for the template's SQS dead-letter queue: asynchronous invocations that failed three times are
 * kept here with their event and last error, in memory and (when a state directory is set) as JSON Lines on disk.
 */
public final class DeadLetters {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One failed invocation: which function, its event, the last error's type and message, how many attempts. */
    public record DeadLetter(String function, String event, String errorType, String errorMessage, int attempts,
                             Instant failedAt) {
    }

    private final Path file;
    private final List<DeadLetter> letters = new ArrayList<>();

    public DeadLetters(Path file) {
        this.file = file;
    }

    synchronized void add(DeadLetter letter) {
        letters.add(letter);
        if (file == null) {
            return;
        }
        ObjectNode line = JSON.createObjectNode()
                .put("function", letter.function())
                .put("errorType", letter.errorType())
                .put("errorMessage", letter.errorMessage())
                .put("attempts", letter.attempts())
                .put("failedAt", letter.failedAt().toString())
                .put("event", letter.event());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("shopsense: could not append to " + file + ": " + e.getMessage());
        }
    }

    /**
     * How many events the queue holds: the file's lines when it persists (earlier runs' letters too), else this
     * run's.
     */
    public synchronized int count() {
        if (file != null && Files.isRegularFile(file)) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                return (int) lines.filter(line -> !line.isBlank()).count();
            } catch (IOException | java.io.UncheckedIOException e) {
                return letters.size();
            }
        }
        return letters.size();
    }

    public synchronized List<DeadLetter> all() {
        return List.copyOf(letters);
    }
}
