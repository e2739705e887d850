package io.shopsense.local.cli;

import io.shopsense.clean.CleanLimits;
import io.shopsense.clean.CleanReport;
import io.shopsense.clean.ExportFormat;
import io.shopsense.pipeline.Layout;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.SourceIds;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clean FILE… --out DIR}: the clean-upload function's code on local files, cleaned one after another in the
 * order given, as the function cleans successive uploads (a Taobao item report's rows wait in the order index for
 * the order report that follows). The directory gets the bucket's layout ({@code clean/…}, {@code rejects/…},
 * {@code manifests/…}) plus {@code rejects.jsonl} and {@code manifest.json} at its top for a quick look: for one file
 * its manifest, for several a run manifest reconciling them all (rows in = clean + rejected + erased + still held).
 */
@Command(name = "clean", description = "Clean export files, in the order given, into canonical rows, rejects and a manifest.")
final class CleanCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "The exports (CSV, JSON Lines or CDNOW text; optionally .gz), in upload order.")
    List<Path> files;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--format", description = "Force a format: ${COMPLETION-CANDIDATES}.")
    String format;

    @Option(names = "--tz", description = "The shop's time zone for times without an offset (default UTC).",
            defaultValue = "UTC")
    String zone;

    @Override
    public Integer call() throws Exception {
        for (Path file : files) {
            if (!Files.isReadable(file) || Files.isDirectory(file)) {
                throw new UsageException("cannot read " + file);
            }
        }
        ExportFormat forced = parseFormat();
        ZoneId shopZone;
        try {
            shopZone = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new UsageException("unknown time zone " + zone);
        }
        Files.createDirectories(out);
        DirectoryObjectStore store = new DirectoryObjectStore(out);
        UploadCleaner cleaner = new UploadCleaner(store, new InMemoryIngestionLedger(),
                new UploadCleaner.Settings(shopZone, CleanLimits.DEFAULT, Duration.ofDays(35), 4_000_000, "GBP",
                        Path.of(System.getProperty("java.io.tmpdir"))),
                Clock.systemUTC());
        if (files.size() == 1) {
            return cleanOne(cleaner, files.get(0), forced);
        }
        return cleanAll(cleaner, forced);
    }

    private int cleanOne(UploadCleaner cleaner, Path file, ExportFormat forced) throws Exception {
        Cleaned one = clean(cleaner, file, forced);
        CleanReport report = one.report;
        Files.copy(out.resolve(Layout.manifestKey(one.sourceId)), out.resolve("manifest.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path rejects = out.resolve("rejects.jsonl");
        Files.deleteIfExists(rejects);
        Files.write(rejects, rejectsOf(one.sourceId));
        Map<String, Object> result = summary(one);
        result.remove("file"); // one file: the output as it always was
        result.put("out", out.toAbsolutePath().toString());
        Output.result(result);
        if (!report.ok()) {
            Output.progress(file + " could not be cleaned: " + report.errorCode() + ": " + report.errorMessage());
            return ShopsenseCli.EXIT_USAGE;
        }
        return 0;
    }

    /**
     * Several files as successive uploads; the run manifest adds them up: rows read (each file's rows, not counting
     * held rows of an earlier file that a later one settled) = clean + rejected + erased + still held.
     */
    private int cleanAll(UploadCleaner cleaner, ExportFormat forced) throws Exception {
        List<Map<String, Object>> perFile = new ArrayList<>();
        java.io.ByteArrayOutputStream rejects = new java.io.ByteArrayOutputStream();
        long rowsRead = 0, clean = 0, rejected = 0, erased = 0, held = 0, settled = 0;
        Map<String, Long> byReason = new java.util.TreeMap<>();
        List<String> failed = new ArrayList<>();
        for (Path file : files) {
            Cleaned one = clean(cleaner, file, forced);
            CleanReport r = one.report;
            perFile.add(summary(one));
            rejects.write(rejectsOf(one.sourceId));
            if (!r.ok()) {
                failed.add(file + ": " + r.errorCode() + ": " + r.errorMessage());
                continue; // a failed file publishes only its manifest; its rows are not part of the run's outputs
            }
            rowsRead += r.rowsIn() - r.heldRowsSettled();
            clean += r.rowsClean();
            rejected += r.rowsRejected();
            erased += r.rowsErased();
            held += r.rowsHeld();
            settled += r.heldRowsSettled();
            r.rejectsByReason().forEach((reason, n) -> byReason.merge(reason, n, Long::sum));
        }
        long stillHeld = held - settled;
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("files", files.stream().map(Path::toString).toList());
        manifest.put("rowsIn", rowsRead);
        manifest.put("rowsClean", clean);
        manifest.put("rowsRejected", rejected);
        manifest.put("rowsErased", erased);
        manifest.put("rowsStillHeld", stillHeld);
        manifest.put("reconciles", rowsRead == clean + rejected + erased + stillHeld);
        manifest.put("rejectsByReason", byReason);
        manifest.put("heldInDirectory", cleaner.orderIndex().stillHeld().size());
        manifest.put("uploads", perFile);
        Files.write(out.resolve("manifest.json"), Output.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(manifest));
        Files.write(out.resolve("rejects.jsonl"), rejects.toByteArray());
        Map<String, Object> result = new LinkedHashMap<>(manifest);
        result.put("out", out.toAbsolutePath().toString());
        Output.result(result);
        if (!failed.isEmpty()) {
            Output.progress("could not be cleaned: " + String.join("; ", failed));
            return ShopsenseCli.EXIT_USAGE;
        }
        return 0;
    }

    private record Cleaned(Path file, String sourceId, CleanReport report, double seconds) {
    }

    private static Cleaned clean(UploadCleaner cleaner, Path file, ExportFormat forced) throws Exception {
        String sourceId = SourceIds.of("local", file.toAbsolutePath().toString(),
                Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis());
        long started = System.nanoTime();
        UploadCleaner.Outcome outcome;
        try (InputStream raw = Files.newInputStream(file)) {
            outcome = cleaner.clean(sourceId, file.getFileName().toString(), raw, forced, null);
        }
        return new Cleaned(file, sourceId, outcome.report(), (System.nanoTime() - started) / 1e9);
    }

    private byte[] rejectsOf(String sourceId) throws java.io.IOException {
        Path dir = out.resolve("rejects");
        if (!Files.isDirectory(dir)) {
            return new byte[0];
        }
        try (var listed = Files.walk(dir).filter(p -> p.toString().endsWith(sourceId + ".jsonl"))) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (Path found : listed.sorted().toList()) {
                all.write(Files.readAllBytes(found));
            }
            return all.toByteArray();
        }
    }

    private static Map<String, Object> summary(Cleaned one) {
        CleanReport report = one.report;
        double seconds = one.seconds;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sourceId", one.sourceId);
        result.put("file", one.file.toString());
        result.put("status", report.status().code());
        result.put("format", report.format());
        result.put("encoding", report.encoding());
        result.put("rowsIn", report.rowsIn());
        result.put("rowsClean", report.rowsClean());
        result.put("rowsRejected", report.rowsRejected());
        if (report.rowsHeld() > 0 || report.heldRowsSettled() > 0) {
            result.put("rowsHeld", report.rowsHeld());
            result.put("heldRowsSettled", report.heldRowsSettled());
        }
        result.put("rejectsByReason", report.rejectsByReason());
        result.put("outputsByKind", report.outputsByKind());
        result.put("firstTs", report.firstTs());
        result.put("lastTs", report.lastTs());
        result.put("seconds", Math.round(seconds * 1000) / 1000.0);
        result.put("rowsPerSecond", Math.round(report.rowsIn() / Math.max(seconds, 1e-9)));
        if (!report.ok()) {
            result.put("error", report.errorCode());
            result.put("message", report.errorMessage());
        }
        return result;
    }

    private ExportFormat parseFormat() {
        if (format == null) {
            return null;
        }
        try {
            return ExportFormat.fromCode(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
