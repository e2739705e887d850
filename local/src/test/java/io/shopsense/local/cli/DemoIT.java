package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./shopsense demo --no-serve} on the committed sample, in a scratch copy of the project's root. */
class DemoIT {
    @TempDir
    Path home;

    @Test
    void demo_onTheSample_printsSegmentsRecommendationsWithReasonsAndTomorrowsPlan() throws Exception {
        Files.copy(Path.of("../template.yaml"), home.resolve("template.yaml"));
        Files.createDirectories(home.resolve("samples"));
        try (Stream<Path> samples = Files.list(Path.of("../samples"))) {
            for (Path sample : samples.toList()) {
                Files.copy(sample, home.resolve("samples").resolve(sample.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String previousHome = System.getProperty("shopsense.home");
        PrintStream previousOut = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exit;
        try {
            System.setProperty("shopsense.home", home.toString());
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            exit = ShopsenseCli.run("demo", "--no-serve");
        } finally {
            System.setOut(previousOut);
            if (previousHome == null) {
                System.clearProperty("shopsense.home");
            } else {
                System.setProperty("shopsense.home", previousHome);
            }
        }

        assertThat(exit).isZero();
        JsonNode summary = new ObjectMapper().readTree(stdout.toString(StandardCharsets.UTF_8).trim());
        assertThat(summary.at("/profiles/customers").asInt()).isGreaterThan(300);
        assertThat(summary.at("/profiles/segments/Champions").asInt()).isPositive();
        assertThat(summary.at("/recommendations/coldStart").asBoolean()).isFalse();
        assertThat(summary.at("/recommendations/items")).isNotEmpty();
        assertThat(summary.at("/recommendations/items/0/reason").asText()).isNotBlank();
        // names, not codes: the Online Retail description beside the stock code
        assertThat(summary.at("/recommendations/items")).allSatisfy(item ->
                assertThat(item.path("name").asText()).isNotBlank());
        // the sample reviews (issue #17): uploaded after the orders, weighed by the build, shown on an item
        assertThat(summary.path("uploads").toString()).contains("raw/reviews/reviews.csv");
        assertThat(summary.at("/itemRating/rating/count").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(summary.at("/itemRating/rating/average").asDouble()).isBetween(1.0, 5.0);
        assertThat(summary.at("/adPlans/topCells")).isNotEmpty();
        assertThat(summary.at("/adPlans/budget").asDouble()).isPositive();
        assertThat(summary.at("/adPlans/budgetByAudience").isMissingNode()).isTrue(); // untargeted, as before
        // the campaign whose results name two built-in audiences is planned per audience
        assertThat(summary.at("/audiencePlan/campaignId").asText()).isEqualTo("spring-audiences");
        assertThat(summary.at("/audiencePlan/budgetByAudience/high-value").asDouble()
                + summary.at("/audiencePlan/budgetByAudience/new-customers").asDouble())
                .isCloseTo(summary.at("/audiencePlan/budget").asDouble() - summary.at("/audiencePlan/unallocated")
                        .asDouble(), org.assertj.core.api.Assertions.within(0.05));
        assertThat(summary.at("/audiencePlan/topCells/0/audience").asText()).isIn("high-value", "new-customers");
        assertThat(summary.at("/assistant/answered").asBoolean()).isTrue();
        assertThat(summary.at("/assistantGap/answered").asBoolean()).isFalse();
        assertThat(summary.path("audiences").findValuesAsText("name")).contains("segment-champions", "high-value",
                "lookalike-champions", "loyal-big-spenders");
        // the sample catalogue's categories reach the profiles, so per-category audiences exist
        assertThat(summary.path("audiences").findValuesAsText("name")).anyMatch(name -> name.startsWith("category-"));
        // The demo's campaign did nothing in October 2011 (an A/A): its honest verdict is no effect.
        assertThat(summary.at("/campaign/verdict").asText()).startsWith("no effect detected yet");
        assertThat(summary.at("/campaign/treatment").asInt()).isPositive();
        assertThat(summary.at("/campaign/holdout").asInt()).isPositive();
        assertThat(summary.path("curl")).isNotEmpty();
        String backOffice = summary.at("/tokens/backOffice").asText();
        String storefront = summary.at("/tokens/storefront").asText();
        String signedIn = summary.at("/tokens/storefrontCustomer/token").asText();
        assertThat(List.of(backOffice, storefront, signedIn)).doesNotHaveDuplicates().allMatch(t -> t.split("\\.").length == 3);
        assertThat(summary.path("dashboard").asText()).startsWith("http://127.0.0.1:")
                .endsWith("/dashboard#token=" + backOffice);
        // Each curl line carries the token its caller would hold: the back office's only where the route is its own.
        summary.path("curl").forEach(line -> {
            String curl = line.asText();
            boolean storefrontRoute = curl.contains("/recommendations") || curl.contains("/assistant/ask");
            if (storefrontRoute) {
                assertThat(curl).as(curl).doesNotContain(backOffice).containsAnyOf(storefront, signedIn);
            } else {
                assertThat(curl).as(curl).contains(backOffice);
            }
        });
        assertThat(summary.path("deadLetters").asInt()).isZero();

        // The command-line contract of issue 18: `logs` prints the kept outcome records as JSON Lines, one or more
        // for every function the demo ran, each with function, requestId, outcome and the counts.
        List<JsonNode> records = jsonLines(cli("logs"));
        assertThat(records).extracting(r -> r.path("function").asText()).containsAll(List.of("clean-upload",
                "update-profiles", "assistant-index", "rebuild-profiles", "build-audiences", "build-recommendations",
                "optimize-ads", "marketing-api", "assistant"));
        assertThat(records).allSatisfy(r -> {
            assertThat(r.path("record").asText()).isEqualTo("outcome");
            assertThat(r.path("requestId").asText()).isNotBlank();
            assertThat(r.path("outcome").asText()).isIn("ok", "refused", "failed");
            assertThat(r.path("invocations").asInt()).isEqualTo(1);
            assertThat(r.has("_aws")).isFalse();
        });
        assertThat(records).filteredOn(r -> r.path("function").asText().equals("clean-upload"))
                .anySatisfy(r -> assertThat(r.path("rowsIn").asLong()).isPositive());
        assertThat(records).filteredOn(r -> r.path("function").asText().equals("build-recommendations"))
                .anySatisfy(r -> assertThat(r.path("validationNdcg").asDouble()).isPositive());
        List<JsonNode> oneFunction = jsonLines(cli("logs", "RebuildProfilesFunction"));
        assertThat(oneFunction).isNotEmpty()
                .allSatisfy(r -> assertThat(r.path("function").asText()).isEqualTo("rebuild-profiles"));
    }

    private String cli(String... args) {
        String previousHome = System.getProperty("shopsense.home");
        PrintStream previousOut = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try {
            System.setProperty("shopsense.home", home.toString());
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            assertThat(ShopsenseCli.run(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(previousOut);
            if (previousHome == null) {
                System.clearProperty("shopsense.home");
            } else {
                System.setProperty("shopsense.home", previousHome);
            }
        }
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> jsonLines(String text) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
