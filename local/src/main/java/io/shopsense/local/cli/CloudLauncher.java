package io.shopsense.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.http.Caller;
import io.shopsense.local.cloud.ApiTokens;
import io.shopsense.local.cloud.LocalCloud;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts the local cloud for a command, with the workspace's state, cache, template and token. */
final class CloudLauncher {
    static final String STACK_NAME = "shopsense";
    /** Lambda waits about a minute, then two, before retrying; locally a second or two keeps the demo quick. */
    static final List<Duration> LOCAL_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private CloudLauncher() {
    }

    static LocalCloud start(Workspace workspace, URI endpoint, int apiPort, boolean runSchedules,
                            Map<String, String> parameters) throws Exception {
        workspace.requireTemplate();
        return LocalCloud.start(LocalCloud.Options.builder(workspace.template()).stackName(STACK_NAME)
                .parameters(parameters).stateDirectory(workspace.state()).cacheDirectory(workspace.cache())
                .externalEndpoint(endpoint).apiPort(apiPort)
                .signingKey(ApiTokens.loadOrCreate(workspace.signingKeyFile()))
                .retryDelays(LOCAL_RETRY_DELAYS).runSchedules(runSchedules).build());
    }

    /** How long the tokens that {@code local up} and {@code demo} print stay valid: a working day. */
    static final Duration PRINTED_TOKEN_TTL = Duration.ofHours(12);

    /**
     * Both kinds of token for the running cloud: the back office's (every route) and the storefront's for an
     * anonymous visitor, plus, when {@code customerId} is given, the storefront's for that signed-in customer.
     */
    static Map<String, Object> printedTokens(LocalCloud cloud, String customerId) {
        Map<String, Object> tokens = new java.util.LinkedHashMap<>();
        tokens.put("backOffice", cloud.tokens().mint(Caller.BACK_OFFICE_SCOPE, Optional.empty(), PRINTED_TOKEN_TTL));
        tokens.put("storefront", cloud.tokens().mint(Caller.STOREFRONT_SCOPE, Optional.empty(), PRINTED_TOKEN_TTL));
        if (customerId != null) {
            tokens.put("storefrontCustomer", Map.of("customerId", customerId, "token",
                    cloud.tokens().mint(Caller.STOREFRONT_SCOPE, Optional.of(customerId), PRINTED_TOKEN_TTL)));
        }
        return tokens;
    }

    /**
     * Records the running cloud in {@code .shopsense/local.json} (what {@code local down} and {@code invoke} read),
     * then blocks until the process is stopped (Ctrl-C or {@code local down}), closing the cloud on the way out.
     */
    static void serveUntilStopped(Workspace workspace, LocalCloud cloud, Map<String, Object> running)
            throws IOException, InterruptedException {
        recordRunning(workspace, running);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            try {
                Files.deleteIfExists(workspace.runningFile());
            } catch (IOException ignored) {
                // nothing left to do at exit
            }
            stopped.countDown();
        }, "local-down"));
        stopped.await();
    }

    /**
     * Writes {@code .shopsense/local.json}: it holds tokens, so it is readable by its owner only (from its first byte)
     * in a directory that is the owner's alone.
     */
    static void recordRunning(Workspace workspace, Map<String, Object> running) throws IOException {
        Files.createDirectories(workspace.state());
        ApiTokens.ownerOnly(workspace.state(), "rwx------");
        Path temporary = Files.createTempFile(workspace.state(), ".local", ".tmp");
        ApiTokens.ownerOnly(temporary, "rw-------");
        Files.writeString(temporary, Output.JSON.writeValueAsString(running));
        Files.move(temporary, workspace.runningFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The running {@code local up}, if its file exists and its process is alive. */
    static Optional<JsonNode> running(Workspace workspace) throws IOException {
        if (!Files.exists(workspace.runningFile())) {
            return Optional.empty();
        }
        JsonNode running = Output.JSON.readTree(workspace.runningFile().toFile());
        boolean alive = ProcessHandle.of(running.path("pid").asLong(-1)).map(ProcessHandle::isAlive).orElse(false);
        return alive ? Optional.of(running) : Optional.empty();
    }
}
