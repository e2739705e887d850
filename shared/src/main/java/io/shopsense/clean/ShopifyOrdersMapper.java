package io.shopsense.clean;

import io.shopsense.model.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Shopify's orders export: one row per line item; order-level columns (Email, Financial Status, Currency, Created
 * at, Source) may be filled only on an order's first row, so they carry over to the following rows of the same
 * {@code Name}. Each line item is a {@code purchase} of {@code Lineitem sku} (or, without a SKU, {@code title:} and
 * the lower-case line item name); an order whose financial status is {@code refunded} or {@code voided} also yields a
 * {@code refund} of the same line, so its money nets to zero while the interest stays visible.
 *
 * <p>Personal data: {@code userId} is {@value #USER_PREFIX} + the first 32 hex digits of SHA-256 of the trimmed,
 * lower-cased email. No other personal column (names, addresses, phones) is read, and no raw email reaches a clean
 * row (rejects keep the raw line as evidence and are erased with the customer). A plain hash can be reversed by
 * guessing emails, so it is a pseudonym, not anonymisation. A blank email is an anonymous purchase.
 */
final class ShopifyOrdersMapper extends RowMapper {
    static final String USER_PREFIX = EmailAddresses.PREFIX;

    private final int name;
    private final int email;
    private final int financial;
    private final int currency;
    private final int createdAt;
    private final int quantity;
    private final int itemName;
    private final int itemPrice;
    private final int sku;
    private final int source;

    private String order;
    private String orderEmail;
    private String orderStatus;
    private String orderCurrency;
    private String orderCreated;
    private String orderSource;

    ShopifyOrdersMapper(CleanRun run, String[] header) throws InputDecoder.FileFailure {
        super(run);
        name = required(header, "Name", "name");
        email = column(header, "email");
        financial = column(header, "financialstatus");
        currency = column(header, "currency");
        createdAt = required(header, "Created at", "createdat");
        quantity = required(header, "Lineitem quantity", "lineitemquantity");
        itemName = column(header, "lineitemname");
        itemPrice = required(header, "Lineitem price", "lineitemprice");
        sku = column(header, "lineitemsku");
        source = column(header, "source");
    }

    @Override
    void map(RecordReader rec, long row) {
        String orderName = CleanRun.normaliseId(rec.field(name));
        if (orderName == null) {
            reject(rec, row, RejectReason.MISSING_FIELD, "Name (the order number) is empty");
            return;
        }
        if (!orderName.equals(order)) {
            order = orderName;
            orderEmail = null;
            orderStatus = null;
            orderCurrency = null;
            orderCreated = null;
            orderSource = null;
        }
        orderEmail = carry(rec, email, orderEmail);
        orderStatus = carry(rec, financial, orderStatus);
        orderCurrency = carry(rec, currency, orderCurrency);
        orderCreated = carry(rec, createdAt, orderCreated);
        orderSource = carry(rec, source, orderSource);

        String item = CleanRun.normaliseId(cell(rec, sku));
        if (item == null) {
            String title = cell(rec, itemName).strip();
            item = title.isEmpty() ? null : "title:" + title.toLowerCase(Locale.ROOT);
        }
        if (item == null) {
            reject(rec, row, RejectReason.MISSING_FIELD, "neither Lineitem sku nor Lineitem name");
            return;
        }
        if (orderCreated == null) {
            reject(rec, row, RejectReason.MISSING_FIELD, "Created at is empty");
            return;
        }
        if (rec.isBlank(quantity) || rec.isBlank(itemPrice)) {
            reject(rec, row, RejectReason.MISSING_FIELD, "Lineitem quantity or Lineitem price is empty");
            return;
        }
        long qty = CleanRun.parseCount(rec.field(quantity));
        if (qty == CleanRun.BAD_LONG) {
            reject(rec, row, RejectReason.BAD_NUMBER, "Lineitem quantity '" + rec.field(quantity) + "'");
            return;
        }
        double price = CleanRun.parseAmount(rec.field(itemPrice));
        if (Double.isNaN(price)) {
            reject(rec, row, RejectReason.BAD_NUMBER, "Lineitem price '" + rec.field(itemPrice) + "'");
            return;
        }
        Instant ts = run.time.parse(orderCreated);
        if (ts == null) {
            reject(rec, row, RejectReason.BAD_DATE, "Created at '" + orderCreated + "' is not a date");
            return;
        }
        String user = orderEmail == null ? null : hashEmail(orderEmail);
        String cur = orderCurrency == null ? run.request.defaultCurrency() : orderCurrency.toUpperCase(Locale.ROOT);
        String channel = orderSource == null ? null : orderSource.toLowerCase(Locale.ROOT);
        RejectReason r = run.event(user, item, EventType.PURCHASE, qty, price, true, cur, ts, orderName, channel,
                null, row);
        if (!settle(rec, row, r)) {
            return;
        }
        if ("refunded".equalsIgnoreCase(orderStatus) || "voided".equalsIgnoreCase(orderStatus)) {
            // same row, same checks already passed; only a duplicate of an earlier refund could fail, and that
            // would have made the purchase a duplicate first
            run.event(user, item, EventType.REFUND, qty, price, true, cur, ts, orderName, channel, null, row);
        }
    }

    private static String carry(RecordReader rec, int column, String previous) {
        if (column < 0) {
            return previous;
        }
        String v = rec.field(column).strip();
        return v.isEmpty() ? previous : v;
    }

    String hashEmail(String raw) {
        return EmailAddresses.pseudonym(raw);
    }
}
