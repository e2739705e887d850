package io.shopsense.clean;

import io.shopsense.model.Item;
import java.util.Locale;

/**
 * Catalogue CSV: item id, title, category, price, in stock, optional is_product (columns on {@link ExportFormat}).
 * The item id is required; title and category are free text, kept but made inert when they look like formulas. A
 * price column, when present, must hold a positive number. Rows are partitioned by the date the upload was received.
 * An exact repeat of an earlier row is {@code DUPLICATE}; a later row for the same item with other values is kept
 * (the later one wins where the rows are loaded).
 */
final class CatalogMapper extends RowMapper {
    private final int item;
    private final int title;
    private final int category;
    private final int price;
    private final int inStock;
    private final int isProduct;
    private final StringBuilder key = new StringBuilder();

    CatalogMapper(CleanRun run, String[] header) throws InputDecoder.FileFailure {
        super(run);
        item = required(header, "item id", "itemid", "sku", "productid", "id");
        title = column(header, "title", "name", "productname", "description");
        category = column(header, "category", "productcategory");
        price = column(header, "price", "unitprice");
        inStock = column(header, "instock", "available", "availability", "stock");
        isProduct = column(header, "isproduct");
    }

    @Override
    void map(RecordReader rec, long row) {
        String id = CleanRun.normaliseId(rec.field(item));
        if (id == null) {
            reject(rec, row, RejectReason.MISSING_FIELD, "no item id");
            return;
        }
        if (CleanRun.formulaLike(id)) {
            reject(rec, row, RejectReason.FORMULA_INJECTION, "item id starts like a spreadsheet formula");
            return;
        }
        if (run.id(id, "item id") != null) {
            reject(rec, row, RejectReason.BAD_ID, run.detail);
            return;
        }
        double p = 0;
        if (price >= 0) {
            if (rec.isBlank(price)) {
                reject(rec, row, RejectReason.MISSING_FIELD, "price is empty");
                return;
            }
            p = CleanRun.parseAmount(rec.field(price));
            if (Double.isNaN(p)) {
                reject(rec, row, RejectReason.BAD_NUMBER, "price '" + rec.field(price) + "' is not a number");
                return;
            }
            if (p <= 0) {
                reject(rec, row, RejectReason.NON_POSITIVE_PRICE, "price " + p);
                return;
            }
        }
        Boolean stock = flag(cell(rec, inStock));
        Boolean product = flag(cell(rec, isProduct));
        if (stock == null || product == null) {
            reject(rec, row, RejectReason.BAD_NUMBER, "in stock / is product is not yes/no, true/false or a count");
            return;
        }
        String t = text(cell(rec, title));
        String c = text(cell(rec, category));
        key.setLength(0);
        key.append(id).append('\u001f').append(t).append('\u001f').append(c).append('\u001f').append(p)
                .append('\u001f').append(stock).append('\u001f').append(product);
        if (run.duplicateInFile(run.contentHash(key))) {
            reject(rec, row, RejectReason.DUPLICATE, "same catalogue row as an earlier row of this file");
            return;
        }
        run.write(RowKind.CATALOG, run.receivedDate,
                CanonicalJson.itemLine(new Item(id, t, c, p, stock, product)));
        run.accept();
    }

    private static String text(String s) {
        String t = s.strip();
        return t.isEmpty() ? null : CleanRun.neutralise(t);
    }

    /** Blank means yes (listed, so presumably sold); null when unreadable. */
    static Boolean flag(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "", "true", "yes", "y", "t", "in stock", "instock", "available" -> {
                return Boolean.TRUE;
            }
            case "false", "no", "n", "f", "out of stock", "outofstock", "unavailable" -> {
                return Boolean.FALSE;
            }
            default -> {
                long count = CleanRun.parseCount(t);
                return count == CleanRun.BAD_LONG ? null : count > 0;
            }
        }
    }
}
