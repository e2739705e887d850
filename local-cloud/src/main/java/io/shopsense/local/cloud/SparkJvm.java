package io.shopsense.local.cloud;

import io.shopsense.local.BuiltJar;
import io.shopsense.local.LocalSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jobs jar of {@code jobs/} in Spark local mode, in its own JVM (Spark's jars never enter the caller's): the
 * command {@code ./shopsense spark} runs and the local cloud's stand-in for EMR Serverless ({@link LocalSparkServer})
 * starts. It builds {@code jobs/} first when the jar is missing or older than its sources.
 */
public final class SparkJvm {
    private static final List<String> SOURCES = List.of("shared", "jobs");

    private SparkJvm() {
    }

    /**
     * The process that runs {@code io.shopsense.jobs.SparkJobs} with {@code arguments} (the job and its options), with
     * Spark's Java 17 flags, {@code SHOPSENSE_SPARK_XMX} (default {@code -Xmx2g}) and Spark on loopback.
     */
    public static ProcessBuilder process(Path home, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BuiltJar.javaBinary(), LocalSettings.sparkHeap(), "@" + home.resolve(
                "jobs/src/main/jvm/spark-java17.args"), "-cp", classpath(home), "io.shopsense.jobs.SparkJobs"));
        command.addAll(arguments);
        ProcessBuilder job = new ProcessBuilder(command).directory(home.toFile());
        job.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        return job;
    }

    /** The jobs jar and Spark's classpath (Maven's own copies), building {@code jobs/} first when needed. */
    public static String classpath(Path home) throws IOException, InterruptedException {
        Path jar = home.resolve("jobs/target/shopsense-jobs.jar");
        Path classpath = home.resolve("jobs/target/spark-classpath.txt");
        if (BuiltJar.stale(home, jar, SOURCES) || !Files.isRegularFile(classpath)) {
            System.err.println("shopsense: building jobs/ (mvn package -pl jobs -am; Spark's jars on the first run)...");
            Process maven = new ProcessBuilder("mvn", "-q", "-B", "package", "-pl", "jobs", "-am",
                    "-Dmaven.test.skip=true").directory(home.toFile()).redirectErrorStream(true).start();
            maven.getInputStream().transferTo(System.err); // stdout stays for the JSON line
            if (maven.waitFor() != 0) {
                throw new IllegalStateException("building jobs/ failed");
            }
        }
        return jar + File.pathSeparator + Files.readString(classpath, StandardCharsets.UTF_8).trim();
    }
}
