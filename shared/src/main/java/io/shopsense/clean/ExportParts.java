package io.shopsense.clean;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * An export cleaned in parts (byte ranges that start at line starts) by several workers, with the rows, rejects and
 * report {@link ExportCleaner} gives for the whole file (docs/architecture.md §7). Each part runs the same reader,
 * mappers and rules; what crosses parts is settled by the caller in three steps:
 * <ol>
 *   <li>{@link #plan} reads the start of the file once: encoding, format, header, and whether it can be cleaned in
 *       parts at all (if not, {@link ExportCleaner} cleans it whole).</li>
 *   <li>A first pass of {@link #clean} per part (output discarded) counts its records and reports each dedup key
 *       (event id, content hash) it saw first. The caller groups the keys: a key first seen in part i is
 *       "claimed earlier" for every later part that also saw it (a shuffle by key), and the records counts give
 *       each part its first row number.</li>
 *   <li>A second pass of {@link #clean} per part with its claimed keys and row offset writes the rows: a claimed
 *       key's first row in a part is rejected as an in-file {@code DUPLICATE}, exactly as the whole-file cleaner
 *       rejects the second copy; {@link #merge} adds the parts' reports up and merges what mappers write at the
 *       end (Online Retail's catalogue).</li>
 * </ol>
 * A part boundary is a record boundary only when the part before it ends outside quotes; a part that ends inside a
 * quoted field (a line break inside a CSV field, or an unterminated quote) makes {@link PartResult#alignedWithNext}
 * false, and the caller cleans the file whole instead.
 *
 * <p>One difference remains: the whole-file cleaner remembers the most recent 2–4 million keys of a file
 * ({@link CleanLimits#fileDedupEntries}), the parts remember every key; they agree unless two copies of a row lie
 * further apart than that.
 */
public final class ExportParts {
    /** Formats whose rows depend on no earlier row of the file, other than through the dedup keys. */
    private static final Set<ExportFormat> SPLITTABLE = Set.of(ExportFormat.ONLINE_RETAIL, ExportFormat.CDNOW,
            ExportFormat.OTTO_JSONL, ExportFormat.EVENTS_CSV, ExportFormat.EVENTS_JSONL, ExportFormat.CATALOG_CSV,
            ExportFormat.ADS_CSV);
    /** Encodings in which a line break is one byte that never occurs inside a character. */
    private static final Set<String> LINE_SAFE_CHARSETS = Set.of("UTF-8", "windows-1252", "GBK");

    private ExportParts() {
    }

    /**
     * What every part needs to read its bytes as the whole-file cleaner reads them.
     *
     * @param format     the detected (or forced) format; null when the file fails at its start
     * @param splittable whether the file can be cleaned in parts; if not, {@link ExportCleaner} cleans it whole
     *                   (gzip, UTF-16, a format whose rows depend on earlier rows, a file that fails at its start)
     */
    public record Plan(ExportFormat format, boolean splittable, char delimiter, boolean header,
                       String[] headerFields, long headerRecord, String charset, int bomLength) implements Serializable {
        private static final long serialVersionUID = 1L;

        FormatSniffer.Detection detection() {
            return new FormatSniffer.Detection(format, delimiter, header);
        }

        static Plan whole(ExportFormat format) {
            return new Plan(format, false, ',', false, new String[0], 0, null, 0);
        }
    }

    /** The plan for cleaning the file that {@code start} begins; it reads the first 64 KB and the header. */
    public static Plan plan(InputStream start, CleanRequest request) {
        ExportFormat format = null;
        try {
            InputDecoder.Decoded decoded = new InputDecoder(start).open();
            if (decoded.firstLine() == null) {
                return Plan.whole(null);
            }
            FormatSniffer.Detection detection = FormatSniffer.detect(decoded.firstLine(), request);
            format = detection.format();
            if (!"none".equals(decoded.compression()) || !LINE_SAFE_CHARSETS.contains(decoded.encoding())
                    || !SPLITTABLE.contains(format)) {
                return Plan.whole(format);
            }
            RecordReader rec = ExportCleaner.recordReader(decoded.reader(), detection, request.limits());
            ExportCleaner.Header header = ExportCleaner.readHeader(rec, detection);
            // a header the mapper refuses fails the whole file: the whole-file cleaner reports it
            ExportCleaner.mapper(format, new CleanRun(request, DISCARD, Instant.EPOCH), header.fields());
            return new Plan(format, true, detection.delimiter(), detection.header(), header.fields(),
                    header.record(), decoded.encoding(), decoded.bom() ? 3 : 0);
        } catch (InputDecoder.FileFailure | IOException | RuntimeException unreadable) {
            return Plan.whole(format); // whatever went wrong, the whole-file cleaner reports it as it always does
        }
    }

    /**
     * Which part of the file this is.
     *
     * @param index          0 for the part that starts the file (it reads the header itself)
     * @param last           whether the part ends the file
     * @param rowOffset      added to a record's number within the part to give its source row: for part 0 minus
     *                       the header's record, for a later part the records of the parts before it minus that
     * @param claimedEarlier the dedup keys an earlier part saw first (empty on the first pass)
     */
    public record Part(int index, boolean last, long rowOffset, long[] claimedEarlier) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * What a part did.
     *
     * @param report           its counts (no checksum: {@link #merge} adds the file's)
     * @param records          records read, blank ones and (part 0) the header included
     * @param finishRows       what the mapper wrote after the last record (Online Retail's catalogue), merged by
     *                         {@link #merge}, not written by the part
     * @param alignedWithNext  whether the next part starts at a record boundary (the part ended outside quotes and,
     *                         for part 0, the header was where the plan found it)
     */
    public record PartResult(CleanReport report, long records, List<String> finishRows, boolean alignedWithNext)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Cleans one part: {@code bytes} is exactly the part's byte range (part 0 from the file's first byte).
     * {@code request.receivedAt()} must be set, so that every part judges "the future" alike. Rows and rejects go to
     * {@code out} in file order; {@code firstKeys} hears each dedup key the part saw first.
     */
    public static PartResult clean(InputStream bytes, Plan plan, Part part, CleanRequest request, CleanOutput out,
                                   LongConsumer firstKeys) throws IOException {
        if (request.receivedAt() == null) {
            throw new IllegalArgumentException("the parts of a file need one receivedAt");
        }
        FinishRows output = new FinishRows(out);
        CleanRun run = new CleanRun(request, output, request.receivedAt());
        run.firstInFile = firstKeys;
        for (long key : part.claimedEarlier()) {
            run.claimedEarlier(key);
        }
        InputStream buffered = new BufferedInputStream(bytes, InputDecoder.SAMPLE);
        if (part.index() == 0 && buffered.skip(plan.bomLength()) != plan.bomLength()) {
            throw new IOException("the part ends inside the byte order mark");
        }
        FormatSniffer.Detection detection = plan.detection();
        RecordReader rec = ExportCleaner.recordReader(InputDecoder.reader(buffered, Charset.forName(plan.charset())),
                detection, request.limits());
        long rowOffset = part.rowOffset();
        boolean aligned = true;
        if (part.index() == 0) {
            ExportCleaner.Header header = ExportCleaner.readHeader(rec, detection);
            run.blankLines += header.blanksBefore();
            aligned = header.record() == plan.headerRecord() && Arrays.equals(header.fields(), plan.headerFields());
            rowOffset = -plan.headerRecord();
        }
        try {
            RowMapper mapper = ExportCleaner.mapper(plan.format(), run, plan.headerFields());
            boolean insideQuote = ExportCleaner.mapRecords(rec, plan.format(), mapper, run,
                    plan.headerFields().length, rowOffset);
            output.finishing = true;
            mapper.finish();
            CleanReport report = run.report(plan.format().code(), plan.charset(), plan.bomLength() > 0, "none", null,
                    0, null, null);
            return new PartResult(report, rec.recordNumber(), List.copyOf(output.finishRows),
                    aligned && (part.last() || !insideQuote));
        } catch (InputDecoder.FileFailure refused) {
            throw new IllegalStateException("the plan accepted this header: " + refused.getMessage(), refused);
        } catch (CleanRun.OutputFailure e) {
            throw e.original();
        }
    }

    /** The first pass over a part: {@link #clean} with its rows and rejects discarded. */
    public static PartResult scan(InputStream bytes, Plan plan, Part part, CleanRequest request,
                                  LongConsumer firstKeys) throws IOException {
        return clean(bytes, plan, part, request, DISCARD, firstKeys);
    }

    /**
     * The file's report and end rows from its parts' (in file order), as {@link ExportCleaner} gives them: the end
     * rows are of {@code finishKind} and partition {@code finishDt}.
     */
    public record Merged(CleanReport report, RowKind finishKind, LocalDate finishDt, List<String> finishRows) {
    }

    /** Adds the parts up; {@code sha256} and {@code bytes} are the whole upload's. */
    public static Merged merge(Plan plan, CleanRequest request, List<PartResult> parts, String sha256, long bytes) {
        String sourceId = request.sourceId();
        long rowsIn = 0, clean = 0, rejected = 0, erased = 0, nonProduct = 0, blank = 0;
        TreeMap<String, Long> reasons = new TreeMap<>();
        TreeMap<String, Long> kinds = new TreeMap<>();
        Instant first = null, last = null;
        List<List<String>> finishRows = new ArrayList<>();
        for (PartResult part : parts) {
            CleanReport r = part.report();
            rowsIn += r.rowsIn();
            clean += r.rowsClean();
            rejected += r.rowsRejected();
            erased += r.rowsErased();
            nonProduct += r.nonProductRows();
            blank += r.blankLines();
            r.rejectsByReason().forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
            r.outputsByKind().forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
            first = r.firstTs() != null && (first == null || r.firstTs().isBefore(first)) ? r.firstTs() : first;
            last = r.lastTs() != null && (last == null || r.lastTs().isAfter(last)) ? r.lastTs() : last;
            finishRows.add(part.finishRows());
        }
        List<String> merged = List.of();
        RowKind finishKind = null;
        if (plan.format() == ExportFormat.ONLINE_RETAIL) {
            finishKind = RowKind.CATALOG;
            merged = OnlineRetailMapper.mergeCatalogues(finishRows);
            long inParts = finishRows.stream().mapToLong(List::size).sum();
            long catalog = kinds.getOrDefault(finishKind.prefix(), 0L) - inParts + merged.size();
            if (catalog > 0) {
                kinds.put(finishKind.prefix(), catalog);
            } else {
                kinds.remove(finishKind.prefix());
            }
        } else if (finishRows.stream().anyMatch(rows -> !rows.isEmpty())) {
            throw new IllegalStateException(plan.format().code() + " wrote rows at its end: not splittable");
        }
        CleanReport report = new CleanReport(sourceId, plan.format().code(), plan.charset(), plan.bomLength() > 0,
                "none", rowsIn, clean, rejected, erased, 0, 0, reasons, kinds, nonProduct, blank, first, last, sha256,
                bytes, CleanReport.Status.OK, null, null);
        LocalDate finishDt = new CleanRun(request, DISCARD, request.receivedAt()).receivedDate;
        return new Merged(report, finishKind, finishDt, merged);
    }

    /**
     * The first line start at or after {@code offset}, reading {@code from} positioned at {@code offset - 1} (a line
     * starts after LF, after CR LF, or after a CR not followed by LF); the file's length if none follows.
     */
    public static long lineStartFrom(InputStream from, long offset) throws IOException {
        long pos = offset - 1;
        int c = from.read();
        while (c >= 0) {
            if (c == '\n') {
                return pos + 1;
            }
            if (c == '\r') {
                return from.read() == '\n' ? pos + 2 : pos + 1;
            }
            c = from.read();
            pos++;
        }
        return pos + 1;
    }

    /** The mapper's end rows set apart from its other rows. */
    private static final class FinishRows implements CleanOutput {
        private final CleanOutput out;
        private final List<String> finishRows = new ArrayList<>();
        private boolean finishing;

        FinishRows(CleanOutput out) {
            this.out = out;
        }

        @Override
        public void row(RowKind kind, LocalDate dt, String jsonLine) {
            if (finishing) {
                finishRows.add(jsonLine);
            } else {
                out.row(kind, dt, jsonLine);
            }
        }

        @Override
        public void reject(Reject reject) {
            out.reject(reject);
        }
    }

    private static final CleanOutput DISCARD = new CleanOutput() {
        @Override
        public void row(RowKind kind, LocalDate dt, String jsonLine) {
        }

        @Override
        public void reject(Reject reject) {
        }
    };
}
