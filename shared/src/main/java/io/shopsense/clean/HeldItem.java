package io.shopsense.clean;

import java.time.Instant;
import java.util.Objects;

/**
 * A 宝贝报表 row whose order no order report has named yet: kept (non-personal fields only) until its order arrives
 * or the hold window ends. Its fields passed their parsing checks when it was held; the event rules run on release.
 *
 * @param sourceId  the item report's upload
 * @param row       its row in that upload
 * @param heldAt    when that upload was received (the hold window starts here)
 * @param orderId   订单编号
 * @param itemId    商家编码, else 外部系统编号, else {@code title:} + the lower-case 标题
 * @param title     标题 (for the catalogue row already written; kept for the reject text)
 * @param quantity  购买数量
 * @param unitPrice 价格
 * @param evidence  the row as a reject line would show it (personal columns blanked)
 */
public record HeldItem(String sourceId, long row, Instant heldAt, String orderId, String itemId, String title,
                       long quantity, double unitPrice, String evidence) {
    public HeldItem {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(heldAt, "heldAt");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** The held row's identity across uploads: {@code sourceId#row}. */
    public String key() {
        return sourceId + "#" + row;
    }
}
