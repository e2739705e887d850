package io.shopsense.clean;

import java.util.Locale;

/**
 * What the two Taobao/Tmall seller-centre reports share: their header names, the {@code ="…"} wrapping the seller
 * centre puts around long numbers (so spreadsheets keep their digits), the meaning of 订单状态, and which columns are
 * personal data that no output, reject line or log may carry (China's PIPL as much as the GDPR).
 */
final class TaobaoReports {
    /** The buyer's pseudonym prefix: {@code tb_} + SHA-256 hex of the trimmed 买家会员名 (see {@link Pseudonyms}). */
    static final String BUYER_PREFIX = "tb_";
    /** Taobao and Tmall sell in renminbi. */
    static final String CURRENCY = "CNY";

    static final String ORDER_ID = "订单编号";
    static final String BUYER = "买家会员名";
    static final String STATE = "订单状态";
    static final String CREATED = "订单创建时间";
    static final String PAID = "订单付款时间";
    static final String REFUND = "退款金额";
    static final String TITLE = "标题";
    static final String PRICE = "价格";
    static final String QUANTITY = "购买数量";
    static final String OUTER_ID = "外部系统编号";
    static final String MERCHANT_CODE = "商家编码";

    /**
     * Header fragments of personal columns (收货人姓名, 收货地址, 联系电话, 联系手机, 买家支付宝账号, and their kin: 详细地址,
     * 买家留言, 身份证, e-mail): blanked wherever a row is kept as evidence, never read otherwise.
     */
    private static final String[] PERSONAL = {"收货", "地址", "电话", "手机", "支付宝", "留言", "身份证", "邮箱", "email"};

    private TaobaoReports() {
    }

    /** Whether a normalised header names the order report (订单报表). */
    static boolean isOrderReport(String[] header) {
        return RowMapper.column(header, ORDER_ID) >= 0 && RowMapper.column(header, BUYER) >= 0
                && RowMapper.column(header, STATE) >= 0 && RowMapper.column(header, CREATED) >= 0;
    }

    /** Whether a normalised header names the item report (宝贝报表). */
    static boolean isItemReport(String[] header) {
        return RowMapper.column(header, ORDER_ID) >= 0 && RowMapper.column(header, TITLE) >= 0
                && RowMapper.column(header, PRICE) >= 0 && RowMapper.column(header, QUANTITY) >= 0;
    }

    /** A cell without its {@code ="…"} wrapper and surrounding blanks: {@code ="12345"} → {@code 12345}. */
    static String value(RecordReader rec, int column) {
        if (column < 0) {
            return "";
        }
        String v = rec.field(column).strip();
        if (v.length() >= 3 && v.startsWith("=\"") && v.endsWith("\"")) {
            v = v.substring(2, v.length() - 1).strip();
        }
        return v;
    }

    /** The buyer's pseudonym, null for a blank member name. */
    static String buyer(String memberName) {
        String name = memberName.strip();
        return name.isEmpty() ? null : Pseudonyms.of(BUYER_PREFIX, name);
    }

    /**
     * The order state of a 订单状态 text and a refunded amount (NaN when the report has none), or null when the text is
     * not one the seller centre writes.
     */
    static TaobaoOrder.State state(String text, double refunded) {
        if (text.contains("退款") || (text.contains("交易关闭") && refunded > 0)) {
            return TaobaoOrder.State.REFUNDED;
        }
        if (text.contains("等待买家付款") || text.contains("交易关闭")) {
            return TaobaoOrder.State.NOT_PURCHASED;
        }
        if (text.contains("交易成功") || text.contains("已发货") || text.contains("已付款") || text.contains("已签收")) {
            return TaobaoOrder.State.PURCHASE;
        }
        return null;
    }

    /** Which columns of a normalised header are personal (blanked) and which is the buyer (pseudonymised). */
    static boolean[] personalColumns(String[] header) {
        boolean[] personal = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            String h = header[i].toLowerCase(Locale.ROOT);
            for (String fragment : PERSONAL) {
                if (h.contains(fragment)) {
                    personal[i] = true;
                    break;
                }
            }
        }
        return personal;
    }

    /**
     * The record as a reject line may keep it: personal columns blanked, the buyer column replaced by its pseudonym,
     * fields re-joined as CSV. A record whose fields do not line up with the header cannot be told apart column by
     * column, so none of its text is kept.
     */
    static String evidence(RecordReader rec, boolean[] personal, int buyerColumn) {
        if (rec.oversized() || rec.unterminatedQuote() || rec.size() != personal.length) {
            return "(withheld: " + rec.size() + " fields where the header has " + personal.length
                    + ", so personal columns cannot be told apart)";
        }
        StringBuilder b = new StringBuilder(rec.rawView().length());
        for (int i = 0; i < personal.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String v;
            if (personal[i]) {
                v = "";
            } else if (i == buyerColumn) {
                String pseudonym = buyer(value(rec, i));
                v = pseudonym == null ? "" : pseudonym;
            } else {
                v = rec.field(i);
            }
            csv(b, v);
        }
        return b.toString();
    }

    private static void csv(StringBuilder b, String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            b.append(v);
            return;
        }
        b.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
}
