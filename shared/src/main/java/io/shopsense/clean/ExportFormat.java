package io.shopsense.clean;

import java.util.Locale;

/**
 * The export formats cleaning understands. A format is detected from the first line (header or shape); a forced format
 * ({@code --format}) or a {@code raw/catalog/} / {@code raw/ads/} key prefix overrides detection, and
 * {@code raw/orders/} / {@code raw/events/} restrict it to the event formats.
 *
 * <h2>Generic events: header synonyms</h2>
 * Header names are matched case-insensitively after dropping everything but letters and digits, so
 * {@code user_id}, {@code User ID} and {@code userId} are the same column. The same names serve JSON Lines keys.
 * <table>
 * <caption>generic events columns</caption>
 * <tr><th>canonical field</th><th>accepted names</th><th>required</th></tr>
 * <tr><td>userId</td><td>user_id, customer_id, customer, userId, user, client_id, visitor_id</td><td>no (anonymous)</td></tr>
 * <tr><td>itemId</td><td>item_id, sku, product_id, itemId, product, article_id</td><td>yes</td></tr>
 * <tr><td>ts</td><td>ts, timestamp, date, created_at, event_time, time, datetime, order_date</td><td>yes</td></tr>
 * <tr><td>type</td><td>type, event_type, event, action (values below)</td><td>no: purchase</td></tr>
 * <tr><td>quantity</td><td>quantity, qty, units</td><td>no: 1</td></tr>
 * <tr><td>unitPrice</td><td>price, unit_price</td><td>no: 0 (views)</td></tr>
 * <tr><td>currency</td><td>currency</td><td>no: the request's default</td></tr>
 * <tr><td>orderId</td><td>order_id, order, order_number, invoice</td><td>no</td></tr>
 * <tr><td>channel</td><td>channel, source, utm_source</td><td>no</td></tr>
 * <tr><td>sessionId</td><td>session_id, session</td><td>no</td></tr>
 * </table>
 * Type values: {@code view, page_view, product_view, detail, click, clicks} → view; {@code cart, add_to_cart,
 * addtocart, carts} → cart; {@code purchase, order, orders, transaction, buy, sale} → purchase; {@code refund,
 * return, cancel, cancellation} → refund.
 *
 * <h2>Catalogue and ads columns</h2>
 * Catalogue: item id ({@code item_id, sku, product_id, id}), title ({@code title, name, product_name, description}),
 * {@code category}, {@code price}, in stock ({@code in_stock, available, availability, stock}: true/false, yes/no,
 * 1/0 or a count), optional {@code is_product}. Ads: {@code date, hour, channel, campaign|campaign_id, impressions,
 * clicks, conversions, spend|cost, revenue|conversion_value}.
 */
public enum ExportFormat {
    /** UCI Online Retail: {@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}. */
    ONLINE_RETAIL("online-retail", RowKind.EVENTS),
    /** CDNOW: whitespace separated {@code customer [sample_id] yyyymmdd quantity dollar_value} (value is the line total). */
    CDNOW("cdnow", RowKind.EVENTS),
    /** Shopify's orders export CSV ({@code Name, Email, …, Created at, Lineitem quantity, Lineitem name, …}). */
    SHOPIFY_ORDERS("shopify", RowKind.EVENTS),
    /** OTTO sessions as JSON Lines: {@code {"session":…, "events":[{"aid":…, "ts":ms, "type":"clicks|carts|orders"}]}}. */
    OTTO_JSONL("otto", RowKind.EVENTS),
    /** Generic events CSV, columns by the synonyms above. */
    EVENTS_CSV("events-csv", RowKind.EVENTS),
    /** Generic events JSON Lines, one flat object per line, keys by the synonyms above. */
    EVENTS_JSONL("events-jsonl", RowKind.EVENTS),
    /** Catalogue CSV. */
    CATALOG_CSV("catalog", RowKind.CATALOG),
    /** Ad performance CSV. */
    ADS_CSV("ads", RowKind.ADS),
    // Taobao/Tmall seller-centre reports (issue 20): GBK or UTF-8, Chinese headers, ="…" wrapped numbers
    /** Taobao/Tmall 订单报表: one row per order (订单编号, 买家会员名, 订单状态, 订单创建时间, 订单付款时间, …). */
    TAOBAO_ORDERS("taobao-orders", RowKind.EVENTS),
    /** Taobao/Tmall 宝贝报表: one row per item of an order (订单编号, 标题, 价格, 购买数量, 外部系统编号, 商家编码, …). */
    TAOBAO_ITEMS("taobao-items", RowKind.EVENTS);

    private final String code;
    private final RowKind kind;

    ExportFormat(String code, RowKind kind) {
        this.code = code;
        this.kind = kind;
    }

    /** The name used by {@code --format} and in manifests. */
    public String code() {
        return code;
    }

    /** The kind of clean rows this format mainly yields (Online Retail also yields catalogue rows). */
    public RowKind kind() {
        return kind;
    }

    /** Reads a {@link #code()} or enum name; throws {@link IllegalArgumentException} naming the value otherwise. */
    public static ExportFormat fromCode(String value) {
        for (ExportFormat f : values()) {
            if (f.code.equalsIgnoreCase(value) || f.name().equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format: " + value);
    }

    static String normaliseHeader(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
