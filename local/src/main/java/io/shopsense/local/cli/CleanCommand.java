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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clean FILE --out DIR}: the clean-upload function's code on a local file. The directory gets the bucket's
 * layout ({@code clean/…}, {@code rejects/…}, {@code manifests/…}) plus {@code rejects.jsonl} and {@code manifest.json}
 * at its top for a quick look.
 */
@Command(name = "clean", description = "Clean one export file into canonical rows, rejects and a manifest.")
final class CleanCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The export (CSV, JSON Lines or CDNOW text; optionally .gz).")
    Path file;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--format", description = "Force a format: ${COMPLETION-CANDIDATES}.")
    String format;

    @Option(names = "--tz", description = "The shop's time zone for times without an offset (default UTC).",
            defaultValue = "UTC")
    String zone;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new UsageException("cannot read " + file);
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
        String sourceId = SourceIds.of("local", file.toAbsolutePath().toString(),
                Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis());
        long started = System.nanoTime();
        UploadCleaner.Outcome outcome;
        try (InputStream raw = Files.newInputStream(file)) {
            outcome = cleaner.clean(sourceId, file.getFileName().toString(), raw, forced, null);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        CleanReport report = outcome.report();
        Files.copy(out.resolve(Layout.manifestKey(sourceId)), out.resolve("manifest.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Path rejects = out.resolve("rejects.jsonl");
        Files.deleteIfExists(rejects);
        try (var listed = Files.walk(out.resolve("rejects")).filter(p -> p.toString().endsWith(sourceId + ".jsonl"))) {
            for (Path found : listed.toList()) {
                Files.copy(found, rejects, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.nio.file.NoSuchFileException noRejects) {
            Files.createFile(rejects);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sourceId", sourceId);
        result.put("status", report.status().code());
        result.put("format", report.format());
        result.put("encoding", report.encoding());
        result.put("rowsIn", report.rowsIn());
        result.put("rowsClean", report.rowsClean());
        result.put("rowsRejected", report.rowsRejected());
        result.put("rejectsByReason", report.rejectsByReason());
        result.put("outputsByKind", report.outputsByKind());
        result.put("firstTs", report.firstTs());
        result.put("lastTs", report.lastTs());
        result.put("seconds", Math.round(seconds * 1000) / 1000.0);
        result.put("rowsPerSecond", Math.round(report.rowsIn() / Math.max(seconds, 1e-9)));
        result.put("out", out.toAbsolutePath().toString());
        if (!report.ok()) {
            result.put("error", report.errorCode());
            result.put("message", report.errorMessage());
        }
        Output.result(result);
        if (!report.ok()) {
            Output.progress(file + " could not be cleaned: " + report.errorCode() + ": " + report.errorMessage());
            return ShopsenseCli.EXIT_USAGE;
        }
        return 0;
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
