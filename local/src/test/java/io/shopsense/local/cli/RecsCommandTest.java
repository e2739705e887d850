package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recs evaluate} and {@code recs predict} on the build-recommendations fixture (a clean bucket layout). */
class RecsCommandTest {
    private static final String FIXTURE = "../functions/build-recommendations/src/test/resources/bucket";

    @TempDir
    Path work;

    @Test
    void evaluate_modeBoth_printsOneTablePerModeWithEveryAlgorithm() throws Exception {
        CliRun run = CliRun.of("recs", "evaluate", "--events", FIXTURE, "--split-date", "2026-11-01", "--mode", "both");

        assertThat(run.exit()).isZero();
        JsonNode result = Output.JSON.readTree(run.stdout());
        for (String mode : List.of("repeatsAllowed", "boughtExcluded")) {
            JsonNode table = result.path(mode);
            assertThat(table.path("results")).hasSize(9);
            assertThat(table.path("results").get(0).fieldNames()).toIterable().containsExactly("algorithm",
                    "ndcgAt10", "recallAt20", "precisionAt10", "coverage", "trainSeconds", "users");
            assertThat(table.path("chosen").asText()).isNotBlank();
            assertThat(table.path("nested").path("chosen").asText()).isNotBlank();
            assertThat(table.path("nested").path("validationFrom").asText()).isEqualTo("2026-10-04T00:00:00Z");
            assertThat(table.path("nested").path("onPeriod").path("ndcgAt10").isNumber()).isTrue();
            assertThat(table.path("nested").path("validationNdcgByCandidate").fieldNames()).toIterable()
                    .contains("repeat", "hybrid", "ranker");
            assertThat(table.path("nested").path("target").path("met").isBoolean()).isTrue();
        }
        assertThat(result.path("boughtExcluded").path("nested").path("target").path("against").asText())
                .startsWith("best single algorithm on the period");
    }

    @Test
    void evaluate_rollingOrigin_printsOnePeriodPerPairOfDates() throws Exception {
        CliRun run = CliRun.of("recs", "evaluate", "--events", FIXTURE, "--origins", "2026-11-01,2026-11-15,2026-12-01",
                "--validation-days", "14", "--mode", "exclude");

        assertThat(run.exit()).isZero();
        JsonNode periods = Output.JSON.readTree(run.stdout()).path("periods");
        assertThat(periods).hasSize(2);
        assertThat(periods.get(0).path("from").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(periods.get(0).path("to").asText()).isEqualTo("2026-11-15T00:00:00Z");
        assertThat(periods.get(1).path("nested").path("validationFrom").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(periods.get(1).path("trainEvents").asInt()).isGreaterThan(periods.get(0).path("trainEvents")
                .asInt());
    }

    @Test
    void predict_byDefault_choosesByNestedValidation() throws Exception {
        Path out = work.resolve("nested.jsonl");

        CliRun run = CliRun.of("recs", "predict", "--events", FIXTURE, "--split-date", "2026-11-01", "--k", "3",
                "--out", out.toString());

        assertThat(run.exit()).isZero();
        JsonNode result = Output.JSON.readTree(run.stdout());
        assertThat(result.path("chosenBy").asText()).isEqualTo("nested");
        assertThat(result.path("algorithm").asText()).isNotBlank();
        assertThat(Files.readAllLines(out)).hasSize(12);
    }

    @Test
    void predict_writesTopKPerKnownCustomer_asJsonLines() throws Exception {
        Path out = work.resolve("top.jsonl");

        CliRun run = CliRun.of("recs", "predict", "--events", FIXTURE, "--split-date", "2026-11-01", "--k", "3",
                "--out", out.toString(), "--algorithm", "item-knn", "--exclude-purchased");

        assertThat(run.exit()).isZero();
        assertThat(Output.JSON.readTree(run.stdout()).path("algorithm").asText()).isEqualTo("item-knn");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(12);
        for (String line : lines) {
            JsonNode list = Output.JSON.readTree(line);
            assertThat(list.path("userId").asText()).startsWith("u");
            assertThat(list.path("items")).hasSize(3);
            assertThat(list.path("items").toString()).doesNotContain("\"POST\"");
        }
    }

    @Test
    void badInput_exits2WithAOneLineReason() throws Exception {
        assertThat(CliRun.of("recs", "evaluate", "--events", FIXTURE, "--split-date", "1 Nov").exit()).isEqualTo(2);
        assertThat(CliRun.of("recs", "evaluate", "--events", work.resolve("missing").toString(), "--split-date",
                "2026-11-01").exit()).isEqualTo(2);
        assertThat(CliRun.of("recs", "evaluate", "--events", FIXTURE, "--split-date",
                "2020-01-01").exit()).isEqualTo(2);
        assertThat(CliRun.of("recs", "predict", "--events", FIXTURE, "--split-date", "2026-11-01", "--k", "3", "--out",
                work.resolve("x.jsonl").toString(), "--algorithm", "magic").exit()).isEqualTo(2);
        assertThat(CliRun.of("recs", "evaluate", "--events", FIXTURE, "--origins", "2026-11-01").exit()).isEqualTo(2);
        assertThat(CliRun.of("recs", "evaluate", "--events", FIXTURE, "--origins", "2026-11-15,2026-11-01").exit())
                .isEqualTo(2);
        assertThat(CliRun.of("recs", "evaluate", "--events", FIXTURE).exit()).isEqualTo(2);
    }

}
