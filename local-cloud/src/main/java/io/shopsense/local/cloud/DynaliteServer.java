package io.shopsense.local.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite (npm, Apache-2.0) as a child process on a free loopback port. It is installed with {@code npm ci} from the
 * lock file shipped in this module into a cache directory keyed by the lock file's hash, so a second start skips npm.
 * Three guards keep no orphan alive: a shutdown hook, a preload script that exits when the JVM's stdin pipe closes,
 * and a pid file checked (and its process stopped) at the next start.
 */
public final class DynaliteServer implements AutoCloseable {
    private static final String RESOURCE_DIR = "/io/shopsense/local/dynalite/";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI endpoint;
    private final Path cacheDirectory;
    private final Path dataDirectory;
    private final Path pidFile;
    private final Thread shutdownHook;

    private DynaliteServer(Process process, URI endpoint, Path cacheDirectory, Path dataDirectory, Path pidFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.cacheDirectory = cacheDirectory;
        this.dataDirectory = dataDirectory;
        this.pidFile = pidFile;
        this.shutdownHook = new Thread(this::stopProcess, "dynalite-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param dataDirectory where tables live (kept across restarts), or null for memory only
     * @param pidFile       where this server's pid and start time are kept, to stop an orphan next time
     */
    public static DynaliteServer start(Path cacheDirectory, Path dataDirectory, Path pidFile) throws IOException {
        return start(cacheDirectory, dataDirectory, pidFile, 0);
    }

    /**
     * Stops this server (abruptly, if it still runs) and starts a new one on the same port and data directory, as a
     * storage service coming back after a crash: clients keep their endpoint, tables keep what was written.
     */
    public DynaliteServer restart() throws IOException {
        kill();
        close();
        return start(cacheDirectory, dataDirectory, pidFile, endpoint.getPort());
    }

    /** @param fixedPort the port to listen on, or 0 for a free one */
    private static DynaliteServer start(Path cacheDirectory, Path dataDirectory, Path pidFile, int fixedPort)
            throws IOException {
        Path install = install(cacheDirectory);
        stopOrphan(pidFile);
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = fixedPort != 0 ? fixedPort : freePort();
            List<String> command = new ArrayList<>(List.of("node", "-r",
                    install.resolve("exit-with-parent.js").toString(),
                    install.resolve("node_modules/dynalite/cli.js").toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                command.addAll(List.of("--path", dataDirectory.toAbsolutePath().toString()));
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            writePidFile(pidFile, process);
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            try {
                awaitReady(process, endpoint);
                return new DynaliteServer(process, endpoint, cacheDirectory, dataDirectory, pidFile);
            } catch (IOException failure) {
                process.destroyForcibly();
                lastFailure = failure; // most likely the port was taken between probe and bind: try another
                if (fixedPort != 0) {
                    sleep(200); // the same port again, once the old process has let go of it
                }
            }
        }
        throw new IOException("dynalite did not start after 5 attempts", lastFailure);
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** Kills the server abruptly, as a crash would (for fault tests); {@link #close()} still cleans up. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a pid file left behind is checked at the next start
        }
    }

    /** npm ci into {@code cache/dynalite-<lock hash>} unless a marker says this lock file is installed there. */
    static Path install(Path cacheDirectory) throws IOException {
        byte[] packageJson = resource("package.json");
        byte[] lock = resource("package-lock.json");
        String hash = sha256(lock).substring(0, 16);
        Path install = cacheDirectory.resolve("dynalite-" + hash);
        Path marker = install.resolve(".installed");
        if (Files.exists(marker) && Files.readString(marker).trim().equals(hash)
                && Files.exists(install.resolve("node_modules/dynalite/cli.js"))) {
            return install;
        }
        Files.createDirectories(install);
        Files.write(install.resolve("package.json"), packageJson);
        Files.write(install.resolve("package-lock.json"), lock);
        Files.write(install.resolve("exit-with-parent.js"), resource("exit-with-parent.js"));
        System.err.println("shopsense: installing dynalite with npm ci into " + install + " (first run only)");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--omit=dev")
                .directory(install.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (npm.waitFor() != 0) {
                throw new IOException("npm ci for dynalite failed in " + install + ":\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing dynalite", e);
        }
        Files.writeString(marker, hash);
        return install;
    }

    private static void awaitReady(Process process, URI endpoint) throws IOException {
        // Readiness is a real ListTables: an orphan holding the same --path says "listening" and then fails.
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofMillis(500)).build())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build()) {
            Instant deadline = Instant.now().plus(READY_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IOException("dynalite exited with code " + process.exitValue());
                }
                try {
                    client.listTables();
                    return;
                } catch (RuntimeException notYet) {
                    sleep(50);
                }
            }
        }
        throw new IOException("dynalite at " + endpoint + " did not answer ListTables within " + READY_TIMEOUT);
    }

    private static void writePidFile(Path pidFile, Process process) throws IOException {
        Files.createDirectories(pidFile.toAbsolutePath().getParent());
        String started = process.info().startInstant().map(Instant::toString).orElse("");
        Files.writeString(pidFile, process.pid() + " " + started + "\n");
    }

    /** Stops the process a previous, killed JVM left behind, if the pid still names that same process. */
    private static void stopOrphan(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String[] parts = Files.readString(pidFile).trim().split(" ");
        Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(parts[0]));
        handle.filter(h -> parts.length > 1 && h.info().startInstant().map(Instant::toString).orElse("").equals(parts[1]))
                .ifPresent(orphan -> {
                    System.err.println("shopsense: stopping an orphaned dynalite (pid " + orphan.pid() + ")");
                    orphan.destroy();
                    orphan.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
                    if (orphan.isAlive()) {
                        orphan.destroyForcibly();
                    }
                });
        Files.deleteIfExists(pidFile);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = DynaliteServer.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
