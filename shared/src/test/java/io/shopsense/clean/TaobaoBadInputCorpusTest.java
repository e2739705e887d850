package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of the Taobao/Tmall reports, like {@link BadInputCorpusTest}: one GBK file per rule, each with
 * its hand-checked counts and reasons, and no personal value in any reject line. The order book knows order 1001
 * (paid) before each item file. "Now" is 2024-12-01T00:00Z; the shop is in Asia/Shanghai.
 */
class TaobaoBadInputCorpusTest {
    private static final String ORDERS = "订单编号,买家会员名,买家支付宝账号,订单状态,收货人姓名,收货地址,联系手机,"
            + "订单创建时间,订单付款时间,退款金额\r\n";
    private static final String PERSONAL = "alice@example.com,张三,某路1号,=\"13800000009\"";
    private static final String GOOD_ORDER = "=\"2001\",买家甲," + PERSONAL.replace(",张三", ",交易成功,张三")
            + ",2024-11-11 00:00:01,2024-11-11 00:00:02,0\r\n";
    private static final String ITEMS = "订单编号,标题,价格,购买数量,外部系统编号,商品属性,订单状态,商家编码\r\n";
    private static final String GOOD_ITEM = "=\"1001\",龙井 250g,168.00,1,,,交易成功,TEA-1\r\n";
    private static final ExportCleaner CLEANER =
            new ExportCleaner(Clock.fixed(Instant.parse("2024-12-01T00:00:00Z"), ZoneOffset.UTC));

    record Case(String name, String text, long rowsIn, long rowsClean, long rowsHeld, Map<String, Long> reasons) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String order(String id, String buyer, String state, String created, String paid, String refund) {
        return id + "," + buyer + ",alice@example.com," + state + ",张三,某路1号,=\"13800000009\"," + created + ","
                + paid + "," + refund + "\r\n";
    }

