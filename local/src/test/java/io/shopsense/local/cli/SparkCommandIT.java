package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.cloud.LocalS3Server;
import io.shopsense.runtime.Environment;
import io.shopsense.store.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code ./shopsense spark clean|profiles} as a user runs them: the jobs jar in its own JVM (Spark local mode), on local
 * files and on {@code s3a://} against S3Proxy, with the outputs of {@code ./shopsense clean} and {@code profiles}.
 */
class SparkCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private String previousHome;

    @BeforeEach
    void projectRoot() {
        previousHome = System.getProperty("shopsense.home");
        System.setProperty("shopsense.home", Path.of("..").toAbsolutePath().normalize().toString());
    }

    @AfterEach
    void restoreRoot() {
        if (previousHome == null) {
            System.clearProperty("shopsense.home");
        } else {
            System.setProperty("shopsense.home", previousHome);
        }
    }

    @Test
    void sparkClean_inParts_writesWhatCleanWrites() throws Exception {
        Path upload = plainSample();

        int cli = ShopsenseCli.run("clean", upload.toString(), "--out", work.resolve("cli").toString());
        int spark = ShopsenseCli.run("spark", "clean", upload.toString(), "--out", work.resolve("spark").toString(),
                "--part-mb", "1");

        assertThat(cli).isZero();
        assertThat(spark).isZero();
        assertThat(tree(work.resolve("spark"))).isEqualTo(tree(work.resolve("cli")));
    }

    @Test
    void sparkCleanAndProfiles_overS3a_readAndWriteTheBucketsLayout() throws Exception {
        Path upload = plainSample();
        try (LocalS3Server s3 = LocalS3Server.start(null, LocalCloud.ACCESS_KEY, LocalCloud.SECRET_KEY,
                (event, bucket, key, size, eTag) -> { });
             S3Client client = AwsClients.s3(Environment.of(Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
                     "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY,
                     "AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_KEY)))) {
            client.createBucket(b -> b.bucket("shop"));
            client.putObject(b -> b.bucket("shop").key("raw/orders/sample.csv"), RequestBody.fromFile(upload));
            String endpoint = s3.endpoint().toString();

            int clean = ShopsenseCli.run("spark", "clean", "s3a://shop/raw/orders/sample.csv", "--out", "s3a://shop",
                    "--part-mb", "1", "--s3-endpoint", endpoint);
            int profiles = ShopsenseCli.run("spark", "profiles", "--events", "s3a://shop/clean/events/", "--as-of",
                    "2011-09-30", "--out", "s3a://shop/reports/spark-profiles.jsonl", "--s3-endpoint", endpoint);
            int cli = ShopsenseCli.run("clean", upload.toString(), "--out", work.resolve("cli").toString());
            int cliProfiles = ShopsenseCli.run("profiles", "--events", work.resolve("cli").toString(), "--as-of",
                    "2011-09-30", "--out", work.resolve("profiles.jsonl").toString());

            assertThat(clean).isZero();
            assertThat(profiles).isZero();
            assertThat(cli).isZero();
            assertThat(cliProfiles).isZero();
            JsonNode manifest = JSON.readTree(text(client, "manifests/" + s3SourceId(client) + ".json"));
            JsonNode cliManifest = JSON.readTree(work.resolve("cli/manifest.json").toFile());
            assertThat(withoutSource(manifest.path("report"))).isEqualTo(withoutSource(cliManifest.path("report")));
            assertThat(manifest.path("input").asText()).isEqualTo("raw/orders/sample.csv");
            assertThat(text(client, "reports/spark-profiles.jsonl"))
                    .isEqualTo(Files.readString(work.resolve("profiles.jsonl")));
        }
    }

    /** The one source the bucket's manifests name (S3A gives the job the object's ETag, as S3 gives the function). */
    private static String s3SourceId(S3Client client) {
        return client.listObjectsV2Paginator(b -> b.bucket("shop").prefix("manifests/")).contents().stream()
                .map(S3Object::key).filter(k -> k.endsWith(".json"))
                .map(k -> k.substring("manifests/".length(), k.length() - ".json".length()))
                .findFirst().orElseThrow();
    }

    private static JsonNode withoutSource(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        copy.remove("sourceId");
        return copy;
    }

    private static String text(S3Client client, String key) throws IOException {
        byte[] bytes = client.getObjectAsBytes(b -> b.bucket("shop").key(key)).asByteArray();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The committed sample unzipped: a plain file is cleaned in parts (a gzip one is cleaned whole). */
    private Path plainSample() throws IOException {
        Path upload = work.resolve("sample.csv");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("../samples/online-retail-sample.csv.gz")))) {
            Files.copy(in, upload);
        }
        return upload;
    }

    /** Every file under {@code root} by relative path, its text (gzip files decompressed). */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (file.toString().endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        bytes = in.readAllBytes();
                    }
                }
                files.put(root.relativize(file).toString(), file.toString().endsWith(".eventids")
                        ? java.util.HexFormat.of().formatHex(bytes) : new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
