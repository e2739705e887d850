package io.shopsense.bench;

import io.shopsense.pipeline.Layout;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.clean.CleanOutput;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.CleanRequest;
import io.shopsense.clean.ExportCleaner;
import io.shopsense.clean.Reject;
import io.shopsense.clean.RowKind;
import io.shopsense.model.Event;
import io.shopsense.model.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clean Online Retail output, in memory: canonical event lines by partition date and the catalogue, produced by
 * the same cleaner the clean-upload function runs (the input of the profiles and recs benchmarks).
 *
 * @param eventLines canonical JSON event lines per {@code dt} partition, in file order
 */
record CleanRetail(TreeMap<LocalDate, List<String>> eventLines, List<Item> catalogue, CleanReport report) {

    static CleanRetail load(Path dataDir) throws IOException {
        Path file = dataDir.resolve("online-retail/online-retail.csv.gz");
        TreeMap<LocalDate, List<String>> events = new TreeMap<>();
        Map<String, Item> catalogue = new TreeMap<>();
        CleanOutput collect = new CleanOutput() {
            @Override
            public void row(RowKind kind, LocalDate dt, String jsonLine) {
                if (kind == RowKind.EVENTS) {
                    events.computeIfAbsent(dt, d -> new ArrayList<>()).add(jsonLine);
                } else if (kind == RowKind.CATALOG) {
                    Item item = CanonicalJson.readItem(jsonLine);
                    catalogue.put(item.itemId(), item);
                }
            }

            @Override
            public void reject(Reject reject) {
            }
        };
        try (InputStream in = Files.newInputStream(file)) {
            CleanReport report = new ExportCleaner().clean(in, CleanRequest.of("online-retail", Layout.RAW_ORDERS
                    + file.getFileName()).withExpectedKind(RowKind.EVENTS), collect);
            if (!report.ok()) {
                throw new IOException("cleaning " + file + " failed: " + report.errorMessage());
            }
            return new CleanRetail(events, List.copyOf(catalogue.values()), report);
        }
    }

    /** Every clean event, in partition order. */
    List<Event> events() {
        List<Event> all = new ArrayList<>();
        eventLines.values().forEach(lines -> lines.forEach(line -> all.add(CanonicalJson.readEvent(line))));
        return all;
    }
}
