package io.shopsense.local.cli;

import io.shopsense.clean.CleanLimits;
import io.shopsense.clean.CleanRequest;
import io.shopsense.clean.ExportFormat;
import io.shopsense.model.Event;
import io.shopsense.model.Item;
import io.shopsense.pipeline.TrainingData;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * Where a command's events come from: a clean output directory (as {@code clean --out DIR} or the bucket lays it out)
 * or a raw export file, cleaned in memory with the same cleaner the functions use.
 */
record EventsInput(List<Event> events, List<Item> catalogue) {

    static EventsInput load(Path path, ExportFormat format, ZoneId zone) throws IOException {
        TrainingData data;
        if (Files.isDirectory(path)) {
            data = TrainingData.read(new DirectoryObjectStore(path));
            if (data.events().isEmpty()) {
                throw new UsageException(path + " holds no clean events (expected clean/events/dt=…/*.jsonl.gz)");
            }
        } else if (!Files.isReadable(path)) {
            throw new UsageException("cannot read " + path);
        } else {
            try (InputStream in = Files.newInputStream(path)) {
                data = TrainingData.clean(in, CleanRequest.of("cli", path.getFileName().toString())
                        .withFormat(format).withZone(zone).withLimits(CleanLimits.DEFAULT));
            } catch (IllegalArgumentException unreadable) {
                throw new UsageException(path + " could not be read: " + unreadable.getMessage());
            }
        }
        return new EventsInput(data.events(), data.catalogue());
    }

    static ExportFormat format(String code) {
        if (code == null) {
            return null;
        }
        try {
            return ExportFormat.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
