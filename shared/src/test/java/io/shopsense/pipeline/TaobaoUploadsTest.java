package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.clean.CleanLimits;
import io.shopsense.model.Event;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.Json;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Taobao/Tmall order report and its item report, uploaded in either order, against the same sales written as a
 * generic export (test resources clean/taobao/, made for the tests; see their NOTICE). The shop is in Asia/Shanghai.
 */
class TaobaoUploadsTest {
    private static final String RES = "/clean/taobao/";
    private static final Instant DAY_ONE = Instant.parse("2024-12-01T02:00:00Z");
    /** Personal values of the made-up order report: none may leave raw/. */
    private static final List<String> PERSONAL = List.of("张小鹿", "王杰", "王老", "林晓", "龙井路", "世纪大道",
            "建国路", "体育西路", "13800000001", "13900000002", "13700000003", "13600000004", "55550002",
            "example.com", "小鹿爱买买", "jack_2020", "茶友老王", "林小姐88", "请尽快发货", "包装好一点", "周末前能到吗");

    @TempDir
    Path bucket;
    @TempDir
    Path work;
    private DirectoryObjectStore store;
    private InMemoryIngestionLedger ledger = new InMemoryIngestionLedger();

    @BeforeEach
    void setUp() {
        store = new DirectoryObjectStore(bucket);
    }

    @Test
    void itemsBeforeOrders_andOrdersBeforeItems_giveTheGenericExportsEventsAndCatalogue() throws Exception {
        TrainingData generic = genericExport();

        upload("raw/orders/items.csv", resource("items-gbk.csv"), DAY_ONE);
        UploadCleaner.Outcome items = lastOutcome;
        upload("raw/orders/orders.csv", resource("orders-gbk.csv"), DAY_ONE.plusSeconds(60));
        UploadCleaner.Outcome orders = lastOutcome;
        TrainingData itemsFirst = TrainingData.read(store);

        assertThat(items.report().format()).isEqualTo("taobao-items");
        assertThat(items.report().encoding()).isEqualTo("GBK");
        assertThat(items.report().rowsHeld()).isEqualTo(12); // no order known yet
        assertThat(orders.report().format()).isEqualTo("taobao-orders");
        assertThat(orders.report().heldRowsSettled()).isEqualTo(11); // row 12's order never comes
        assertThat(orders.report().rowsIn()).isEqualTo(8 + 11);
        assertThat(new OrderIndex(store, Duration.ofDays(14)).stillHeld()).singleElement()
                .satisfies(h -> assertThat(h.orderId()).isEqualTo("3912345678909999999"));
        assertThat(contentOf(itemsFirst.events())).isEqualTo(contentOf(generic.events()));
        assertThat(Set.copyOf(itemsFirst.catalogue())).isEqualTo(Set.copyOf(generic.catalogue()));

        Path otherBucket = Files.createDirectory(work.resolve("other"));
        store = new DirectoryObjectStore(otherBucket);
        ledger = new InMemoryIngestionLedger();
        upload("raw/orders/orders.csv", resource("orders-gbk.csv"), DAY_ONE);
        upload("raw/orders/items.csv", resource("items-gbk.csv"), DAY_ONE.plusSeconds(60));
        UploadCleaner.Outcome itemsSecond = lastOutcome;
        TrainingData ordersFirst = TrainingData.read(store);

        assertThat(itemsSecond.report().rowsHeld()).isEqualTo(1);
        assertThat(itemsSecond.report().rowsClean()).isEqualTo(11);
        assertThat(contentOf(ordersFirst.events())).isEqualTo(contentOf(generic.events()));
        assertThat(Set.copyOf(ordersFirst.catalogue())).isEqualTo(Set.copyOf(generic.catalogue()));
    }

    @Test
    void utf8WithAndWithoutBom_cleanLikeGbk() throws Exception {
        String orders = new String(resource("orders-gbk.csv"), Charset.forName("GBK"));
        String items = new String(resource("items-gbk.csv"), Charset.forName("GBK"));
        upload("raw/orders/orders.csv", ("\uFEFF" + orders).getBytes(StandardCharsets.UTF_8), DAY_ONE);
        upload("raw/orders/items.csv", items.getBytes(StandardCharsets.UTF_8), DAY_ONE);

        assertThat(lastOutcome.report().encoding()).isEqualTo("UTF-8");
        assertThat(contentOf(TrainingData.read(store).events())).isEqualTo(contentOf(genericExport().events()));
    }

