package io.shopsense.local.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.TestClouds;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Taobao/Tmall item report, then its order report (GBK, made for the tests), uploaded to the local cloud: the item
 * rows wait in the order index, the order report releases them, their events fold into profiles of pseudonymous
 * buyers, and no personal value reaches any object outside {@code raw/}, any Profiles item or any log line.
 */
class TaobaoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("../shared/src/test/resources/clean/taobao");
    private static final List<String> PERSONAL = List.of("张小鹿", "王杰", "王老", "林晓", "龙井路", "世纪大道",
            "建国路", "体育西路", "13800000001", "13900000002", "13700000003", "13600000004", "55550002",
            "example.com", "小鹿爱买买", "jack_2020", "茶友老王", "林小姐88", "请尽快发货", "周末前能到吗");

    @Test
    void itemsThenOrders_becomeEventsAndProfiles_andNoPersonalValueIsStoredOrLogged() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        List<String> stored = new ArrayList<>();
        try (PrintStream tee = new PrintStream(new Tee(original, logs), true, StandardCharsets.UTF_8)) {
            System.setErr(tee);
            try (LocalCloud cloud = TestClouds.start(Path.of("../template.yaml"), "shopsense");
                 S3Client s3 = cloud.s3Client(); DynamoDbClient dynamoDb = cloud.dynamoDbClient()) {
                s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/orders/宝贝报表.csv"),
                        RequestBody.fromBytes(Files.readAllBytes(SAMPLES.resolve("items-gbk.csv"))));
                cloud.awaitIdle(Duration.ofMinutes(2));
                s3.putObject(b -> b.bucket(cloud.bucketName()).key("raw/orders/订单报表.csv"),
                        RequestBody.fromBytes(Files.readAllBytes(SAMPLES.resolve("orders-gbk.csv"))));
                cloud.awaitIdle(Duration.ofMinutes(2));

                List<JsonNode> manifests = new ArrayList<>();
                s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName())).contents().forEach(o -> {
                    byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(o.key())).asByteArray();
                    if (!o.key().startsWith("raw/")) {
                        stored.add(o.key() + "\n" + text(o.key(), bytes));
                    }
                    if (o.key().matches("manifests/[^/]+\\.json")) {
                        manifests.add(read(bytes).path("report"));
                    }
                });
                assertThat(manifests).extracting(m -> m.path("format").asText())
                        .containsExactlyInAnyOrder("taobao-items", "taobao-orders");
                JsonNode items = manifests.stream().filter(m -> m.path("format").asText().equals("taobao-items"))
                        .findFirst().orElseThrow();
                JsonNode orders = manifests.stream().filter(m -> m.path("format").asText().equals("taobao-orders"))
                        .findFirst().orElseThrow();
                assertThat(items.path("rowsHeld").asLong()).isEqualTo(12);
                assertThat(orders.path("heldRowsSettled").asLong()).isEqualTo(11);
                assertThat(orders.path("outputsByKind").path("events").asLong()).isEqualTo(10);
                var profiles = dynamoDb.scan(b -> b.tableName(cloud.tableName("ProfilesTable"))).items();
                assertThat(profiles).hasSize(4).allSatisfy(p -> assertThat(p.get("userId").s()).startsWith("tb_"));
                profiles.forEach(p -> stored.add(p.toString()));
                assertThat(cloud.functions().deadLetters().all()).isEmpty();
            }
        } finally {
            System.setErr(original);
        }
        String everything = String.join("\n", stored) + "\n" + logs.toString(StandardCharsets.UTF_8);
        for (String value : PERSONAL) {
            assertThat(everything).as("stored or logged: " + value).doesNotContain(value);
        }
    }

    private static String text(String key, byte[] bytes) {
        try {
            return new String(key.endsWith(".gz") ? new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))
                    .readAllBytes() : bytes, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
