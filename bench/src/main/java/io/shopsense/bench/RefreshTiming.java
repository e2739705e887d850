package io.shopsense.bench;

import io.shopsense.pipeline.RecommendationRefresh;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.store.InMemoryRecommendationStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Wall-clock time of the nightly recommendation refresh (the build-recommendations function's use case) on clean
 * directories written by {@code ./shopsense clean FILE --out DIR}: one JSON line per directory on stdout. The tables
 * are in memory, so DynamoDB writes are not in the figure; the template's timeout (15 minutes) bounds the rest.
 * CPU seconds are printed too: on a shared machine they say more than the wall clock (the Lambda has 2 vCPUs).
 * Run: {@code java -cp 'bench/target/classes:local/target/lib/*:local/target/shopsense-local.jar'
 * io.shopsense.bench.RefreshTiming DIR…} (each DIR is copied first: the refresh writes models/ and reports/ into it).
 */
public final class RefreshTiming {
    private RefreshTiming() {
    }

    public static void main(String[] args) throws Exception {
        RecommendationRefresh.Settings settings = new RecommendationRefresh.Settings(28,
                EvaluationMode.REPEATS_ALLOWED, InteractionWeights.defaults(), 50, 20);
        for (String dir : args) {
            DirectoryObjectStore store = new DirectoryObjectStore(Path.of(dir));
            // a directory without erasure records: nobody to forget (the key only reads them)
            RecommendationRefresh refresh = new RecommendationRefresh(store, new InMemoryRecommendationStore(),
                    settings, new io.shopsense.pipeline.Erasures(store,
                            io.shopsense.security.ShopSecret.of(new byte[32])));
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            RecommendationRefresh.Outcome outcome = refresh.refresh(Instant.parse("2026-12-03T02:00:00Z"));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            System.out.printf("{\"dir\":\"%s\",\"status\":\"%s\",\"algorithm\":\"%s\",\"users\":%d,\"items\":%d,"
                    + "\"seconds\":%.1f,\"cpuSeconds\":%.1f}%n", dir, outcome.status(), outcome.algorithm(),
                    outcome.users(), outcome.items(), seconds, cpuSeconds);
        }
        System.exit(0);
    }
}
