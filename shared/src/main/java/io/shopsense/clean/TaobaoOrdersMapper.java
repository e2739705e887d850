package io.shopsense.clean;

import java.time.Instant;

/**
 * The Taobao/Tmall 订单报表 (one row per order). A row yields no event by itself: the order goes into the
 * {@link OrderBook} (order id, buyer pseudonym, time, state), and the items of the 宝贝报表 become events through it.
 * After the last row, item rows earlier item reports held for these orders are released ({@link TaobaoItemsMapper}).
 *
 * <p>Read: 订单编号, 买家会员名 (pseudonymised at once), 订单状态, 订单创建时间, 订单付款时间 (the event time when paid),
 * 退款金额. Never read: 收货人姓名, 收货地址, 联系电话, 联系手机, 买家支付宝账号 and the like; a rejected row is kept with
 * them blanked ({@link TaobaoReports#evidence}).
 */
final class TaobaoOrdersMapper extends RowMapper {
    private final int orderId;
    private final int buyer;
    private final int state;
    private final int created;
    private final int paid;
    private final int refund;
    private final boolean[] personal;
    private final OrderBook book;

    TaobaoOrdersMapper(CleanRun run, String[] header) throws InputDecoder.FileFailure {
        super(run);
        orderId = required(header, TaobaoReports.ORDER_ID, TaobaoReports.ORDER_ID);
        buyer = required(header, TaobaoReports.BUYER, TaobaoReports.BUYER);
        state = required(header, TaobaoReports.STATE, TaobaoReports.STATE);
        created = required(header, TaobaoReports.CREATED, TaobaoReports.CREATED);
        paid = column(header, TaobaoReports.PAID);
        refund = column(header, TaobaoReports.REFUND);
        personal = TaobaoReports.personalColumns(header);
        book = run.request.orderBook();
    }

    @Override
    String evidence(RecordReader rec) {
        return TaobaoReports.evidence(rec, personal, buyer);
    }

    @Override
    void map(RecordReader rec, long row) {
        String id = TaobaoReports.value(rec, orderId);
        if (id.isEmpty()) {
            reject(rec, row, RejectReason.MISSING_FIELD, "订单编号 (the order number) is empty");
            return;
        }
        if (CleanRun.formulaLike(id)) {
            reject(rec, row, RejectReason.FORMULA_INJECTION, "订单编号 starts like a spreadsheet formula");
            return;
        }
        if (run.id(id, "订单编号") != null) {
            reject(rec, row, RejectReason.BAD_ID, run.detail);
            return;
        }
        double refunded = 0;
        String refundText = TaobaoReports.value(rec, refund);
        if (!refundText.isEmpty()) {
            refunded = CleanRun.parseAmount(refundText);
            if (Double.isNaN(refunded)) {
                reject(rec, row, RejectReason.BAD_NUMBER, "退款金额 '" + refundText + "' is not a number");
                return;
            }
        }
        String stateText = TaobaoReports.value(rec, state);
        TaobaoOrder.State s = TaobaoReports.state(stateText, refunded);
        if (s == null) {
            reject(rec, row, RejectReason.UNKNOWN_TYPE, "订单状态 '" + stateText + "' is not one the seller centre writes");
            return;
        }
        String paidText = TaobaoReports.value(rec, paid);
        boolean usePaid = !paidText.isEmpty() && !paidText.equalsIgnoreCase("null");
        String column = usePaid ? TaobaoReports.PAID : TaobaoReports.CREATED;
        String timeText = usePaid ? paidText : TaobaoReports.value(rec, created);
        if (timeText.isEmpty()) {
            reject(rec, row, RejectReason.MISSING_FIELD, "订单创建时间 is empty");
            return;
        }
        Instant ts = run.time.parse(timeText);
        if (ts == null) {
            reject(rec, row, RejectReason.BAD_DATE, column + " '" + timeText + "' is not a date");
            return;
        }
        if (run.checkTime(ts, column) != null) {
            reject(rec, row, RejectReason.IMPOSSIBLE_DATE, run.detail);
            return;
        }
        String user = TaobaoReports.buyer(TaobaoReports.value(rec, buyer));
        if (run.request.erased().isErased(user)) {
            reject(rec, row, RejectReason.ERASED, "customer erased"); // not indexed: the index names no erased buyer
            return;
        }
        if (run.duplicateInFile(run.contentHash(evidence(rec)))) {
            reject(rec, row, RejectReason.DUPLICATE, "same order row as an earlier row of this file");
            return;
        }
        book.add(new TaobaoOrder(id, user, ts, s));
        run.accept();
    }

    @Override
    void finish() {
        TaobaoItemsMapper.settleHeld(run, book);
    }
}
