package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.testfunctions.ErrorThrowingHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionHostTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWarmHandler_answersThroughAwsSerialisers_andItsErrorReachesTheCallerAsItself(@TempDir Path dir)
            throws Exception {
        FunctionSpec spec = new FunctionSpec("ErrorThrowingFunction", "error-throwing",
                ErrorThrowingHandler.class.getName() + "::handleRequest", ".", 512, 30, Map.of(), List.of(),
                List.of(), List.of(), List.of(), 0, List.of());
        String event = Files.readString(Path.of("../events/http-get-recommendations.json"));
        try (FunctionHost host = new FunctionHost(List.of(spec), f -> Map.of(), List.of(Duration.ZERO),
                new DeadLetters(dir.resolve("dead-letters.jsonl")), new FunctionLogs(null), 1)) {
            JsonNode first = JSON.readTree(host.invoke("ErrorThrowingFunction", event));

            assertThat(first.path("statusCode").asInt()).isEqualTo(200);
            assertThat(first.path("body").asText()).isEqualTo(JSON.readTree(event).path("rawPath").asText());
            // Called directly, not through reflection: an Error is not wrapped in an InvocationTargetException.
            assertThatThrownBy(() -> host.invoke("ErrorThrowingFunction", event))
                    .isInstanceOf(StackOverflowError.class).hasMessageContaining("call 2");
        }
    }
}