    static Stream<Case> corpus() {
        return Stream.of(
                new Case("orders: good rows of every state", ORDERS + GOOD_ORDER
                        + order("=\"2002\"", "买家乙", "等待买家付款", "2024-11-11 00:00:01", "", "0")
                        + order("=\"2003\"", "买家乙", "交易关闭", "2024-11-11 00:00:01", "2024-11-11 00:01:00", "9.5")
                        + order("=\"2004\"", "", "卖家已发货，等待买家确认", "2024-11-11 00:00:01", "null", ""),
                        4, 4, 0, Map.of()),
                new Case("orders: missing order id", ORDERS + GOOD_ORDER
                        + order("", "买家甲", "交易成功", "2024-11-11 00:00:01", "", "0"), 2, 1, 0,
                        Map.of("MISSING_FIELD", 1L)),
                new Case("orders: order id that is a formula", ORDERS + GOOD_ORDER
                        + order("=1+2", "买家甲", "交易成功", "2024-11-11 00:00:01", "", "0"), 2, 1, 0,
                        Map.of("FORMULA_INJECTION", 1L)),
                new Case("orders: order id with a slash", ORDERS + GOOD_ORDER
                        + order("=\"20/05\"", "买家甲", "交易成功", "2024-11-11 00:00:01", "", "0"), 2, 1, 0,
                        Map.of("BAD_ID", 1L)),
                new Case("orders: a state the seller centre does not write", ORDERS + GOOD_ORDER
                        + order("=\"2005\"", "买家甲", "交易进行中", "2024-11-11 00:00:01", "", "0"), 2, 1, 0,
                        Map.of("UNKNOWN_TYPE", 1L)),
                new Case("orders: payment time that is no date", ORDERS + GOOD_ORDER
                        + order("=\"2006\"", "买家甲", "交易成功", "2024-11-11 00:00:01", "昨天", "0"), 2, 1, 0,
                        Map.of("BAD_DATE", 1L)),
                new Case("orders: no creation time", ORDERS + GOOD_ORDER
                        + order("=\"2007\"", "买家甲", "等待买家付款", "", "", "0"), 2, 1, 0,
                        Map.of("MISSING_FIELD", 1L)),
                new Case("orders: paid in 1989", ORDERS + GOOD_ORDER
                        + order("=\"2008\"", "买家甲", "交易成功", "1989-01-01 00:00:01", "1989-01-01 00:00:02", "0"),
                        2, 1, 0, Map.of("IMPOSSIBLE_DATE", 1L)),
                new Case("orders: refund amount is a word", ORDERS + GOOD_ORDER
                        + order("=\"2009\"", "买家甲", "交易关闭", "2024-11-11 00:00:01", "", "退了"), 2, 1, 0,
                        Map.of("BAD_NUMBER", 1L)),
                new Case("orders: a row cut short (its fields cannot be told apart)", ORDERS + GOOD_ORDER
                        + "=\"2010\",买家甲,alice@example.com,交易成功,张三,某路1号\r\n", 2, 1, 0,
                        Map.of("WRONG_COLUMN_COUNT", 1L)),
                new Case("orders: the same row twice", ORDERS + GOOD_ORDER + GOOD_ORDER, 2, 1, 0,
                        Map.of("DUPLICATE", 1L)),
                new Case("items: good rows, one of an order not yet known (held)", ITEMS + GOOD_ITEM
                        + "=\"1001\",玻璃杯,39.90,2,OUT-7,,交易成功,\r\n"
                        + "=\"1001\",竹制茶盘,88,1,,,交易成功,\r\n"
                        + "=\"9999\",龙井 250g,168.00,1,,,交易成功,TEA-1\r\n", 4, 3, 1, Map.of()),
                new Case("items: quantity is a word", ITEMS + GOOD_ITEM + "=\"1001\",龙井,168.00,两,,,交易成功,TEA-1\r\n",
                        2, 1, 0, Map.of("BAD_NUMBER", 1L)),
                new Case("items: price missing", ITEMS + GOOD_ITEM + "=\"1001\",龙井,,1,,,交易成功,TEA-1\r\n",
                        2, 1, 0, Map.of("MISSING_FIELD", 1L)),
                new Case("items: zero quantity", ITEMS + GOOD_ITEM + "=\"1001\",龙井,168.00,0,,,交易成功,TEA-2\r\n",
                        2, 1, 0, Map.of("ZERO_QUANTITY", 1L)),
                new Case("items: zero price", ITEMS + GOOD_ITEM + "=\"1001\",龙井,0,1,,,交易成功,TEA-2\r\n",
                        2, 1, 0, Map.of("NON_POSITIVE_PRICE", 1L)),
                new Case("items: no code, no title", ITEMS + GOOD_ITEM + "=\"1001\",,9,1,,,交易成功,\r\n",
                        2, 1, 0, Map.of("MISSING_FIELD", 1L)),
                new Case("items: no order id", ITEMS + GOOD_ITEM + ",龙井,168.00,1,,,交易成功,TEA-1\r\n",
                        2, 1, 0, Map.of("MISSING_FIELD", 1L)),
                new Case("items: a code that is a formula", ITEMS + GOOD_ITEM + "=\"1001\",龙井,9,1,,,交易成功,@SUM(1)\r\n",
                        2, 1, 0, Map.of("FORMULA_INJECTION", 1L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void clean_badTaobaoInput_isCountedAndExplained_withoutPersonalData(Case c) {
        RecordingOutput out = new RecordingOutput();
        OrderBook book = new OrderBook(() -> new OrderBook.Earlier(Map.of("1001", new TaobaoOrder("1001",
                "tb_buyer", Instant.parse("2024-11-10T12:00:00Z"), TaobaoOrder.State.PURCHASE)), List.of()),
                OrderBook.DEFAULT_HOLD_WINDOW);
        CleanRequest request = CleanRequest.of("bad", "raw/orders/taobao.csv").withExpectedKind(RowKind.EVENTS).withZone(ZoneId.of("Asia/Shanghai"))
                .withOrderBook(book);
        byte[] bytes = c.text().getBytes(Charset.forName("GBK"));

        CleanReport report = CLEANER.clean(new ByteArrayInputStream(bytes), request, out);

        assertThat(report.encoding()).isEqualTo("GBK");
        assertThat(report.errorCode()).isNull();
        assertThat(report.rowsIn()).isEqualTo(c.rowsIn());
        assertThat(report.rowsClean()).isEqualTo(c.rowsClean());
        assertThat(report.rowsHeld()).isEqualTo(c.rowsHeld());
        assertThat(book.heldItems()).hasSize((int) c.rowsHeld());
        assertThat(report.rejectsByReason()).containsExactlyInAnyOrderEntriesOf(c.reasons());
        assertThat(out.rejects).hasSize((int) report.rowsRejected());
        for (Reject r : out.rejects) {
            String line = CanonicalJson.rejectLine("bad", r);
            assertThat(line).doesNotContain("张三").doesNotContain("某路").doesNotContain("13800000009")
                    .doesNotContain("alice").doesNotContain("买家甲").doesNotContain("买家乙");
        }
        for (RecordingOutput.Row row : out.rows) {
            assertThat(row.json()).doesNotContain("买家甲").doesNotContain("13800000009").doesNotContain("张三");
        }
    }
}
