package io.shopsense.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.local.cloud.LocalCloud;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
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
        return LocalCloud.start(new LocalCloud.Options(workspace.template(), STACK_NAME, parameters,
                workspace.state(), workspace.cache(), endpoint, apiPort, token(workspace), LOCAL_RETRY_DELAYS,
                runSchedules));
    }

    /** The local API token, made once and kept in {@code .shopsense/token} so restarts keep it. */
    static String token(Workspace workspace) throws IOException {
        if (Files.exists(workspace.tokenFile())) {
            return Files.readString(workspace.tokenFile()).trim();
        }
        Files.createDirectories(workspace.state());
        String token = LocalCloud.newToken();
        Files.writeString(workspace.tokenFile(), token + "\n");
        try {
            Files.setPosixFilePermissions(workspace.tokenFile(), PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on non-POSIX file systems
        }
        return token;
    }

    /**
     * Records the running cloud in {@code .shopsense/local.json} (what {@code local down} and {@code invoke} read),
     * then blocks until the process is stopped (Ctrl-C or {@code local down}), closing the cloud on the way out.
     */
    static void serveUntilStopped(Workspace workspace, LocalCloud cloud, Map<String, Object> running)
            throws IOException, InterruptedException {
        Files.createDirectories(workspace.state());
        Files.writeString(workspace.runningFile(), Output.JSON.writeValueAsString(running));
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