    @Test
    void noPersonalField_inAnyObjectOutsideRaw_orInRejectLines() throws Exception {
        String orders = new String(resource("orders-gbk.csv"), Charset.forName("GBK"));
        // three rows that are rejected: a state no seller centre writes, an unparseable time, a cut-off row
        String bad = orders
                + "=\"3912345678900000001\",小鹿爱买买,xiaolu.buyer@example.com,1,0,1,1,交易进行中,,张小鹿,"
                + "浙江省 杭州市 西湖区 龙井路18号(310000),快递,,=\"13800000001\",2024-11-11 00:01:40,"
                + "2024-11-11 00:03:12,茶,1,1,,0.00\r\n"
                + "=\"3912345678900000002\",jack_2020,13900000002,1,0,1,1,交易成功,,王杰,世纪大道100号,快递,"
                + "021-55550002,=\"13900000002\",昨天,昨天,茶,1,1,,0.00\r\n"
                + "=\"3912345678900000003\",茶友老王,wanglao@example.com,1,0,1,1,交易成功,,王老,建国路88号\r\n";
        upload("raw/orders/items.csv", resource("items-gbk.csv"), DAY_ONE);
        upload("raw/orders/orders.csv", bad.getBytes(Charset.forName("GBK")), DAY_ONE);

        assertThat(lastOutcome.report().rejectsByReason()).containsEntry("UNKNOWN_TYPE", 1L)
                .containsEntry("BAD_DATE", 1L).containsEntry("WRONG_COLUMN_COUNT", 1L);
        String everything = everythingOutsideRaw();
        assertThat(everything).contains("tb_"); // the buyers are there, as pseudonyms
        for (String value : PERSONAL) {
            assertThat(everything).as("outputs hold " + value).doesNotContain(value);
        }
        String rejects = read(Layout.rejectsKey("events", lastOutcome.sourceId()));
        assertThat(rejects).contains("交易进行中").contains("3912345678900000002").contains("(withheld: ");
    }

    @Test
    void heldRows_areRejectedAsOrderNotFound_byTheFirstTaobaoReportAfterTheWindow() throws Exception {
        upload("raw/orders/items.csv", resource("items-gbk.csv"), DAY_ONE);
        upload("raw/orders/orders.csv", resource("orders-gbk.csv"), DAY_ONE.plus(Duration.ofDays(1)));
        assertThat(new OrderIndex(store, Duration.ofDays(14)).stillHeld()).hasSize(1);

        String lateOrders = new String(resource("orders-gbk.csv"), Charset.forName("GBK")).lines().limit(2)
                .collect(Collectors.joining("\r\n")).replace("3912345678901234567", "3912345678901230000") + "\r\n";
        upload("raw/orders/later.csv", lateOrders.getBytes(Charset.forName("GBK")),
                DAY_ONE.plus(Duration.ofDays(15)));

        assertThat(lastOutcome.report().rejectsByReason()).containsEntry("ORDER_NOT_FOUND", 1L);
        assertThat(lastOutcome.report().heldRowsSettled()).isEqualTo(1);
        assertThat(new OrderIndex(store, Duration.ofDays(14)).stillHeld()).isEmpty();
        JsonNode reject = Json.MAPPER.readTree(read(Layout.rejectsKey("events", lastOutcome.sourceId())).lines()
                .filter(l -> l.contains("ORDER_NOT_FOUND")).findFirst().orElseThrow());
        assertThat(reject.path("sourceRow").asLong()).isEqualTo(12);
        assertThat(reject.path("detail").asText()).contains("3912345678909999999").contains("14 days");
    }

