package io.shopsense.clean;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Chooses the format from the first non-blank line: JSON objects are OTTO (keys {@code session} and {@code events})
 * or generic JSON Lines; lines of whitespace-separated numbers are CDNOW; CSV headers are matched by their
 * normalised names, known exports first (Online Retail, Shopify), then ads, generic events, catalogue. The CSV
 * delimiter is whichever of {@code , ; TAB |} occurs most in the header.
 */
final class FormatSniffer {
    private static final Pattern CDNOW_ROW = Pattern.compile("\\s*\\d+\\s+(\\d+\\s+)?\\d{8}\\s+\\d+\\s+-?[\\d.]+\\s*");
    private static final List<String> CDNOW_HEADER = List.of("customerid", "date", "numberofcds", "dollarvalue");

    /** The decision: format, CSV delimiter, and whether the first non-blank record is a header. */
    record Detection(ExportFormat format, char delimiter, boolean header) {}

    private FormatSniffer() {
    }

    static Detection detect(String firstLine, CleanRequest request) throws InputDecoder.FileFailure {
        String line = firstLine.strip();
        char delimiter = delimiter(line);
        ExportFormat forced = request.forcedFormat();
        RowKind expected = request.expectedKind(); // the caller's, from where the upload was put
        if (forced == null && expected == RowKind.CATALOG) {
            forced = ExportFormat.CATALOG_CSV;
        } else if (forced == null && expected == RowKind.ADS) {
            forced = ExportFormat.ADS_CSV;
        }
        // --- reviews (issue #17): --format reviews and an expected reviews kind pick the family, the line its member
        if (forced == null && expected == RowKind.REVIEWS) {
            forced = ExportFormat.REVIEWS_CSV;
        }
        if (forced != null && forced.kind() == RowKind.REVIEWS) {
            forced = line.startsWith("{") ? ExportFormat.REVIEWS_JSONL
                    : isShopifyReviews(header(line, delimiter)) ? ExportFormat.SHOPIFY_REVIEWS : ExportFormat.REVIEWS_CSV;
        }
        // --- end reviews
        if (forced != null) {
            return new Detection(forced, delimiter, hasHeader(forced, line));
        }
        ExportFormat found = sniff(line, delimiter);
        if (found == null) {
            throw new InputDecoder.FileFailure(FileError.UNKNOWN_FORMAT,
                    "the first line matches no known export: " + abbreviate(line));
        }
        if (expected == RowKind.EVENTS && found.kind() != RowKind.EVENTS) {
            throw new InputDecoder.FileFailure(FileError.UNKNOWN_FORMAT,
                    "uploaded under an events prefix but looks like " + found.code() + ": " + abbreviate(line));
        }
        return new Detection(found, delimiter, hasHeader(found, line));
    }

    private static boolean hasHeader(ExportFormat f, String line) {
        return switch (f) {
            case OTTO_JSONL, EVENTS_JSONL, REVIEWS_JSONL -> false;
            case CDNOW -> !CDNOW_ROW.matcher(line).matches();
            default -> true;
        };
    }

    private static ExportFormat sniff(String line, char delimiter) {
        if (line.startsWith("{")) {
            if (line.contains("\"rating\"") || line.contains("\"stars\"")) {
                return ExportFormat.REVIEWS_JSONL; // reviews (issue #17)
            }
            return line.contains("\"session\"") && line.contains("\"events\"")
                    ? ExportFormat.OTTO_JSONL : ExportFormat.EVENTS_JSONL;
        }
        if (CDNOW_ROW.matcher(line).matches()
                || Arrays.stream(line.split("\\s+")).map(ExportFormat::normaliseHeader).toList().equals(CDNOW_HEADER)) {
            return ExportFormat.CDNOW;
        }
        String[] h = header(line, delimiter);
        if (has(h, "invoiceno") && has(h, "stockcode") && has(h, "quantity") && has(h, "invoicedate")
                && has(h, "unitprice")) {
            return ExportFormat.ONLINE_RETAIL;
        }
        if (has(h, "name") && has(h, "lineitemquantity") && has(h, "createdat") && has(h, "lineitemprice")) {
            return ExportFormat.SHOPIFY_ORDERS;
        }
        // Taobao/Tmall seller-centre reports (issue 20), by their Chinese headers
        if (TaobaoReports.isOrderReport(h)) {
            return ExportFormat.TAOBAO_ORDERS;
        }
        if (TaobaoReports.isItemReport(h)) {
            return ExportFormat.TAOBAO_ITEMS;
        }
        if (has(h, "impressions") && has(h, "clicks") && (has(h, "spend") || has(h, "cost"))) {
            return ExportFormat.ADS_CSV;
        }
        // --- reviews (issue #17): before generic events, whose item and time columns a reviews header also has
        if (isShopifyReviews(h)) {
            return ExportFormat.SHOPIFY_REVIEWS;
        }
        if (ReviewsMapper.looksLikeReviews(h)) {
            return ExportFormat.REVIEWS_CSV;
        }
        // --- end reviews
        boolean item = RowMapper.column(h, GenericEventsMapper.Field.ITEM.names) >= 0;
        if (item && RowMapper.column(h, GenericEventsMapper.Field.TS.names) >= 0) {
            return ExportFormat.EVENTS_CSV;
        }
        if ((item || has(h, "id")) && RowMapper.column(h, "title", "name", "productname", "description") >= 0) {
            return ExportFormat.CATALOG_CSV;
        }
        return null;
    }

    /** The Shopify Product Reviews app's header: {@code product_handle}, {@code rating}, {@code created_at}. */
    private static boolean isShopifyReviews(String[] h) {
        return has(h, "producthandle") && has(h, "rating") && has(h, "createdat");
    }

    /** The header's names, normalised (lower case, letters and digits only). */
    static String[] header(String line, char delimiter) {
        try {
            RecordReader r = new RecordReader(new StringReader(line), delimiter, true, 1 << 20);
            if (!r.next()) {
                return new String[0];
            }
            String[] names = new String[r.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = ExportFormat.normaliseHeader(r.field(i));
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
    }

    private static boolean has(String[] header, String name) {
        return RowMapper.column(header, name) >= 0;
    }

    private static char delimiter(String line) {
        char best = ',';
        int bestCount = 0;
        for (char d : new char[] {',', ';', '\t', '|'}) {
            int count = 0;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == d && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = d;
                bestCount = count;
            }
        }
        return best;
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
