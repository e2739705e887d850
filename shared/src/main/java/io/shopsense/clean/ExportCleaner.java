package io.shopsense.clean;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.time.Clock;
import java.time.Instant;
import java.util.zip.ZipException;

/**
 * Cleans one uploaded export, streaming: bytes in, canonical rows and rejects out through a {@link CleanOutput},
 * a {@link CleanReport} back. Storage-free, so the Lambda (reading S3) and the CLI (reading a file) run the same code.
 *
 * <p>Bad data never throws: bad rows are rejects with a {@link RejectReason}; an unreadable or unknown file is a
 * report with status {@code failed} and a {@link FileError}. Memory is bounded by the limits and the dedup window
 * (plus the distinct items of an Online Retail file), never by the file's size.
 *
 * <p>Failures after rows began (a truncated gzip found half-way, an I/O error) are reported the same way as at the
 * start: status {@code failed}, counts reconciled over the complete records read before the failure (the record the
 * failure cut is dropped, not counted), and the caller discards what it received. A retry of the same source writes
 * the same rows: ids depend on content only, the window ignores ids its own source recorded, and "now" is
 * {@link CleanRequest#receivedAt()}.
 *
 * <p>A large file can also be cleaned in parts on several machines, with the same result: {@link ExportParts}
 * (docs/architecture.md §7).
 */
public final class ExportCleaner {
    private final Clock clock;

    /** A cleaner judging "the future" against the system clock when the request names no receive time. */
    public ExportCleaner() {
        this(Clock.systemUTC());
    }

    /** A cleaner with an injected clock (tests). */
    public ExportCleaner(Clock clock) {
        this.clock = clock;
    }

    /**
     * Cleans {@code raw} to its end (it is not closed). Returns the manifest data; never throws for the content of
     * the stream. A {@link RuntimeException} thrown by {@code out} (storage failing) propagates unchanged.
     */
    public CleanReport clean(InputStream raw, CleanRequest request, CleanOutput out) {
        Instant received = request.receivedAt() != null ? request.receivedAt() : clock.instant();
        CleanRun run = new CleanRun(request, out, received);
        InputDecoder input = new InputDecoder(raw);
        InputDecoder.Decoded decoded = null;
        String format = null;
        FileError error = null;
        String message = null;
        try {
            decoded = input.open();
            String first = decoded.firstLine();
            if (first == null) {
                throw new InputDecoder.FileFailure(FileError.EMPTY_FILE, "the file has no visible text");
            }
            FormatSniffer.Detection detection = FormatSniffer.detect(first, request);
            format = detection.format().code();
            drive(decoded.reader(), detection, run);
        } catch (InputDecoder.FileFailure f) {
            error = f.error;
            message = f.getMessage();
            if (decoded == null && (error == FileError.TRUNCATED_GZIP || error == FileError.BAD_GZIP)) {
                decoded = new InputDecoder.Decoded(null, "gzip", null, false, null);
            }
        } catch (EOFException e) {
            boolean gzip = decoded != null && "gzip".equals(decoded.compression());
            error = gzip ? FileError.TRUNCATED_GZIP : FileError.UNREADABLE;
            message = gzip ? "gzip stream ends before its trailer, after " + run.rowsIn + " rows" : e.toString();
        } catch (ZipException e) {
            error = FileError.BAD_GZIP;
            message = "corrupt gzip data after " + run.rowsIn + " rows: " + e.getMessage();
        } catch (IOException e) {
            error = FileError.UNREADABLE;
            message = "reading failed after " + run.rowsIn + " rows: " + e;
        } catch (CleanRun.OutputFailure e) {
            throw e.original(); // the caller's storage failed: its retry, not a manifest entry
        }
        input.drain();
        return run.report(format, decoded, input, error, message);
    }

    private static void drive(Reader reader, FormatSniffer.Detection d, CleanRun run)
            throws IOException, InputDecoder.FileFailure {
        RecordReader rec = recordReader(reader, d, run.limits);
        Header header = readHeader(rec, d);
        run.blankLines += header.blanksBefore();
        RowMapper mapper = mapper(d.format(), run, header.fields());
        mapRecords(rec, d.format(), mapper, run, header.fields().length, -header.record());
        mapper.finish();
    }

    /** The header's fields (normalised), its record number and the blank records before it. */
    record Header(String[] fields, long record, long blanksBefore) implements java.io.Serializable {
    }

    static RecordReader recordReader(Reader reader, FormatSniffer.Detection d, CleanLimits limits) {
        return new RecordReader(reader, d.delimiter(), csv(d.format()), limits.maxRecordChars());
    }

