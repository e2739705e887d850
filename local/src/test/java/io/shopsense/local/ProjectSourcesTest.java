package io.shopsense.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rules over every Java source of the project (all modules, main and test), which no class-level check sees:
 * docs/architecture.md §2 and §3.
 */
class ProjectSourcesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern KEY_LITERAL = Pattern.compile(
            "\"(raw|clean|rejects|manifests|models|reports|exports|audiences|campaigns|spark|erasure|summaries)/");

    /** The process environment is read in one place; functions go through Wiring, the rest through LocalSettings. */
    @Test
    void theEnvironmentIsReadOnlyByRuntimeEnvironment() {
        List<String> readers = linesMatching(Pattern.compile("getenv\\s*\\("),
                Set.of("shared/src/main/java/io/shopsense/runtime/Environment.java"));

        assertThat(readers).isEmpty();
    }

    /**
     * Functions' variables are read by name in {@code pipeline.Wiring} only (handlers ask it for services and
     * settings); besides it, the telemetry's service name, the benchmarks' cold-start probe (which builds clients as a
     * function does), LocalSettings, the Spark session and the local cloud's test handlers look at an environment.
     */
    @Test
    void functionsReadTheirVariablesThroughWiring() {
        List<String> readers = linesMatching(Pattern.compile("Environment\\.(current|process)\\(|\\.env\\(\\)"), Set.of(
                "shared/src/main/java/io/shopsense/runtime/Environment.java",
                "shared/src/main/java/io/shopsense/pipeline/Wiring.java",
                "shared/src/main/java/io/shopsense/telemetry/Telemetry.java",
                "local-cloud/src/main/java/io/shopsense/local/LocalSettings.java",
                "local/src/main/java/io/shopsense/local/bench/ColdStartProbe.java",
                "jobs/src/main/java/io/shopsense/jobs/Sessions.java",
                "local/src/test/java/io/shopsense/local/testfunctions/EchoHandler.java",
                "local/src/test/java/io/shopsense/local/testfunctions/RecordingHandler.java"));

        assertThat(readers).isEmpty();
    }

    /** The project's own {@code -Dshopsense.*} settings (the root, the suite's size) are read in LocalSettings only. */
    @Test
    void shopsensePropertiesAreReadOnlyByLocalSettings() {
        List<String> readers = linesMatching(Pattern.compile("getProperty\\(\\s*\"shopsense\\."),
                Set.of("local-cloud/src/main/java/io/shopsense/local/LocalSettings.java")).stream()
                .filter(hit -> hit.substring(0, hit.indexOf(':')).contains("/src/main/")).toList();

        assertThat(readers).isEmpty();
    }

    /**
     * Bucket keys are spelled in {@code pipeline.Layout} only (key and inverse side by side); other production code
     * names them through it. Tests keep literal keys: they are the layout's expected values, which a test going
     * through Layout could not check. The cleaner reads no key either: its caller says which kind of rows to expect.
     */
    @Test
    void bucketKeysAreSpelledOnlyInLayout() {
        List<String> spelled = linesMatching(KEY_LITERAL, Set.of(
                "shared/src/main/java/io/shopsense/pipeline/Layout.java")).stream()
                .filter(hit -> hit.substring(0, hit.indexOf(':')).contains("/src/main/")).toList();

        assertThat(spelled).isEmpty();
    }

    @Test
    void theRuleSeesTheTree() {
        assertThat(javaSources()).hasSizeGreaterThan(300)
                .anyMatch(path -> path.startsWith("jobs/")).anyMatch(path -> path.startsWith("bench/"))
                .anyMatch(path -> path.startsWith("functions/"));
        assertThat(linesMatching(Pattern.compile("getenv\\s*\\("), Set.of())).singleElement().asString()
                .startsWith("shared/src/main/java/io/shopsense/runtime/Environment.java:");
        assertThat(linesMatching(KEY_LITERAL, Set.of()))
                .anyMatch(hit -> hit.startsWith("shared/src/main/java/io/shopsense/pipeline/Layout.java:"));
    }

    /** Every {@code path:line: text} of a source outside {@code allowed} whose line matches {@code pattern}. */
    private static List<String> linesMatching(Pattern pattern, Set<String> allowed) {
        List<String> hits = new ArrayList<>();
        for (String source : javaSources()) {
            if (allowed.contains(source)) {
                continue;
            }
            List<String> lines = read(ROOT.resolve(source));
            for (int i = 0; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    hits.add(source + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        return hits;
    }

    /** Project-relative paths of every {@code .java} file under a module's {@code src/} (build output skipped). */
    private static List<String> javaSources() {
        List<String> sources = new ArrayList<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    String name = dir.getFileName().toString();
                    boolean skipped = !dir.equals(ROOT) && (name.startsWith(".") || name.equals("target")
                            || name.equals("node_modules"));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String relative = ROOT.relativize(file).toString().replace('\\', '/');
                    if (relative.endsWith(".java") && relative.contains("/src/")) {
                        sources.add(relative);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources.stream().sorted().toList();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
