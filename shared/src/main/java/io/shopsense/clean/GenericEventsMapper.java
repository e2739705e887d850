package io.shopsense.clean;

import io.shopsense.model.EventType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Generic events as CSV or JSON Lines, columns found by the synonyms documented on {@link ExportFormat}. The item
 * and the time are required; a blank user is anonymous; a missing type is {@code purchase}, a missing quantity 1, a
 * missing price 0 (the non-positive price rule applies only to rows that carry a price). A refund written with a
 * negative quantity is read as its absolute value.
 */
final class GenericEventsMapper extends RowMapper {
    enum Field {
        USER("userid", "customerid", "customer", "user", "clientid", "visitorid"),
        ITEM("itemid", "sku", "productid", "product", "articleid"),
        TS("ts", "timestamp", "date", "createdat", "eventtime", "time", "datetime", "orderdate"),
        TYPE("type", "eventtype", "event", "action"),
        QUANTITY("quantity", "qty", "units"),
        PRICE("price", "unitprice"),
        CURRENCY("currency"),
        ORDER("orderid", "order", "ordernumber", "invoice"),
        CHANNEL("channel", "source", "utmsource"),
        SESSION("sessionid", "session");

        final String[] names;

        Field(String... names) {
            this.names = names;
        }
    }

    private static final Map<String, EventType> TYPES = Map.ofEntries(
            Map.entry("view", EventType.VIEW), Map.entry("pageview", EventType.VIEW),
            Map.entry("productview", EventType.VIEW), Map.entry("detail", EventType.VIEW),
            Map.entry("click", EventType.VIEW), Map.entry("clicks", EventType.VIEW),
            Map.entry("cart", EventType.CART), Map.entry("addtocart", EventType.CART),
            Map.entry("carts", EventType.CART),
            Map.entry("purchase", EventType.PURCHASE), Map.entry("order", EventType.PURCHASE),
            Map.entry("orders", EventType.PURCHASE), Map.entry("transaction", EventType.PURCHASE),
            Map.entry("buy", EventType.PURCHASE), Map.entry("sale", EventType.PURCHASE),
            Map.entry("refund", EventType.REFUND), Map.entry("return", EventType.REFUND),
            Map.entry("cancel", EventType.REFUND), Map.entry("cancellation", EventType.REFUND));

    private final boolean jsonLines;
    private final int[] index = new int[Field.values().length];
    private final String[] values = new String[Field.values().length];

    /** CSV: columns resolved from the header once. */
    GenericEventsMapper(CleanRun run, String[] header) throws InputDecoder.FileFailure {
        super(run);
        this.jsonLines = false;
        for (Field f : Field.values()) {
            index[f.ordinal()] = column(header, f.names);
        }
        if (index[Field.ITEM.ordinal()] < 0 || index[Field.TS.ordinal()] < 0) {
            throw new InputDecoder.FileFailure(FileError.UNKNOWN_FORMAT, "events need an item id and a time column");
        }
    }

    /** JSON Lines: keys resolved per line. */
    GenericEventsMapper(CleanRun run) {
        super(run);
        this.jsonLines = true;
    }

    static EventType type(String value) {
        return TYPES.get(ExportFormat.normaliseHeader(value));
    }

    @Override
    void map(RecordReader rec, long row) {
        if (jsonLines) {
            String problem = readJson(rec.raw());
            if (problem != null) {
                reject(rec, row, FlatJsonLine.reason(problem), problem);
                return;
            }
        } else {
            for (Field f : Field.values()) {
                int i = index[f.ordinal()];
                values[f.ordinal()] = i < 0 ? null : rec.field(i);
            }
        }
        String item = CleanRun.normaliseId(values[Field.ITEM.ordinal()]);
        String tsText = blankToNull(values[Field.TS.ordinal()]);
        if (item == null || tsText == null) {
            reject(rec, row, RejectReason.MISSING_FIELD, item == null ? "no item id" : "no time");
            return;
        }
        Instant ts = run.time.parse(tsText);
        if (ts == null) {
            reject(rec, row, RejectReason.BAD_DATE, "time '" + tsText + "' is not a date");
            return;
        }
        EventType type = EventType.PURCHASE;
        String typeText = blankToNull(values[Field.TYPE.ordinal()]);
        if (typeText != null) {
            type = type(typeText);
            if (type == null) {
                reject(rec, row, RejectReason.UNKNOWN_TYPE, "type '" + typeText + "'");
                return;
            }
        }
        long qty = 1;
        String qtyText = blankToNull(values[Field.QUANTITY.ordinal()]);
        if (qtyText != null) {
            qty = CleanRun.parseCount(qtyText);
            if (qty == CleanRun.BAD_LONG) {
                reject(rec, row, RejectReason.BAD_NUMBER, "quantity '" + qtyText + "' is not a whole number");
                return;
            }
        }
        if (type == EventType.REFUND) {
            qty = Math.abs(qty);
        }
        double price = 0;
        String priceText = blankToNull(values[Field.PRICE.ordinal()]);
        if (priceText != null) {
            price = CleanRun.parseAmount(priceText);
            if (Double.isNaN(price)) {
                reject(rec, row, RejectReason.BAD_NUMBER, "price '" + priceText + "' is not a number");
                return;
            }
        }
        String currency = blankToNull(values[Field.CURRENCY.ordinal()]);
        currency = currency == null ? run.request.defaultCurrency() : currency.strip().toUpperCase(Locale.ROOT);
        String channel = CleanRun.normaliseId(values[Field.CHANNEL.ordinal()]);
        settle(rec, row, run.event(CleanRun.normaliseId(values[Field.USER.ordinal()]), item, type, qty, price,
                priceText != null, currency, ts, CleanRun.normaliseId(values[Field.ORDER.ordinal()]),
                channel == null ? null : channel.toLowerCase(Locale.ROOT),
                CleanRun.normaliseId(values[Field.SESSION.ordinal()]), row));
    }

    private static final String[][] NAMES = Arrays.stream(Field.values()).map(f -> f.names).toArray(String[][]::new);

    /** Fills {@link #values} from one flat JSON object; returns a problem description or null. */
    private String readJson(String line) {
        return FlatJsonLine.read(line, NAMES, values, run.limits.maxFieldChars());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
