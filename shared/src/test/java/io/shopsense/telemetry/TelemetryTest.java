package io.shopsense.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.runtime.LogOutput;
import io.shopsense.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class TelemetryTest {
    private final Telemetry telemetry = new Telemetry("clean-upload", "shop-a",
            Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC));
    private final InvocationContext context = new InvocationContext("shopsense-clean-upload", 1024, 60);
    private final List<JsonNode> lines = new ArrayList<>();

    @Test
    void run_writesOneOutcomeRecord_withCountsDecisionAndSource() throws Exception {
        String result = captured(() -> telemetry.run(context, new Trigger("s3", "raw/orders/a.csv"), outcome -> {
            outcome.decision("cleaned").count(Metric.ROWS_IN, 10).count(Metric.ROWS_IN, 5)
                    .count(Metric.ROWS_CLEAN, 12).count(Metric.ROWS_REJECTED, 3).fact("format", "online-retail");
            return "done";
        }));

        assertThat(result).isEqualTo("done");
        assertThat(lines).hasSize(1);
        JsonNode record = lines.get(0);
        assertThat(record.path("record").asText()).isEqualTo("outcome");
        assertThat(record.path("function").asText()).isEqualTo("clean-upload");
        assertThat(record.path("service").asText()).isEqualTo("shop-a");
        assertThat(record.path("requestId").asText()).isEqualTo(context.getAwsRequestId());
        assertThat(record.path("trigger").asText()).isEqualTo("s3");
        assertThat(record.path("source").asText()).isEqualTo("raw/orders/a.csv");
        assertThat(record.path("outcome").asText()).isEqualTo("ok");
        assertThat(record.path("decision").asText()).isEqualTo("cleaned");
        assertThat(record.path("rowsIn").asLong()).isEqualTo(15);
        assertThat(record.path("rowsClean").asLong()).isEqualTo(12);
        assertThat(record.path("format").asText()).isEqualTo("online-retail");
        assertThat(record.path("invocations").asLong()).isEqualTo(1);
        assertThat(record.path("coldStarts").asLong()).isEqualTo(1);
        assertThat(record.path("durations").path("totalMs").isNumber()).isTrue();
        assertValidEmf(record);
    }

    @Test
    void run_countsAColdStartOnlyOnTheFirstInvocation() throws Exception {
        captured(() -> telemetry.run(context, Trigger.http("GET /x"), outcome -> 1));
        captured(() -> telemetry.run(context, Trigger.http("GET /x"), outcome -> 2));

        assertThat(lines).extracting(line -> line.path("coldStart").asBoolean()).containsExactly(true, false);
        assertThat(lines).extracting(line -> line.path("coldStarts").asLong()).containsExactly(1L, 0L);
    }

    @Test
    void run_logsTheStackTraceOfAFailure_andRethrowsItForLambdaToRetry() {
        assertThatThrownBy(() -> captured(() -> telemetry.run(context, new Trigger("s3", "raw/orders/b.csv"),
                outcome -> {
                    throw new IOException("S3 said 503");
                }))).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);

        assertThat(lines).extracting(line -> line.path("record").asText()).containsExactly("failure", "outcome");
        JsonNode failure = lines.get(0);
        assertThat(failure.path("level").asText()).isEqualTo("ERROR");
        assertThat(failure.path("errorType").asText()).isEqualTo("java.io.IOException");
        assertThat(failure.path("stackTrace").asText()).contains("S3 said 503").contains("TelemetryTest");
        JsonNode outcome = lines.get(1);
        assertThat(outcome.path("outcome").asText()).isEqualTo("failed");
        assertThat(outcome.path("failures").asLong()).isEqualTo(1);
        assertValidEmf(outcome);
    }

    @Test
    void warningsAndRejectReasons_eachGetTheirOwnLine() throws Exception {
        captured(() -> telemetry.run(context, new Trigger("s3", "raw/orders/c.csv"), outcome -> outcome
                .warn("upload_failed", "c.csv could not be cleaned: not_csv")
                .rejected("bad_price", 2).rejected("missing_user", 1).rejected("never", 0)));

        assertThat(lines).extracting(line -> line.path("record").asText())
                .containsExactly("warning", "outcome", "metric", "metric");
        assertThat(lines.get(0).path("code").asText()).isEqualTo("upload_failed");
        assertThat(lines.get(1).path("warnings").asInt()).isEqualTo(1);
        assertThat(lines.get(1).path("rejectedByReason").path("bad_price").asLong()).isEqualTo(2);
        assertThat(lines.get(2).path("reason").asText()).isEqualTo("bad_price");
        assertThat(lines.get(2).path("rowsRejectedByReason").asLong()).isEqualTo(2);
        lines.subList(1, 4).forEach(TelemetryTest::assertValidEmf);
    }

    @Test
    void anHttpInvocation_isPublishedByRoute_withItsStatusClass() throws Exception {
        captured(() -> telemetry.run(context, Trigger.http("GET /users/{id}/profile"),
                outcome -> outcome.http("GET /users/{id}/profile", 404)));

        JsonNode record = lines.get(0);
        assertThat(record.path("outcome").asText()).isEqualTo("refused");
        assertThat(record.path("route").asText()).isEqualTo("GET /users/{id}/profile");
        assertThat(record.path("apiRequests").asLong()).isEqualTo(1);
        assertThat(record.path("api4xx").asLong()).isEqualTo(1);
        assertThat(record.path("api5xx").asLong()).isEqualTo(0);
        assertValidEmf(record);
    }

    /** The EMF specification's rules: every metric a directive names has a number, every dimension a string. */
    static void assertValidEmf(JsonNode line) {
        JsonNode aws = line.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).as("Timestamp").isTrue();
        assertThat(aws.path("CloudWatchMetrics").isArray()).isTrue();
        Set<String> named = new HashSet<>();
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            assertThat(directive.path("Namespace").asText()).isEqualTo(Metric.NAMESPACE);
            for (JsonNode set : directive.path("Dimensions")) {
                assertThat(set.size()).isBetween(1, 30);
                set.forEach(dimension -> assertThat(line.path(dimension.asText()).isTextual())
                        .as("dimension " + dimension).isTrue());
            }
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                assertThat(named.add(name)).as("named once: " + name).isTrue();
                assertThat(line.path(name).isNumber()).as("value of " + name).isTrue();
                assertThat(Set.of("Count", "Milliseconds", "None")).contains(metric.path("Unit").asText());
            }
        }
        assertThat(named).isNotEmpty();
    }

    private <T> T captured(Callable<T> invocation) throws Exception {
        return LogOutput.bind(line -> {
            assertThat(line).doesNotContain("\n");
            try {
                lines.add(Json.MAPPER.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, null, invocation);
    }
}
