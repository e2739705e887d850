package io.shopsense.clean;

import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * UCI Online Retail. Invoices starting with {@code C} are cancellations: {@code refund} events with the units as a
 * positive number. {@code CustomerID 17850.0} becomes {@code 17850}; a blank customer is an anonymous purchase (kept:
 * it counts for item popularity). Prices are GBP.
 *
 * <p>Non-product stock codes (postage, fees, manual adjustments, samples, discounts, bad debt, vouchers: see
 * {@link #isNonProduct}) yield no event, only a catalogue row with {@code isProduct=false}; the row is clean and
 * counted in {@code nonProductRows}. Its quantity and price are not judged (fees and adjustments are legitimately
 * negative or zero), only that they parse and the date is plausible.
 *
 * <p>Exact duplicates: two lines with the same invoice, item, quantity, price, customer and minute have the same
 * {@code eventId}; the second is {@code DUPLICATE}. The file repeats about 5,000 lines verbatim inside the same
 * invoice; like most analyses of this data set we read them as double entries, not as two separate purchases.
 *
 * <p>The file also yields catalogue rows, one per stock code, written after the last record in item id order: the last non-blank
 * description and the last price of a clean row win (the file is in time order, so the latest price). Memory grows
 * with the number of distinct stock codes, not rows.
 */
final class OnlineRetailMapper extends RowMapper {
    private static final Set<String> NON_PRODUCT = Set.of(
            "POST", "DOT", "M", "BANK CHARGES", "AMAZONFEE", "C2", "PADS", "CRUK", "S", "D", "B", "CARRIAGE");

    private final int invoice;
    private final int stockCode;
    private final int description;
    private final int quantity;
    private final int date;
    private final int price;
    private final int customer;
    private final Catalog catalog = new Catalog();
    private final RepeatedText invoices = new RepeatedText();
    private final RepeatedText customers = new RepeatedText();

    OnlineRetailMapper(CleanRun run, String[] header) throws InputDecoder.FileFailure {
        super(run);
        invoice = required(header, "InvoiceNo", "invoiceno");
        stockCode = required(header, "StockCode", "stockcode");
        description = column(header, "description");
        quantity = required(header, "Quantity", "quantity");
        date = required(header, "InvoiceDate", "invoicedate");
        price = required(header, "UnitPrice", "unitprice");
        customer = column(header, "customerid");
    }

    /** Postage, carriage, fees, manual lines, samples, discounts, bad debt, commission, pads, gift vouchers. */
    static boolean isNonProduct(String code) {
        if (code.charAt(0) >= '0' && code.charAt(0) <= '9') {
            return false; // product codes are numeric (85123A); every non-product code starts with a letter
        }
        String upper = code.toUpperCase(Locale.ROOT);
        return NON_PRODUCT.contains(upper) || upper.startsWith("GIFT_");
    }

    // Fields are read from the record's characters: a row builds no string that an earlier row already built
    // (invoice and customer repeat along an invoice, stock codes and descriptions across the file).
    @Override
    void map(RecordReader rec, long row) {
        char[] c = rec.chars();
        int invFrom = CleanRun.stripStart(c, rec.start(invoice), rec.end(invoice));
        int invTo = CleanRun.stripEnd(c, invFrom, rec.end(invoice));
        if (invFrom == invTo) {
            reject(rec, row, RejectReason.MISSING_FIELD, "InvoiceNo is empty");
            return;
        }
        int codeFrom = CleanRun.stripStart(c, rec.start(stockCode), rec.end(stockCode));
        int codeTo = CleanRun.stripEnd(c, codeFrom, rec.end(stockCode));
        if (codeFrom == codeTo) {
            reject(rec, row, RejectReason.MISSING_FIELD, "StockCode is empty");
            return;
        }
        if (rec.isBlank(quantity) || rec.isBlank(date) || rec.isBlank(price)) {
            reject(rec, row, RejectReason.MISSING_FIELD, "Quantity, InvoiceDate or UnitPrice is empty");
            return;
        }
        long qty = CleanRun.parseCount(c, rec.start(quantity), rec.end(quantity));
        if (qty == CleanRun.BAD_LONG) {
            reject(rec, row, RejectReason.BAD_NUMBER, "Quantity '" + rec.field(quantity) + "' is not a whole number");
            return;
        }
        double unitPrice = CleanRun.parseAmount(c, rec.start(price), rec.end(price));
        if (Double.isNaN(unitPrice)) {
            reject(rec, row, RejectReason.BAD_NUMBER, "UnitPrice '" + rec.field(price) + "' is not a number");
            return;
        }
        Instant ts = run.time.parse(c, rec.start(date), rec.end(date));
        if (ts == null) {
            reject(rec, row, RejectReason.BAD_DATE, "InvoiceDate '" + rec.field(date) + "' is not a date");
            return;
        }
        CatalogEntry item = catalog.find(c, codeFrom, CleanRun.idEnd(c, codeFrom, codeTo));
        if (item.nonProduct) {
            // no event, but the code becomes a catalogue row's item id: the id rule applies here too
            RejectReason r = run.id(item.code, "StockCode");
            if (r == null) {
                r = run.checkTime(ts, "InvoiceDate");
            }
            if (r != null) {
                reject(rec, row, r, run.detail);
                return;
            }
            run.nonProductRows++;
            run.seen(ts);
            run.accept();
            remember(item, rec, unitPrice, false);
            return;
        }
        boolean cancellation = c[invFrom] == 'C' || c[invFrom] == 'c';
        EventType type = cancellation ? EventType.REFUND : EventType.PURCHASE;
        long units = cancellation ? Math.abs(qty) : qty;
        String inv = invoices.of(c, invFrom, invTo);
        String user = customer < 0 ? null : customer(c, rec.start(customer), rec.end(customer));
        RejectReason r = run.event(user, item.code, type, units, unitPrice, true, "GBP", ts, inv, null, null, row);
        if (settle(rec, row, r)) {
            remember(item, rec, unitPrice, true);
        }
    }

    /** {@link CleanRun#normaliseId} of the customer cell: null when blank, {@code 17850.0} read as {@code 17850}. */
    private String customer(char[] c, int from, int to) {
        from = CleanRun.stripStart(c, from, to);
        to = CleanRun.stripEnd(c, from, to);
        if (from == to) {
            return null;
        }
        return customers.of(c, from, CleanRun.idEnd(c, from, to));
    }

    /** Lists the item in the catalogue: the last non-blank description and the last price win. */
    private void remember(CatalogEntry e, RecordReader rec, double unitPrice, boolean product) {
        e.listed = true;
        if (description >= 0) {
            char[] c = rec.chars();
            int from = CleanRun.stripStart(c, rec.start(description), rec.end(description));
            int to = CleanRun.stripEnd(c, from, rec.end(description));
            if (from < to && !Arrays.equals(e.titleText, 0, e.titleText.length, c, from, to)) {
                e.titleText = Arrays.copyOfRange(c, from, to);
                e.title = CleanRun.neutralise(new String(e.titleText));
            }
        }
        e.price = unitPrice;
        e.product = product;
    }

    @Override
    void finish() {
        // item id order, as String#compareTo sorts them
        for (CatalogEntry c : catalog.listed()) {
            // inStock: the shop sold it in the export's period; the export says nothing about stock today
            Item item = new Item(c.code, c.title, null, c.price, true, c.product);
            run.write(RowKind.CATALOG, run.receivedDate, CanonicalJson.itemLine(item));
        }
    }

    /**
     * The catalogue rows of a file cleaned in parts, from each part's {@link #finish} rows in file order: what
     * {@link #finish} writes for the whole file (the last part listing an item gives its price and kind, the last
     * with a description its title), in item id order.
     */
    static List<String> mergeCatalogues(List<List<String>> parts) {
        java.util.TreeMap<String, Item> merged = new java.util.TreeMap<>();
        for (List<String> part : parts) {
            for (String line : part) {
                Item item = CanonicalJson.readItem(line);
                Item earlier = merged.get(item.itemId());
                String title = item.title() != null || earlier == null ? item.title() : earlier.title();
                merged.put(item.itemId(), new Item(item.itemId(), title, null, item.price(), true,
                        item.isProduct()));
            }
        }
        return merged.values().stream().map(CanonicalJson::itemLine).toList();
    }

    /** What the file says about one stock code; {@code listed} once a clean row carried it. */
    private static final class CatalogEntry {
        final String code;
        final char[] codeText;
        final int hash;
        final boolean nonProduct;
        boolean listed;
        String title;
        /** The description {@link #title} was made from, as read: a row repeating it builds no string. */
        char[] titleText = new char[0];
        double price;
        boolean product;

        CatalogEntry(char[] codeText, int hash) {
            this.code = new String(codeText);
            this.codeText = codeText;
            this.hash = hash;
            this.nonProduct = isNonProduct(code);
        }
    }

    /**
     * Entries by stock code, looked up by the code's characters in the record (open addressing, linear probing), so
     * a row builds neither the code string nor its hash. Holds every distinct code of the file.
     */
    private static final class Catalog {
        private CatalogEntry[] slots = new CatalogEntry[1 << 10];
        private int size;

        CatalogEntry find(char[] a, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + a[i];
            }
            h ^= h >>> 16;
            int mask = slots.length - 1;
            int i = h & mask;
            for (CatalogEntry e; (e = slots[i]) != null; i = (i + 1) & mask) {
                if (e.hash == h && Arrays.equals(e.codeText, 0, e.codeText.length, a, from, to)) {
                    return e;
                }
            }
            CatalogEntry e = new CatalogEntry(Arrays.copyOfRange(a, from, to), h);
            slots[i] = e;
            if (++size * 2 > slots.length) {
                grow();
            }
            return e;
        }

        private void grow() {
            CatalogEntry[] old = slots;
            slots = new CatalogEntry[old.length * 2];
            int mask = slots.length - 1;
            for (CatalogEntry e : old) {
                if (e != null) {
                    int i = e.hash & mask;
                    while (slots[i] != null) {
                        i = (i + 1) & mask;
                    }
                    slots[i] = e;
                }
            }
        }

        List<CatalogEntry> listed() {
            List<CatalogEntry> listed = new ArrayList<>();
            for (CatalogEntry e : slots) {
                if (e != null && e.listed) {
                    listed.add(e);
                }
            }
            listed.sort(Comparator.comparing(e -> e.code));
            return listed;
        }
    }
}
