package io.shopsense.clean;

import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
    private final Map<String, CatalogEntry> catalog = new HashMap<>();
    private String lastCode;
    private CatalogEntry lastEntry;

    private static final class CatalogEntry {
        String title;
        double price;
        boolean product;
    }

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

    @Override
    void map(RecordReader rec, long row) {
        String inv = rec.field(invoice).strip();
        String code = CleanRun.normaliseId(rec.field(stockCode));
        if (inv.isEmpty()) {
            reject(rec, row, RejectReason.MISSING_FIELD, "InvoiceNo is empty");
            return;
        }
        if (code == null) {
            reject(rec, row, RejectReason.MISSING_FIELD, "StockCode is empty");
            return;
        }
        if (rec.isBlank(quantity) || rec.isBlank(date) || rec.isBlank(price)) {
            reject(rec, row, RejectReason.MISSING_FIELD, "Quantity, InvoiceDate or UnitPrice is empty");
            return;
        }
        long qty = CleanRun.parseCount(rec.field(quantity));
        if (qty == CleanRun.BAD_LONG) {
            reject(rec, row, RejectReason.BAD_NUMBER, "Quantity '" + rec.field(quantity) + "' is not a whole number");
            return;
        }
        double unitPrice = CleanRun.parseAmount(rec.field(price));
        if (Double.isNaN(unitPrice)) {
            reject(rec, row, RejectReason.BAD_NUMBER, "UnitPrice '" + rec.field(price) + "' is not a number");
            return;
        }
        Instant ts = run.time.parse(rec.field(date));
        if (ts == null) {
            reject(rec, row, RejectReason.BAD_DATE, "InvoiceDate '" + rec.field(date) + "' is not a date");
            return;
        }
        String title = description < 0 ? null : CleanRun.neutralise(rec.field(description).strip());
        if (isNonProduct(code)) {
            RejectReason r = run.checkTime(ts, "InvoiceDate");
            if (r != null) {
                reject(rec, row, r, run.detail);
                return;
            }
            run.nonProductRows++;
            run.seen(ts);
            run.accept();
            remember(code, title, unitPrice, false);
            return;
        }
        boolean cancellation = inv.charAt(0) == 'C' || inv.charAt(0) == 'c';
        EventType type = cancellation ? EventType.REFUND : EventType.PURCHASE;
        long units = cancellation ? Math.abs(qty) : qty;
        String user = customer < 0 ? null : CleanRun.normaliseId(rec.field(customer));
        RejectReason r = run.event(user, code, type, units, unitPrice, true, "GBP", ts, inv, null, null, row);
        if (settle(rec, row, r)) {
            remember(code, title, unitPrice, true);
        }
    }

    private void remember(String code, String title, double unitPrice, boolean product) {
        CatalogEntry e = code.equals(lastCode) ? lastEntry : catalog.get(code);
        if (e == null) {
            e = new CatalogEntry();
            catalog.put(code, e);
        }
        lastCode = code;
        lastEntry = e;
        if (title != null && !title.isEmpty()) {
            e.title = title;
        }
        e.price = unitPrice;
        e.product = product;
    }

    @Override
    void finish() {
        for (Map.Entry<String, CatalogEntry> e : new TreeMap<>(catalog).entrySet()) {
            CatalogEntry c = e.getValue();
            // inStock: the shop sold it in the export's period; the export says nothing about stock today
            Item item = new Item(e.getKey(), c.title, null, c.price, true, c.product);
            run.write(RowKind.CATALOG, run.receivedDate, CanonicalJson.itemLine(item));
        }
    }
}
