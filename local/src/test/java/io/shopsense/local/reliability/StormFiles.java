package io.shopsense.local.reliability;

import io.shopsense.pipeline.Layout;
import io.shopsense.local.samples.SampleSlice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The uploads of a storm and the malformed-file corpus, generated deterministically: Online Retail slices, generic
 * event CSV and JSON Lines, malformed files of every kind, and byte-identical copies of earlier files under new keys.
 */
final class StormFiles {
    private StormFiles() {
    }

    /** {@code count} uploads: 40% Online Retail slices, 20% CSV, 20% JSON Lines, 10% malformed, 10% copies. */
    static Map<String, byte[]> generate(Path home, int count) throws IOException {
        String[] retail = new String(SampleSlice.firstLines(home.resolve("samples/online-retail-sample.csv.gz"),
                1 + count * 10), StandardCharsets.UTF_8).split("\n");
        Random random = new Random(42);
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<byte[]> malformed = new ArrayList<>(malformedCorpus().values());
        int retailFiles = count * 4 / 10;
        int perSlice = (retail.length - 1) / Math.max(1, retailFiles);
        for (int i = 0; files.size() < count; i++) {
            int kind = i % 10;
            String key;
            byte[] bytes;
            if (kind < 4) {
                int slice = i / 10 * 4 + kind;
                int from = 1 + slice * perSlice;
                key = Layout.RAW_ORDERS + String.format(Locale.ROOT, "storm/retail-%03d.csv", i);
                bytes = (retail[0] + "\n" + String.join("\n", Arrays.copyOfRange(retail, Math.min(from, retail.length),
                        Math.min(from + perSlice, retail.length))) + "\n").getBytes(StandardCharsets.UTF_8);
            } else if (kind < 6) {
                key = Layout.RAW_EVENTS + String.format(Locale.ROOT, "storm/events-%03d.csv", i);
                bytes = genericCsv(random, i);
            } else if (kind < 8) {
                key = Layout.RAW_EVENTS + String.format(Locale.ROOT, "storm/events-%03d.jsonl", i);
                bytes = jsonLines(random, i);
            } else if (kind == 8) {
                key = Layout.RAW_EVENTS + String.format(Locale.ROOT, "storm/bad-%03d.csv", i);
                bytes = malformed.get(i / 10 % malformed.size());
            } else {
                // a byte-identical copy of an earlier upload, under another key
                List<String> earlier = new ArrayList<>(files.keySet());
                String original = earlier.get(random.nextInt(earlier.size()));
                key = original.replace("/storm/", "/storm-copy/").replaceAll("-(\\d+)\\.", "-$1-copy" + i + ".");
                bytes = files.get(original);
            }
            files.put(key, bytes);
        }
        return files;
    }

