package io.shopsense.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.template.Specs.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local stand-in for CloudWatch Logs: each function's log lines (outcome records, which are also its EMF
 * metrics, warnings and failures), one JSON object per line, in {@code .shopsense/logs/<function>.jsonl} when the
 * cloud has a state directory and in memory always. A function's file is named by its short name, the name its
 * records carry ({@code CleanUploadFunction} → {@code clean-upload}).
 */
public final class FunctionLogs {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The record kind of the one line each invocation ends with. */
    public static final String OUTCOME = "outcome";
    private static final Pattern WORD_BOUNDARY = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Map<String, String> SHORT_NAMES = new ConcurrentHashMap<>();

    private final Path directory;
    private final Map<String, List<String>> lines = new TreeMap<>();
    /** Each function's file, open for appending, by short name. */
    private final Map<String, FileChannel> files = new TreeMap<>();

    /** @param directory where the files go; null keeps the lines in memory only */
    public FunctionLogs(Path directory) {
        this.directory = directory;
    }

    /** {@code CleanUploadFunction} → {@code clean-upload}: the name a function's records and file carry. */
    public static String shortName(String logicalId) {
        // Remembered: it runs for every line and every invocation, and a regex replace was 3% of the API's CPU.
        return SHORT_NAMES.computeIfAbsent(logicalId, id -> {
            String bare = id.endsWith("Function") ? id.substring(0, id.length() - 8) : id;
            return WORD_BOUNDARY.matcher(bare).replaceAll("$1-$2").toLowerCase(java.util.Locale.ROOT);
        });
    }

    /**
     * Keeps one line the function wrote. Each function's file stays open for appending: opening, writing and closing
     * it for every line (and checking its directory) put three file-system calls under this lock on every API
     * request; now it is one write, still unbuffered, so {@code ./shopsense logs --follow} sees the line at once.
     */
    public synchronized void append(FunctionSpec function, String line) {
        String name = shortName(function.logicalId());
        lines.computeIfAbsent(name, n -> new ArrayList<>()).add(line);
        if (directory == null) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            FileChannel file = files.get(name);
            if (file == null) {
                Files.createDirectories(directory);
                file = FileChannel.open(directory.resolve(name + ".jsonl"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                files.put(name, file);
            }
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        } catch (IOException e) {
            closeQuietly(files.remove(name)); // reopened on the next line
            System.err.println("shopsense: could not append to " + directory + "/" + name + ".jsonl: " + e.getMessage());
        }
    }

    /** Closes the open log files (the lines stay readable in memory). */
    public synchronized void close() {
        files.values().forEach(FunctionLogs::closeQuietly);
        files.clear();
    }

    private static void closeQuietly(FileChannel file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // closing a log file we no longer write
            }
        }
    }

    /** Every line this cloud kept for the function (short name), parsed, oldest first. */
    public synchronized List<JsonNode> records(String function) {
        return lines.getOrDefault(function, List.of()).stream().map(FunctionLogs::parse).toList();
    }

    /** The outcome records this cloud kept, by function (short name). */
    public synchronized Map<String, List<JsonNode>> outcomes() {
        Map<String, List<JsonNode>> byFunction = new TreeMap<>();
        lines.forEach((function, kept) -> byFunction.put(function, kept.stream().map(FunctionLogs::parse)
                .filter(FunctionLogs::isOutcome).toList()));
        return byFunction;
    }

    /** Each function's newest outcome record as a JSON line, from this run or (with files) an earlier one. */
    public synchronized Map<String, String> lastOutcomes() {
        Map<String, String> last = new TreeMap<>();
        if (directory != null) {
            readDirectory(directory).forEach((function, all) -> all.stream().filter(FunctionLogs::isOutcome)
                    .reduce((first, second) -> second).ifPresent(record -> last.put(function, record.toString())));
        }
        lines.forEach((function, kept) -> {
            for (int i = kept.size() - 1; i >= 0; i--) {
                if (isOutcome(parse(kept.get(i)))) {
                    last.put(function, kept.get(i));
                    break;
                }
            }
        });
        return last;
    }

    /** Every function's lines from a logs directory (what {@code ./shopsense logs} reads), by short name. */
    public static Map<String, List<JsonNode>> readDirectory(Path directory) {
        Map<String, List<JsonNode>> byFunction = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return byFunction;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .sorted(Comparator.naturalOrder()).toList()) {
                String name = file.getFileName().toString();
                byFunction.put(name.substring(0, name.length() - ".jsonl".length()), readFile(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byFunction;
    }

    static List<JsonNode> readFile(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                records.add(parse(line));
            }
        }
        return records;
    }

    public static boolean isOutcome(JsonNode record) {
        return OUTCOME.equals(record.path("record").asText());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            // A line that is not JSON (a stray println) is kept as text, as CloudWatch would.
            return JSON.createObjectNode().put("record", "text").put("message", line);
        }
    }
}
