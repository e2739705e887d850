package io.shopsense.clean;

import io.shopsense.model.EventType;
import io.shopsense.model.Item;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Taobao/Tmall 宝贝报表 (one row per item of an order): 订单编号, 标题, 价格, 购买数量, 外部系统编号, 商家编码, ….
 * A row whose order the {@link OrderBook} knows becomes events at once; otherwise it is held (counted in the
 * manifest's {@code rowsHeld}) until an order report names its order, and rejected as {@code ORDER_NOT_FOUND} by the
 * first Taobao report cleaned after {@link OrderBook#holdWindow()} has passed since its upload.
 *
 * <p>Item id: 商家编码 (the seller's code), else 外部系统编号, else {@code title:} + the lower-case 标题. The order
 * decides the events ({@link TaobaoOrder.State}): a purchase; a purchase and its refund; or none (unpaid, closed
 * unpaid: a clean row with no output). The file also yields a catalogue row per item (标题 and the last 价格).
 */
final class TaobaoItemsMapper extends RowMapper {
    private final int orderId;
    private final int title;
    private final int price;
    private final int quantity;
    private final int outerId;
    private final int merchantCode;
    private final boolean[] personal;
    private final OrderBook book;
    private final Map<String, Item> catalogue = new TreeMap<>();

    TaobaoItemsMapper(CleanRun run, String[] header) throws InputDecoder.FileFailure {
        super(run);
        orderId = required(header, TaobaoReports.ORDER_ID, TaobaoReports.ORDER_ID);
        title = required(header, TaobaoReports.TITLE, TaobaoReports.TITLE);
        price = required(header, TaobaoReports.PRICE, TaobaoReports.PRICE);
        quantity = required(header, TaobaoReports.QUANTITY, TaobaoReports.QUANTITY);
        outerId = column(header, TaobaoReports.OUTER_ID);
        merchantCode = column(header, TaobaoReports.MERCHANT_CODE);
        personal = TaobaoReports.personalColumns(header);
        book = run.request.orderBook();
    }

    @Override
    String evidence(RecordReader rec) {
        return TaobaoReports.evidence(rec, personal, -1);
    }

    @Override
    void map(RecordReader rec, long row) {
        String order = TaobaoReports.value(rec, orderId);
        if (order.isEmpty()) {
            reject(rec, row, RejectReason.MISSING_FIELD, "订单编号 (the order number) is empty");
            return;
        }
        String name = TaobaoReports.value(rec, title);
        String item = TaobaoReports.value(rec, merchantCode);
        if (item.isEmpty()) {
            item = TaobaoReports.value(rec, outerId);
        }
        if (item.isEmpty() && !name.isEmpty()) {
            item = "title:" + name.toLowerCase(Locale.ROOT);
        }
        if (item.isEmpty()) {
            reject(rec, row, RejectReason.MISSING_FIELD, "neither 商家编码, 外部系统编号 nor 标题");
            return;
        }
        String qtyText = TaobaoReports.value(rec, quantity);
        String priceText = TaobaoReports.value(rec, price);
        if (qtyText.isEmpty() || priceText.isEmpty()) {
            reject(rec, row, RejectReason.MISSING_FIELD, "购买数量 or 价格 is empty");
            return;
        }
        long qty = CleanRun.parseCount(qtyText);
        if (qty == CleanRun.BAD_LONG) {
            reject(rec, row, RejectReason.BAD_NUMBER, "购买数量 '" + qtyText + "'");
            return;
        }
        double unitPrice = CleanRun.parseAmount(priceText);
        if (Double.isNaN(unitPrice)) {
            reject(rec, row, RejectReason.BAD_NUMBER, "价格 '" + priceText + "'");
            return;
        }
        if (!name.isEmpty() && unitPrice > 0 && !CleanRun.formulaLike(item) && run.id(item, "itemId") == null) {
            catalogue.put(item, new Item(item, CleanRun.neutralise(name), null, unitPrice, true, true));
        }
        Optional<TaobaoOrder> known = book.order(order);
        if (known.isPresent()) {
            emit(run, known.get(), item, qty, unitPrice, row, evidence(rec), "");
            return;
        }
        book.hold(new HeldItem(run.request.sourceId(), row, run.receivedAt, order, item, name, qty, unitPrice,
                evidence(rec)));
        run.hold();
    }

    @Override
    void finish() {
        for (Item item : catalogue.values()) {
            run.write(RowKind.CATALOG, run.receivedDate, CanonicalJson.itemLine(item));
        }
        settleHeld(run, book);
    }

    /**
     * Releases held rows of earlier item reports whose order is now known, and rejects those held longer than the
     * window. Each settled row counts in this upload's manifest ({@code heldRowsSettled}, and clean or rejected).
     */
    static void settleHeld(CleanRun run, OrderBook book) {
        for (HeldItem h : book.heldEarlier()) {
            Optional<TaobaoOrder> order = book.order(h.orderId());
            String from = "held from upload " + h.sourceId() + " row " + h.row();
            if (order.isPresent()) {
                book.settle(h);
                run.settledHeldRow();
                emit(run, order.get(), h.itemId(), h.quantity(), h.unitPrice(), h.row(), h.evidence(), from + ": ");
            } else if (h.heldAt().plus(book.holdWindow()).isBefore(run.receivedAt)) {
                book.settle(h);
                run.settledHeldRow();
                run.reject(h.row(), h.evidence(), RejectReason.ORDER_NOT_FOUND, from + ": no order report named order "
                        + h.orderId() + " within " + book.holdWindow().toDays() + " days");
            }
        }
    }

    /** The events of one item row under its order; exactly one accept or reject. */
    private static void emit(CleanRun run, TaobaoOrder order, String item, long qty, double unitPrice, long row,
                             String evidence, String detailPrefix) {
        if (order.state() == TaobaoOrder.State.ERASED) {
            run.reject(row, evidence, RejectReason.ERASED, "customer erased"); // counted, nothing kept
            return;
        }
        if (order.state() == TaobaoOrder.State.NOT_PURCHASED) {
            run.accept(); // an unpaid or cancelled order: a clean row, no purchase
            return;
        }
        RejectReason r = run.event(order.userId(), item, EventType.PURCHASE, qty, unitPrice, true,
                TaobaoReports.CURRENCY, order.ts(), order.orderId(), null, null, row);
        if (r != null) {
            run.reject(row, evidence, r, detailPrefix + run.detail);
            return;
        }
        run.accept();
        if (order.state() == TaobaoOrder.State.REFUNDED) {
            run.event(order.userId(), item, EventType.REFUND, qty, unitPrice, true, TaobaoReports.CURRENCY,
                    order.ts(), order.orderId(), null, null, row);
        }
    }
}
