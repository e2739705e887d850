package io.shopsense.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.local.cloud.DeadLetters;
import io.shopsense.local.cloud.FunctionHost;
import io.shopsense.local.cloud.FunctionLogs;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.template.StackTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code invoke FUNCTION --event FILE}: one handler, once, like {@code sam local invoke}: against the running local
 * cloud if there is one, else against one started for the call (and stopped after what it triggered has finished).
 */
@Command(name = "invoke", description = "Invoke one function with an event file against the local cloud.")
final class InvokeCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Function logical id (e.g. CleanUploadFunction) or name.")
    String function;

    @Option(names = "--event", required = true, description = "Event JSON file (see events/).")
    Path event;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = Workspace.detect();
        if (!Files.isReadable(event)) {
            throw new UsageException("cannot read event file " + event);
        }
        String eventJson = Files.readString(event);
        Optional<JsonNode> running = CloudLauncher.running(workspace);
        String response;
        if (running.isPresent()) {
            workspace.requireTemplate();
            StackTemplate template = StackTemplate.load(workspace.template(), CloudLauncher.STACK_NAME, Map.of());
            Map<String, String> env = new LinkedHashMap<>();
            env.put("AWS_ENDPOINT_URL_S3", running.get().path("s3").asText());
            env.put("AWS_ENDPOINT_URL_DYNAMODB", running.get().path("dynamodb").asText());
            env.put("AWS_REGION", StackTemplate.LOCAL_REGION);
            env.put("AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", LocalCloud.SECRET_KEY);
            try (FunctionHost host = new FunctionHost(template.functions(), spec -> env, CloudLauncher.LOCAL_RETRY_DELAYS,
                    new DeadLetters(workspace.state().resolve("dead-letters.jsonl")),
                    new FunctionLogs(workspace.state().resolve("logs")), 1)) {
                response = invoke(host, eventJson);
            }
        } else {
            try (LocalCloud cloud = CloudLauncher.start(workspace, null, -1, false, Map.of())) {
                response = invoke(cloud.functions(), eventJson);
                cloud.awaitIdle(Duration.ofMinutes(10));
            }
        }
        System.out.println(response);
        return 0;
    }

    private String invoke(FunctionHost host, String eventJson) throws Exception {
        try {
            host.function(function);
        } catch (IllegalArgumentException unknown) {
            throw new UsageException(unknown.getMessage());
        }
        return host.invoke(function, eventJson);
    }
}
