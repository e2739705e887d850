package io.shopsense.pipeline;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.CleanOutput;
import io.shopsense.clean.Reject;
import io.shopsense.clean.RowKind;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Collects a cleaning run's output on local disk (Lambda's {@code /tmp}, a Spark task's local directory), one gzip
 * file per kind and partition date, plus the rejects and the event-id list, so that memory stays bounded whatever
 * the upload's size and nothing is published before the run has finished. At most {@link #MAX_OPEN} files are open at once; a file closed early is
 * continued as a second gzip member, which every gzip reader reads as one stream.
 */
public final class PartitionFiles implements CleanOutput, AutoCloseable {
    static final int MAX_OPEN = 64;
    private static final String EVENT_ID_PREFIX = "{\"eventId\":\"";

    /** One finished partition file and the key it is published under (relative to {@code clean/}). */
    public record Partition(RowKind kind, LocalDate dt, Path file) {
    }

    private final Path directory;
    private final String sourceId;
    private final Map<String, Partition> partitions = new LinkedHashMap<>();
    private final LinkedHashMap<String, Writer> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Writer rejects;
    private final DataOutputStream eventIds;
    private long rejectCount;

    /** Output of {@code sourceId}'s cleaning in {@code directory} (created). */
    public PartitionFiles(Path directory, String sourceId) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.sourceId = sourceId;
        this.rejects = Files.newBufferedWriter(rejectsFile(), StandardCharsets.UTF_8);
        this.eventIds = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(eventIdsFile())));
    }

    @Override
    public void row(RowKind kind, LocalDate dt, String jsonLine) {
        String name = kind.name().toLowerCase() + "-" + dt;
        try {
            Writer writer = open.get(name);
            if (writer == null) {
                writer = openPartition(kind, dt, name);
            }
            writer.write(jsonLine);
            writer.write('\n');
            if (kind == RowKind.EVENTS && jsonLine.startsWith(EVENT_ID_PREFIX)) {
                eventIds.writeLong(Long.parseUnsignedLong(jsonLine, EVENT_ID_PREFIX.length(),
                        EVENT_ID_PREFIX.length() + 16, 16));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write partition " + name, e);
        }
    }

    @Override
    public void reject(Reject reject) {
        try {
            rejects.write(CanonicalJson.rejectLine(sourceId, reject));
            rejects.write('\n');
            rejectCount++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rejects", e);
        }
    }

    private Writer openPartition(RowKind kind, LocalDate dt, String name) throws IOException {
        if (open.size() >= MAX_OPEN) {
            var eldest = open.entrySet().iterator().next();
            eldest.getValue().close();
            open.remove(eldest.getKey());
        }
        Path file = directory.resolve(name + ".jsonl.gz");
        partitions.putIfAbsent(name, new Partition(kind, dt, file));
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Writer writer = new java.io.OutputStreamWriter(new GZIPOutputStream(new BufferedOutputStream(out, 1 << 16), 1 << 16),
                StandardCharsets.UTF_8);
        open.put(name, writer);
        return writer;
    }

    /** Closes every file; afterwards the partitions, rejects and event ids are complete on disk. */
    @Override
    public void close() throws IOException {
        for (Writer writer : open.values()) {
            writer.close();
        }
        open.clear();
        rejects.close();
        eventIds.close();
    }

    public List<Partition> partitions() {
        List<Partition> list = new ArrayList<>(partitions.values());
        list.sort(Comparator.comparing((Partition p) -> p.kind().name()).thenComparing(Partition::dt));
        return list;
    }

    public long rejectCount() {
        return rejectCount;
    }

    public Path rejectsFile() {
        return directory.resolve("rejects.jsonl");
    }

    public Path eventIdsFile() {
        return directory.resolve("event-ids.bin");
    }

    /** Removes the working directory and everything in it. */
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
