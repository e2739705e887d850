package io.shopsense.clean;

import java.time.Instant;
import java.util.Objects;

/**
 * What the order index keeps of one row of a Taobao/Tmall 订单报表: enough to turn the order's item rows into events,
 * nothing personal (the buyer is already a pseudonym; name, address, phone and Alipay account are never read).
 *
 * @param orderId 订单编号
 * @param userId  the buyer's pseudonym ({@link TaobaoReports#BUYER_PREFIX} + SHA-256 of 买家会员名), null if blank
 * @param ts      when the order was paid (订单付款时间), or created (订单创建时间) when it was never paid
 * @param state   what the order's 订单状态 (and 退款金额) mean for its items
 */
public record TaobaoOrder(String orderId, String userId, Instant ts, State state) {

    /** How an order's items count. */
    public enum State {
        /** 交易成功, 卖家已发货, 买家已付款: each item is a purchase. */
        PURCHASE,
        /** Closed after a refund (交易关闭 with 退款金额 above zero, or a state naming 退款): a purchase and its refund. */
        REFUNDED,
        /** 等待买家付款, or closed without payment: no event. */
        NOT_PURCHASED,
        /** The buyer was erased after the order was indexed: its items are dropped as {@code ERASED}. */
        ERASED
    }

    public TaobaoOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(state, "state");
    }
}