    private static boolean csv(ExportFormat format) {
        return switch (format) {
            case OTTO_JSONL, EVENTS_JSONL, CDNOW, REVIEWS_JSONL -> false;
            default -> true;
        };
    }

    static Header readHeader(RecordReader rec, FormatSniffer.Detection d) throws IOException {
        long blanks = 0;
        if (d.header()) {
            while (rec.next()) {
                if (!rec.isBlankRecord()) {
                    String[] header = new String[rec.size()];
                    for (int i = 0; i < header.length; i++) {
                        header[i] = ExportFormat.normaliseHeader(rec.field(i));
                    }
                    return new Header(header, rec.recordNumber(), blanks);
                }
                blanks++;
            }
        }
        return new Header(new String[0], 0, blanks);
    }

    static RowMapper mapper(ExportFormat format, CleanRun run, String[] header) throws InputDecoder.FileFailure {
        return switch (format) {
            case ONLINE_RETAIL -> new OnlineRetailMapper(run, header);
            case CDNOW -> new CdnowMapper(run);
            case SHOPIFY_ORDERS -> new ShopifyOrdersMapper(run, header);
            case OTTO_JSONL -> new OttoMapper(run);
            case EVENTS_CSV -> new GenericEventsMapper(run, header);
            case EVENTS_JSONL -> new GenericEventsMapper(run);
            case CATALOG_CSV -> new CatalogMapper(run, header);
            case ADS_CSV -> new AdsMapper(run, header);
            // Taobao/Tmall seller-centre reports (issue 20)
            case TAOBAO_ORDERS -> new TaobaoOrdersMapper(run, header);
            case TAOBAO_ITEMS -> new TaobaoItemsMapper(run, header);
            // --- reviews (issue #17)
            case SHOPIFY_REVIEWS, REVIEWS_CSV -> new ReviewsMapper(run, header);
            case REVIEWS_JSONL -> new ReviewsMapper(run);
        };
    }

    /**
     * Maps every record after the header; source row = record number + {@code rowOffset} (minus the header's record
     * for a whole file). Returns whether the last record was cut by the end of the input inside a quoted field.
     * The caller then calls {@link RowMapper#finish}.
     */
    static boolean mapRecords(RecordReader rec, ExportFormat format, RowMapper mapper, CleanRun run, int columns,
                              long rowOffset) throws IOException {
        CleanLimits limits = run.limits;
        boolean csv = csv(format);
        boolean endsInsideQuote = false;
        while (rec.next()) {
            long row = rec.recordNumber() + rowOffset;
            endsInsideQuote = rec.unterminatedQuote();
            if (!rec.oversized() && rec.isBlankRecord()) {
                run.blank();
                continue;
            }
            if (rec.oversized()) {
                run.reject(row, mapper.evidence(rec), RejectReason.FIELD_TOO_LONG,
                        "record longer than " + limits.maxRecordChars() + " characters (raw text truncated)");
            } else if (rec.unterminatedQuote()) {
                run.reject(row, mapper.evidence(rec), RejectReason.UNTERMINATED_QUOTE, "a quoted field never closes");
            } else if (csv && rec.longestField() > limits.maxFieldChars()) {
                run.reject(row, mapper.evidence(rec), RejectReason.FIELD_TOO_LONG,
                        "a field of " + rec.longestField() + " characters (limit " + limits.maxFieldChars() + ")");
            } else if (csv && rec.size() != columns) {
                run.reject(row, mapper.evidence(rec), RejectReason.WRONG_COLUMN_COUNT,
                        rec.size() + " fields, the header has " + columns);
            } else if (rec.hasReplacement()) {
                run.reject(row, mapper.evidence(rec), RejectReason.BAD_ENCODING,
                        "bytes that are not valid in the detected encoding");
            } else {
                mapSafely(mapper, rec, row, run);
            }
        }
        return endsInsideQuote;
    }

    private static void mapSafely(RowMapper mapper, RecordReader rec, long row, CleanRun run) {
        long before = run.rowsIn;
        try {
            mapper.map(rec, row);
        } catch (CleanRun.OutputFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // a row no rule foresaw must still be counted and kept, never lost or fatal to the file
            if (run.rowsIn == before) {
                // the exception's message may quote a cell: a format with personal columns keeps only the class
                String why = mapper.evidence(rec).equals(rec.raw()) ? e.getClass().getSimpleName() + ": "
                        + e.getMessage() : e.getClass().getSimpleName();
                run.reject(row, mapper.evidence(rec), RejectReason.UNPARSEABLE_ROW, why);
            }
        }
    }
}
