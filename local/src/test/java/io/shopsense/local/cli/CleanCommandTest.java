package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.clean.UploadManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clean FILE… --out DIR} on the Taobao/Tmall sample reports (made for the tests, GBK), in either order, against
 * the same sales as a generic export: the same profiles and recommendations, a run manifest that reconciles, and no
 * personal value anywhere in the output directory or on stdout.
 */
class CleanCommandTest {
    private static final String TAOBAO = "../shared/src/test/resources/clean/taobao/";
    private static final List<String> PERSONAL = List.of("张小鹿", "王杰", "龙井路", "13800000001", "example.com",
            "小鹿爱买买", "jack_2020", "茶友老王", "林小姐88");

    @TempDir
    Path work;

    @Test
    void clean_itemsThenOrders_resolvesTheItems_andTheRunManifestReconciles() throws Exception {
        Path out = work.resolve("taobao");

        CliRun run = CliRun.of("clean", TAOBAO + "items-gbk.csv", TAOBAO + "orders-gbk.csv", "--out", out.toString(),
                "--tz", "Asia/Shanghai");

        assertThat(run.exit()).isZero();
        JsonNode manifest = Output.JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.path("rowsIn").asLong()).isEqualTo(12 + 8);
        assertThat(manifest.path("rowsClean").asLong()).isEqualTo(11 + 8);
        assertThat(manifest.path("rowsRejected").asLong()).isZero();
        assertThat(manifest.path("rowsStillHeld").asLong()).isEqualTo(1);
        assertThat(manifest.path("reconciles").asBoolean()).isTrue();
        assertThat(manifest.path("uploads")).hasSize(2);
        assertThat(manifest.path("uploads").get(0).path("rowsHeld").asLong()).isEqualTo(12);
        assertThat(Output.JSON.readTree(run.stdout()).path("rowsStillHeld").asLong()).isEqualTo(1);
        assertNoPersonalValue(out, run.stdout());
    }

    @Test
    void taobaoReports_inEitherOrder_giveTheGenericExportsProfilesAndRecommendations() throws Exception {
        Path itemsFirst = work.resolve("items-first");
        Path ordersFirst = work.resolve("orders-first");
        Path generic = work.resolve("generic");
        assertThat(CliRun.of("clean", TAOBAO + "items-gbk.csv", TAOBAO + "orders-gbk.csv", "--out",
                itemsFirst.toString(),
                "--tz", "Asia/Shanghai").exit()).isZero();
        assertThat(CliRun.of("clean", TAOBAO + "orders-gbk.csv", TAOBAO + "items-gbk.csv", "--out",
                ordersFirst.toString(),
                "--tz", "Asia/Shanghai").exit()).isZero();
        assertThat(CliRun.of("clean", TAOBAO + "generic-events.csv", TAOBAO + "generic-catalog.csv", "--out",
                generic.toString(), "--tz", "Asia/Shanghai").exit()).isZero();

        String genericProfiles = profiles(generic);
        String genericRecs = recommendations(generic);

        assertThat(genericProfiles).contains("tb_402734b6857d0f3be4a94279c0c56c2da3215c343ee5aa9aa4d74ee9a6e16202");
        assertThat(genericRecs.lines()).hasSize(4); // one list per buyer who paid
        assertThat(profiles(itemsFirst)).isEqualTo(genericProfiles);
        assertThat(profiles(ordersFirst)).isEqualTo(genericProfiles);
        assertThat(recommendations(itemsFirst)).isEqualTo(genericRecs);
        assertThat(recommendations(ordersFirst)).isEqualTo(genericRecs);
        assertNoPersonalValue(itemsFirst, "");
        assertNoPersonalValue(ordersFirst, "");
    }

    @Test
    void clean_oneFile_keepsItsManifestAsBefore() throws Exception {
        Path out = work.resolve("one");

        CliRun run = CliRun.of("clean", TAOBAO + "generic-events.csv", "--out", out.toString());

        assertThat(run.exit()).isZero();
        UploadManifest manifest = UploadManifest.read(Files.readAllBytes(out.resolve("manifest.json")));
        assertThat(manifest.input()).isEqualTo("generic-events.csv");
        assertThat(manifest.report().rowsIn()).isEqualTo(10);
        assertThat(Output.JSON.readTree(run.stdout()).has("file")).isFalse();
    }

    private String profiles(Path dir) throws Exception {
        Path file = work.resolve(dir.getFileName() + "-profiles.jsonl");
        assertThat(CliRun.of("profiles", "--events", dir.toString(), "--as-of", "2024-12-01", "--out", file.toString())
                .exit()).isZero();
        return Files.readString(file);
    }

    private String recommendations(Path dir) throws Exception {
        Path file = work.resolve(dir.getFileName() + "-recs.jsonl");
        assertThat(CliRun.of("recs", "predict", "--events", dir.toString(), "--split-date", "2024-12-01", "--k", "3",
                "--out", file.toString(), "--algorithm", "item-knn").exit()).isZero();
        return Files.readString(file);
    }

    private static void assertNoPersonalValue(Path dir, String stdout) throws Exception {
        StringBuilder all = new StringBuilder(stdout);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                if (p.toString().endsWith(".gz")) {
                    bytes = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
                }
                all.append(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        for (String value : PERSONAL) {
            assertThat(all.toString()).as("output holds " + value).doesNotContain(value);
        }
    }

}
