package io.shopsense.local.cli;

import io.shopsense.clean.CleanLimits;
import io.shopsense.clean.CleanOutput;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.CleanRequest;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.ExportCleaner;
import io.shopsense.clean.ExportFormat;
import io.shopsense.clean.Reject;
import io.shopsense.clean.RowKind;
import io.shopsense.model.Event;
import io.shopsense.model.Item;
import io.shopsense.pipeline.CleanRows;
import io.shopsense.pipeline.Layout;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a command's events come from: a clean output directory (as {@code clean --out DIR} or the bucket lays it out:
 * {@code clean/events/dt=…/*.jsonl.gz}, {@code clean/catalog/…}) or a raw export file, cleaned in memory with the
 * same cleaner the functions use.
 */
record EventsInput(List<Event> events, List<Item> catalogue) {

    static EventsInput load(Path path, ExportFormat format, ZoneId zone) throws IOException {
        if (Files.isDirectory(path)) {
            DirectoryObjectStore store = new DirectoryObjectStore(path);
            List<Event> events = CleanRows.allEvents(store, Layout.cleanPrefix("events"));
            if (events.isEmpty()) {
                throw new UsageException(path + " holds no clean events (expected clean/events/dt=…/*.jsonl.gz)");
            }
            Map<String, Item> catalogue = new LinkedHashMap<>();
            for (var info : store.list(Layout.cleanPrefix("catalog"))) {
                for (Item item : CleanRows.read(store, info.key(), CanonicalJson::readItem)) {
                    catalogue.put(item.itemId(), item); // the latest upload's row wins
                }
            }
            return new EventsInput(events, new ArrayList<>(catalogue.values()));
        }
        if (!Files.isReadable(path)) {
            throw new UsageException("cannot read " + path);
        }
        List<Event> events = new ArrayList<>();
        Map<String, Item> catalogue = new LinkedHashMap<>();
        CleanOutput collect = new CleanOutput() {
            @Override
            public void row(RowKind kind, LocalDate dt, String jsonLine) {
                if (kind == RowKind.EVENTS) {
                    events.add(CanonicalJson.readEvent(jsonLine));
                } else if (kind == RowKind.CATALOG) {
                    Item item = CanonicalJson.readItem(jsonLine);
                    catalogue.put(item.itemId(), item);
                }
            }

            @Override
            public void reject(Reject reject) {
                // rejected rows are reported by `clean`; here only the clean rows matter
            }
        };
        CleanReport report;
        try (InputStream in = Files.newInputStream(path)) {
            report = new ExportCleaner().clean(in, CleanRequest.of("cli", path.getFileName().toString())
                    .withFormat(format).withZone(zone).withLimits(CleanLimits.DEFAULT), collect);
        }
        if (!report.ok()) {
            throw new UsageException(path + " could not be read: " + report.errorCode() + ": " + report.errorMessage());
        }
        Output.progress("cleaned " + path.getFileName() + ": " + report.rowsClean() + " clean rows, "
                + report.rowsRejected() + " rejected");
        return new EventsInput(events, new ArrayList<>(catalogue.values()));
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
