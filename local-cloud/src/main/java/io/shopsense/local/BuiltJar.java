package io.shopsense.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * A jar the command line builds on demand (the jobs jar, the benchmarks): it is rebuilt when missing or older than
 * any source, resource or pom of the modules it is made from, and run by this JVM's own {@code java}.
 */
public final class BuiltJar {
    private BuiltJar() {
    }

    /** Missing, or older than any source, resource or pom of {@code modules} (or the parent pom). */
    public static boolean stale(Path home, Path jar, List<String> modules) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(jar);
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(home.resolve(module))) {
                if (files.filter(p -> !p.toString().contains("/target/"))
                        .filter(p -> p.toString().endsWith(".java") || p.getFileName().toString().equals("pom.xml")
                                || p.toString().contains("/src/main/resources/"))
                        .anyMatch(p -> newer(p, built))) {
                    return true;
                }
            }
        }
        return newer(home.resolve("pom.xml"), built);
    }

    /** This JVM's {@code java}, for the child JVMs the command line starts. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean newer(Path file, FileTime than) {
        try {
            return Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException gone) {
            return false;
        }
    }
}
