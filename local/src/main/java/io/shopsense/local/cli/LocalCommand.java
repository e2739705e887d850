package io.shopsense.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.template.Specs.FunctionSpec;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local up} and {@code local down}: the local cloud in the foreground, and stopping it by its pid file. */
@Command(name = "local", description = "Start or stop the local cloud (S3, DynamoDB, functions, HTTP API).",
        subcommands = {LocalCommand.Up.class, LocalCommand.Down.class})
final class LocalCommand {

    @Command(name = "up", description = "Start the local cloud in the foreground; prints its endpoints as JSON.")
    static final class Up implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--endpoint", description = "Use this S3 and DynamoDB endpoint (e.g. LocalStack at "
                + "http://localhost:4566) instead of the built-in emulators.")
        URI endpoint;

        @Option(names = "--port", description = "HTTP API port (default: any free port).", defaultValue = "0")
        int port;

        @Option(names = "--param", description = "Template parameter override, KEY=VALUE.")
        Map<String, String> parameters = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            Workspace workspace = Workspace.detect();
            if (CloudLauncher.running(workspace).isPresent()) {
                throw new UsageException("a local cloud is already running (" + workspace.runningFile()
                        + "); stop it with ./shopsense local down");
            }
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            long setupStart = System.currentTimeMillis();
            LocalCloud cloud = CloudLauncher.start(workspace, endpoint, port, true, parameters);
            long ready = System.currentTimeMillis();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("pid", ProcessHandle.current().pid());
            summary.put("s3", cloud.s3Endpoint().toString());
            summary.put("dynamodb", cloud.dynamoDbEndpoint().toString());
            summary.put("api", cloud.apiEndpoint().toString());
            summary.put("tokens", CloudLauncher.printedTokens(cloud, null));
            summary.put("bucket", cloud.bucketName());
            summary.put("tables", cloud.template().tables().stream().map(t -> t.name()).toList());
            summary.put("functions", cloud.functions().functions().stream().map(FunctionSpec::name).toList());
            summary.put("created", cloud.provisioned());
            summary.put("readySeconds", (ready - jvmStart) / 1000.0);
            summary.put("setupSeconds", (ready - setupStart) / 1000.0);
            summary.put("heapUsedMb", usedHeapMb());
            Output.result(summary);
            Output.progress("local cloud ready; stop it with ./shopsense local down (or Ctrl-C)");
            CloudLauncher.serveUntilStopped(workspace, cloud, summary);
            return 0;
        }

        private static long usedHeapMb() {
            Runtime runtime = Runtime.getRuntime();
            return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        }
    }

    @Command(name = "down", description = "Stop the local cloud started by 'local up'.")
    static final class Down implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Workspace workspace = Workspace.detect();
            Optional<JsonNode> running = CloudLauncher.running(workspace);
            Map<String, Object> result = new LinkedHashMap<>();
            if (running.isEmpty()) {
                Files.deleteIfExists(workspace.runningFile());
                result.put("stopped", false);
                result.put("message", "no local cloud was running");
                Output.result(result);
                return 0;
            }
            long pid = running.get().path("pid").asLong();
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
            process.destroy();
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException slow) {
                process.destroyForcibly();
            }
            result.put("stopped", true);
            result.put("pid", pid);
            Output.result(result);
            return 0;
        }
    }
}
