package io.shopsense.pipeline;

import io.shopsense.model.Profile;
import io.shopsense.model.Recommendation;
import io.shopsense.model.UserRecommendations;
import io.shopsense.store.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Lines files of {@code ./shopsense profiles --out} and {@code ./shopsense recs predict --out}, written in one
 * place so that the command line and the Spark jobs (docs/architecture.md §7) produce the same bytes.
 */
public final class ResultLines {
    private ResultLines() {
    }

    /** One profile per line, as the store keeps it ({@link Json}). */
    public static void writeProfiles(Path out, Iterable<Profile> profiles) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        profiles.forEach(profile -> lines.add(profileLine(profile)));
        writeLines(out, lines);
    }

    /** Lines made by {@link #profileLine} or {@link #recommendationLine} elsewhere (a Spark job's executors). */
    public static void writeLines(Path out, Iterable<String> lines) throws IOException {
        try (BufferedWriter writer = open(out)) {
            writeLines(writer, lines);
        }
    }

    /** The same lines to any writer (a Spark job's {@code s3://} output); the caller closes it. */
    public static void writeLines(java.io.Writer writer, Iterable<String> lines) throws IOException {
        for (String line : lines) {
            writer.write(line);
            writer.write(System.lineSeparator());
        }
        writer.flush();
    }

    public static String profileLine(Profile profile) {
        return Json.write(profile);
    }

    /** One customer per line: {@code {"userId":…,"items":[itemId,…]}} in rank order. */
    public static void writeRecommendations(Path out, Iterable<UserRecommendations> lists) throws IOException {
        try (BufferedWriter writer = open(out)) {
            for (UserRecommendations list : lists) {
                writer.write(recommendationLine(list.userId(), list.items().stream().map(Recommendation::itemId)
                        .toList()));
                writer.newLine();
            }
        }
    }

    public static String recommendationLine(String userId, List<String> itemIds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("userId", userId);
        line.put("items", itemIds);
        return Json.write(line);
    }

    /** One item per line: {@code {"itemId":…,"similar":[itemId,…]}}, most similar first. */
    public static String similarItemsLine(String itemId, List<String> similarIds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("itemId", itemId);
        line.put("similar", similarIds);
        return Json.write(line);
    }

    private static BufferedWriter open(Path out) throws IOException {
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    }
}
