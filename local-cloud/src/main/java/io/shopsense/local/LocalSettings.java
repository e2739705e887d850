package io.shopsense.local;

import io.shopsense.runtime.Environment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The environment variables (and {@code -Dshopsense.*} properties) the command line, the local cloud, the reliability
 * harness, the benchmarks and their tests read, each by its name in one place (the functions read theirs through
 * {@code pipeline.Wiring}). The values come from the process environment through {@link Environment#process()}, the
 * project's one reader of it.
 */
public final class LocalSettings {
    private LocalSettings() {
    }

    /** The project root: {@code -Dshopsense.home} (set by {@code ./shopsense}), else the working directory. */
    public static Path home() {
        return Path.of(System.getProperty("shopsense.home", ".")).toAbsolutePath().normalize();
    }

    /** Where dynalite is installed by npm: {@code SHOPSENSE_CACHE}, else {@code ~/.cache/shopsense}. */
    public static Path cacheDirectory() {
        return env().optional("SHOPSENSE_CACHE").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "shopsense"));
    }

    /** {@code SHOPSENSE_DEBUG} set: a failing command prints its stack trace. */
    public static boolean debug() {
        return env().optional("SHOPSENSE_DEBUG").isPresent();
    }

    /** The reliability suite's size: {@code -Dshopsense.reliability}, else {@code SHOPSENSE_RELIABILITY} (may be absent). */
    public static Optional<String> reliabilityMode() {
        return Optional.ofNullable(System.getProperty("shopsense.reliability"))
                .or(() -> env().optional("SHOPSENSE_RELIABILITY"));
    }

    /** The heap option of a Spark child JVM ({@code ./shopsense spark}, the ALS peer): {@code SHOPSENSE_SPARK_XMX}. */
    public static String sparkHeap() {
        return env().getOrDefault("SHOPSENSE_SPARK_XMX", "-Xmx2g");
    }

    /** {@code AWS_ENDPOINT_URL_S3}: the S3 that {@code ./shopsense spark}'s {@code s3a://} locations name. */
    public static Optional<String> s3Endpoint() {
        return env().optional("AWS_ENDPOINT_URL_S3");
    }

    /** The heap option of the benchmark JVM {@code ./shopsense bench} starts: {@code SHOPSENSE_BENCH_XMX}. */
    public static String benchHeap() {
        return env().getOrDefault("SHOPSENSE_BENCH_XMX", "-Xmx3g");
    }

    /**
     * Extra JVM options for each cold-start probe ({@code SHOPSENSE_COLDSTART_JAVA_OPTS}, split at spaces), e.g.
     * {@code -Xlog:class+load:file=/tmp/probe-%p.log} to see what a first request loads; none by default.
     */
    public static java.util.List<String> coldStartJavaOptions() {
        String options = env().getOrDefault("SHOPSENSE_COLDSTART_JAVA_OPTS", "").trim();
        return options.isEmpty() ? java.util.List.of() : java.util.List.of(options.split("\\s+"));
    }

    /** {@code LOCALSTACK_AUTH_TOKEN}: the LocalStack image needs one since March 2026. */
    public static Optional<String> localStackToken() {
        return env().optional("LOCALSTACK_AUTH_TOKEN");
    }

    /** An executable of that name in a {@code PATH} directory (e.g. chromium for the dashboard's browser test). */
    public static Optional<Path> onPath(String executable) {
        for (String dir : env().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Environment env() {
        return Environment.process();
    }
}
