package io.shopsense.local.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * {@code ./shopsense bench reliability}: every scenario of the {@link ReliabilitySuite} on local clouds of their own,
 * then its table as one JSON line on stdout; exit 1 when a bar did not hold. The harness is test code, so the
 * command line runs this class in a JVM of its own on {@code local/}'s test classes (see {@code BenchCommand}).
 *
 * <p>Arguments: the project root, dynalite's cache directory.
 */
public final class ReliabilityBench {
    private ReliabilityBench() {
    }

    public static void main(String[] args) throws Exception {
        ReliabilitySuite.Settings settings = ReliabilitySuite.Settings.fromSystem(Path.of(args[0]), Path.of(args[1]));
        System.err.println("shopsense: reliability: replays, storage faults, DynamoDB crash, a storm of "
                + settings.stormUploads() + " uploads, " + settings.loadRequests() + " requests from "
                + settings.loadClients() + " clients, bad input, privacy, least privilege (a few minutes)...");
        ReliabilitySuite.Table table = new ReliabilitySuite(settings).run();
        System.out.println(new ObjectMapper().writeValueAsString(table.toMap()));
        System.out.flush();
        System.exit(table.problems().isEmpty() ? 0 : 1);
    }
}