    @Test
    void reuploadOfTheItemReport_addsNoEventTwice() throws Exception {
        upload("raw/orders/items.csv", resource("items-gbk.csv"), DAY_ONE);
        upload("raw/orders/items-again.csv", resource("items-gbk.csv"), DAY_ONE.plusSeconds(5));
        upload("raw/orders/orders.csv", resource("orders-gbk.csv"), DAY_ONE.plusSeconds(60));

        assertThat(contentOf(TrainingData.read(store).events())).isEqualTo(contentOf(genericExport().events()));
        // 22 held rows settled: the second copy of each of the 9 purchase rows is a duplicate; the 2 rows of unpaid or
        // closed orders are clean with no event, twice
        assertThat(lastOutcome.report().heldRowsSettled()).isEqualTo(22);
        assertThat(lastOutcome.report().rejectsByReason()).containsExactly(java.util.Map.entry("DUPLICATE", 9L));
    }

    @Test
    void erasingABuyer_marksTheirIndexedOrders_andTheirLaterItemRowsAreErasedNotCleaned() throws Exception {
        String buyer = "tb_" + io.shopsense.model.Sha256.hex("小鹿爱买买");
        upload("raw/orders/orders.csv", resource("orders-gbk.csv"), DAY_ONE);

        long marked = new OrderIndex(store, Duration.ofDays(14)).forget(buyer::equals);
        upload("raw/orders/items.csv", resource("items-gbk.csv"), DAY_ONE.plusSeconds(60));

        assertThat(marked).isEqualTo(2); // her two orders
        assertThat(everythingOutsideRaw()).doesNotContain(buyer);
        assertThat(lastOutcome.report().rowsErased()).isEqualTo(3); // her three item rows
        assertThat(TrainingData.read(store).events()).extracting(Event::userId).doesNotContain(buyer);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private UploadCleaner.Outcome lastOutcome;

    private void upload(String key, byte[] bytes, Instant at) throws IOException {
        store.put(key, bytes, "text/csv");
        UploadCleaner cleaner = new UploadCleaner(store, ledger, new UploadCleaner.Settings(ZoneId.of("Asia/Shanghai"),
                CleanLimits.DEFAULT, Duration.ofDays(35), 100_000, "CNY", work), Clock.fixed(at, ZoneOffset.UTC));
        lastOutcome = cleaner.clean(new UploadCleaner.Upload("shop", key, Integer.toHexString(
                java.util.Arrays.hashCode(bytes)) + "-" + key.hashCode(), at));
        assertThat(lastOutcome.status()).isEqualTo(UploadCleaner.Outcome.CLEANED);
    }

    private TrainingData genericExport() throws Exception {
        Path genericBucket = Files.createTempDirectory(work, "generic");
        DirectoryObjectStore generic = new DirectoryObjectStore(genericBucket);
        DirectoryObjectStore saved = store;
        InMemoryIngestionLedger savedLedger = ledger;
        UploadCleaner.Outcome savedOutcome = lastOutcome;
        store = generic;
        ledger = new InMemoryIngestionLedger();
        upload("raw/orders/generic.csv", resource("generic-events.csv"), DAY_ONE);
        upload("raw/catalog/generic.csv", resource("generic-catalog.csv"), DAY_ONE);
        store = saved;
        ledger = savedLedger;
        lastOutcome = savedOutcome;
        return TrainingData.read(generic);
    }

    /** An event without where it came from: what the two exports must agree on. */
    private static Set<String> contentOf(List<Event> events) {
        return events.stream().map(e -> String.join("|", e.eventId(), e.userId(), e.itemId(), e.type().name(),
                        Integer.toString(e.quantity()), Double.toString(e.unitPrice()), e.currency(), e.ts().toString(),
                        e.orderId(), String.valueOf(e.channel()), String.valueOf(e.sessionId())))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private String everythingOutsideRaw() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String key = bucket.relativize(p).toString();
                if (!key.startsWith("raw/")) {
                    all.append(read(key)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private String read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            byte[] b = in.readAllBytes();
            if (key.endsWith(".gz")) {
                b = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b)).readAllBytes();
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TaobaoUploadsTest.class.getResourceAsStream(RES + name)) {
            return in.readAllBytes();
        }
    }

}