    private static byte[] genericCsv(Random random, int file) {
        StringBuilder out = new StringBuilder("user_id,sku,timestamp,event_type,qty,price\n");
        for (int row = 0; row < 25; row++) {
            out.append(String.format(Locale.ROOT, "g%d,SKU-%d,2011-0%d-%02dT%02d:%02d:00Z,%s,%d,%.2f\n",
                    random.nextInt(60), random.nextInt(40), 1 + random.nextInt(9), 1 + random.nextInt(28),
                    random.nextInt(24), file % 60, random.nextBoolean() ? "purchase" : "view",
                    1 + random.nextInt(3), 1 + random.nextInt(5000) / 100.0));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jsonLines(Random random, int file) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < 25; row++) {
            out.append(String.format(Locale.ROOT, "{\"user_id\":\"j%d\",\"item_id\":\"SKU-%d\",\"ts\":\"2011-0%d-%02dT%02d:%02d:00Z\","
                            + "\"type\":\"%s\",\"quantity\":%d,\"price\":%.2f}\n",
                    random.nextInt(60), random.nextInt(40), 1 + random.nextInt(9), 1 + random.nextInt(28),
                    random.nextInt(24), file % 60, random.nextBoolean() ? "cart" : "purchase",
                    1 + random.nextInt(3), 1 + random.nextInt(5000) / 100.0));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The cleaning corpus: one file per way an export goes wrong (docs/architecture.md §6), keyed under raw/. */
    static Map<String, byte[]> malformedCorpus() throws IOException {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        String header = "user_id,sku,timestamp,event_type,qty,price\n";
        corpus.put(Layout.RAW_EVENTS + "bad/empty.csv", new byte[0]);
        corpus.put(Layout.RAW_EVENTS + "bad/header-only.csv", header.getBytes(StandardCharsets.UTF_8));
        corpus.put(Layout.RAW_EVENTS + "bad/binary.csv", binary());
        corpus.put(Layout.RAW_EVENTS + "bad/truncated.csv.gz", Arrays.copyOf(gzip(header + "u1,A,2011-01-01T00:00:00Z,view,1,1\n"), 20));
        corpus.put(Layout.RAW_EVENTS + "bad/bad-rows.csv", (header
                + "u1,A,2011-01-01T00:00:00Z,view,1,1\n"
                + "u2,B,not-a-date,purchase,1,2\n"
                + "u3,C,2011-02-30T00:00:00Z,purchase,1,2\n"
                + "u4,D,2011-01-01T00:00:00Z,purchase,abc,2\n"
                + "u5,E,2011-01-01T00:00:00Z,purchase,1,-3\n"
                + "u6,\"F,2011-01-01T00:00:00Z,purchase,1,2\n").getBytes(StandardCharsets.UTF_8));
        corpus.put(Layout.RAW_EVENTS + "bad/crlf-bom-formula.csv", ("\uFEFF" + header.replace("\n", "\r\n")
                + "=HYPERLINK(\"x\"),A,2011-01-01T00:00:00Z,view,1,1\r\n"
                + "u7,@SUM(A1),2011-01-01T00:00:00Z,view,1,1\r\n"
                + "u8,G,2011-01-01T00:00:00Z,view,1,1\r\n").getBytes(StandardCharsets.UTF_8));
        corpus.put(Layout.RAW_EVENTS + "bad/huge-field.csv", (header + "u9," + "X".repeat(200_000)
                + ",2011-01-01T00:00:00Z,view,1,1\nu10,H,2011-01-01T00:00:00Z,view,1,1\n").getBytes(StandardCharsets.UTF_8));
        corpus.put(Layout.RAW_EVENTS + "bad/windows-1252.csv", (header + "u11,caf\u00e9,2011-01-01T00:00:00Z,view,1,1\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        corpus.put(Layout.RAW_EVENTS + "bad/utf16.csv", (header + "u12,I,2011-01-01T00:00:00Z,view,1,1\n")
                .getBytes(StandardCharsets.UTF_16));
        corpus.put(Layout.RAW_EVENTS + "bad/unknown-columns.csv", "colour,shape\nred,round\n".getBytes(StandardCharsets.UTF_8));
        corpus.put(Layout.RAW_EVENTS + "bad/wrong-columns.csv", (header + "u13,J\nu14,K,2011-01-01T00:00:00Z,view,1,1,extra\n")
                .getBytes(StandardCharsets.UTF_8));
        corpus.put(Layout.RAW_EVENTS + "bad/broken.jsonl", ("{\"user_id\":\"u15\",\"item_id\":\"L\",\"ts\":\"2011-01-01T00:00:00Z\"}\n"
                + "{not json\n[1,2]\n{\"user_id\":\"u16\"}\n").getBytes(StandardCharsets.UTF_8));
        // Taobao/Tmall reports (issue 20), GBK: an order report with bad rows next to personal columns, and an item
        // report whose orders never arrive (its rows stay held)
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        String orders = "订单编号,买家会员名,买家支付宝账号,订单状态,收货人姓名,收货地址,联系手机,订单创建时间,订单付款时间\r\n";
        corpus.put(Layout.RAW_ORDERS + "bad/taobao-orders.csv", (orders
                + "=\"9000001\",买家甲,a@example.com,交易成功,张三,某路1号,=\"13800000009\",2011-01-01 10:00:00,2011-01-01 10:01:00\r\n"
                + "=\"9000002\",买家甲,a@example.com,交易进行中,张三,某路1号,=\"13800000009\",2011-01-01 10:00:00,\r\n"
                + "=\"9000003\",买家乙,b@example.com,交易成功,李四,某路2号,=\"13800000008\",昨天,昨天\r\n"
                + "=\"9000004\",买家乙,b@example.com,交易成功,李四\r\n").getBytes(gbk));
        corpus.put(Layout.RAW_ORDERS + "bad/taobao-items.csv", ("订单编号,标题,价格,购买数量,外部系统编号,商品属性,订单状态,商家编码\r\n"
                + "=\"9100001\",龙井,168.00,1,,,交易成功,TEA-1\r\n"
                + "=\"9100001\",龙井,168.00,两,,,交易成功,TEA-1\r\n").getBytes(gbk));
        return corpus;
    }

    private static byte[] binary() {
        byte[] bytes = new byte[4096];
        new Random(3).nextBytes(bytes);
        return bytes;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
