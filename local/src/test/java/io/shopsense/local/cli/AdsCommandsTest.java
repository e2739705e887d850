package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./shopsense ads plan | evaluate | simulate}: one JSON object on stdout, exit 2 with a reason on bad input. */
class AdsCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE = Path.of("../samples/ad-results.csv").toString();
    private static final Path OBD = Path.of("../shared/src/test/resources/ads/obd");

    @TempDir
    Path dir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void plan_fromARawCsv_allocatesTheWholeBudgetWithinTheConstraints() throws Exception {
        Path constraints = dir.resolve("constraints.json");
        Files.writeString(constraints, "{\"channelMax\": {\"traffic-4\": 200}, \"hourCaps\": {\"20\": 60}}");

        int exit = ShopsenseCli.run("ads", "plan", "--performance", SAMPLE, "--budget", "1000", "--date",
                "2024-07-01", "--constraints", constraints.toString());

        assertThat(exit).isZero();
        JsonNode plan = JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
        double total = 0;
        double traffic4 = 0;
        double hour20 = 0;
        for (JsonNode cell : plan.path("allocations")) {
            total += cell.path("budget").asDouble();
            traffic4 += cell.path("channel").asText().equals("traffic-4") ? cell.path("budget").asDouble() : 0;
            hour20 += cell.path("hour").asInt() == 20 ? cell.path("budget").asDouble() : 0;
        }
        assertThat(total).isCloseTo(1000, within(0.01 * plan.path("allocations").size()));
        assertThat(traffic4).isLessThanOrEqualTo(200 + 0.01 * 24);
        assertThat(hour20).isLessThanOrEqualTo(60 + 0.01 * 4);
        assertThat(plan.path("expectedConversions").asDouble()).isBetween(plan.path("conversionsLow").asDouble(),
                plan.path("conversionsHigh").asDouble());
    }

    @Test
    void plan_fromACleanDirectory_equalsThePlanFromTheRawCsv() throws Exception {
        assertThat(ShopsenseCli.run("clean", SAMPLE, "--out", dir.toString())).isZero();
        stdout.reset();
        assertThat(ShopsenseCli.run("ads", "plan", "--performance", dir.toString(), "--budget", "1000", "--date",
                "2024-07-01")).isZero();
        JsonNode fromDirectory = JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
        stdout.reset();

        assertThat(ShopsenseCli.run("ads", "plan", "--performance", SAMPLE, "--budget", "1000", "--date",
                "2024-07-01")).isZero();
        JsonNode fromCsv = JSON.readTree(stdout.toString(StandardCharsets.UTF_8));

        assertThat(fromDirectory.path("allocations")).isEqualTo(fromCsv.path("allocations"));
    }

    @Test
    void plan_badInput_exitsTwoWithAOneLineReason() {
        assertThat(ShopsenseCli.run("ads", "plan", "--performance", SAMPLE, "--budget", "1000", "--date",
                "July")).isEqualTo(2);
        assertThat(ShopsenseCli.run("ads", "plan", "--performance", SAMPLE, "--budget", "1000", "--date",
                "2030-01-01")).isEqualTo(2);
        assertThat(ShopsenseCli.run("ads", "plan", "--performance", dir.resolve("missing.csv").toString(),
                "--budget", "1000", "--date", "2024-07-01")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(3)
                .allMatch(line -> line.startsWith("shopsense: "));
        assertThat(stdout.size()).isZero();
    }

    @Test
    void evaluate_judgesEveryPolicy_andWritesPiForTheJudgedRows() throws Exception {
        Path log = dir.resolve("men/men.csv");
        Files.createDirectories(log.getParent());
        Files.copy(OBD.resolve("random-men-slice.csv"), log);
        Files.copy(OBD.resolve("men-item_context.csv"), dir.resolve("item_context.csv")); // a parent folder's
        Path out = dir.resolve("pi.jsonl");

        int exit = ShopsenseCli.run("ads", "evaluate", "--log", log.toString(), "--out", out.toString(),
                "--bootstrap", "50");

        assertThat(exit).isZero();
        JsonNode result = JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
        assertThat(result.path("itemContext").asText()).endsWith("item_context.csv");
        assertThat(result.path("results")).extracting(r -> r.path("policy").asText())
                .containsExactly("uniform-random", "bernoulli-ts", "epsilon-greedy-ridge");
        JsonNode uniform = result.path("results").get(0);
        assertThat(uniform.path("ipw").asDouble()).isCloseTo(result.path("loggedCtr").asDouble(), within(1e-12));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(result.path("judgedRows").asInt())
                .allMatch(line -> line.matches("\\{\"row\":\\d+,\"pi\":[0-9.E-]+}"));
    }

    @Test
    void evaluate_unknownPolicy_exitsTwo() {
        assertThat(ShopsenseCli.run("ads", "evaluate", "--log", OBD.resolve("random-men-slice.csv").toString(),
                "--policy", "oracle")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("unknown policy oracle");
    }

    @Test
    void simulate_reportsHowOftenTheIntervalHeldTheDaysConversions() throws Exception {
        int exit = ShopsenseCli.run("ads", "simulate", "--days", "4", "--channels", "2", "--budget", "200", "--seed",
                "5");

        assertThat(exit).isZero();
        JsonNode coverage = JSON.readTree(stdout.toString(StandardCharsets.UTF_8)).path("intervalCoverage");
        assertThat(coverage.path("days").asInt()).isEqualTo(4);
        assertThat(coverage.path("daysInside").asInt()).isBetween(0, 4);
        assertThat(coverage.path("share").asDouble()).isEqualTo(coverage.path("daysInside").asInt() / 4.0);
        JsonNode firstWeek = JSON.readTree(stdout.toString(StandardCharsets.UTF_8)).path("firstWeekIntervalCoverage");
        assertThat(firstWeek.path("days").asInt()).isEqualTo(4); // four days are all in the first week
        assertThat(firstWeek.path("daysInside").asInt()).isEqualTo(coverage.path("daysInside").asInt());
    }

    @Test
    void simulate_withAudiences_reportsAwareBlindOracleAndEven_noneAboveTheOracle() throws Exception {
        int exit = ShopsenseCli.run("ads", "simulate", "--days", "3", "--channels", "2", "--budget", "200", "--seed",
                "5");

        assertThat(exit).isZero();
        JsonNode block = JSON.readTree(stdout.toString(StandardCharsets.UTF_8)).path("audiences");
        assertThat(block.path("audiences")).extracting(JsonNode::asText)
                .containsExactly("visitors-new", "visitors-returning"); // UCI visitor types with >= 300 sessions
        JsonNode all = block.path("allDays");
        assertThat(all.path("days").asInt()).isEqualTo(3);
        double oracle = all.path("oracleConversions").asDouble();
        for (String policy : List.of("awareConversions", "blindConversions", "evenSplitConversions")) {
            assertThat(all.path(policy).asDouble()).as(policy).isPositive().isLessThanOrEqualTo(oracle * 1.001);
        }
        assertThat(all.path("awareOverBlind").asDouble()).isCloseTo(
                all.path("awareConversions").asDouble() / all.path("blindConversions").asDouble(), within(1e-3));
        // perfect knowledge without targeting: at least what the blind plan earns, at most the targeted oracle
        assertThat(all.path("untargetedOracleShareOfOracle").asDouble())
                .isGreaterThanOrEqualTo(all.path("blindShareOfOracle").asDouble() - 1e-3).isLessThanOrEqualTo(1.001);
        assertThat(block.path("afterTwoWeeks").path("days").asInt()).isZero(); // three days never get there
        assertThat(block.path("firstWeek").path("intervalCoverage").path("days").asInt()).isEqualTo(3);
        assertThat(block.path("audienceHours").asText()).isEqualTo("data");
    }

    @Test
    void simulate_inventedAudienceHours_playsTheEarlierMarket_andAnUnknownChoiceExitsTwo() throws Exception {
        int exit = ShopsenseCli.run("ads", "simulate", "--days", "1", "--channels", "2", "--budget", "200", "--seed",
                "5", "--audience-hours", "invented");

        assertThat(exit).isZero();
        JsonNode block = JSON.readTree(stdout.toString(StandardCharsets.UTF_8)).path("audiences");
        assertThat(block.path("audienceHours").asText()).isEqualTo("invented");
        assertThat(block.path("allDays").path("days").asInt()).isEqualTo(1);

        assertThat(ShopsenseCli.run("ads", "simulate", "--days", "1", "--audience-hours", "made-up")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--audience-hours must be data or invented");
    }
}
