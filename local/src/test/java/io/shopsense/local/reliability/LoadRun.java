package io.shopsense.local.reliability;

import io.shopsense.local.cloud.LocalCloud;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A bounded load run on the local gateway: {@code clients} threads take request numbers from one counter until
 * {@code requests} are sent, each timing its call; the run stops by itself.
 */
public record LoadRun(long requests, long serverErrors, long failures, Map<Integer, Long> statusCounts, double p99Millis,
               List<String> samples) {

    /** One request to send. */
    public record Call(String method, String path, String body) {
    }

    /** Sends every call with a back-office token, which reaches every route (so bad input meets the handlers). */
    public static LoadRun run(LocalCloud cloud, int clients, int requests, IntFunction<Call> calls) throws Exception {
        String token = cloud.tokens().backOffice();
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[requests];
        int[] statuses = new int[requests];
        List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        Call call = calls.apply(i);
                        long start = System.nanoTime();
                        try {
                            var response = ShopTraffic.exchange(cloud, call.method(), call.path(), call.body(), token);
                            statuses[i] = response.statusCode();
                            if (response.statusCode() >= 500 && samples.size() < 5) {
                                samples.add(call.method() + " " + call.path() + " → " + response.statusCode());
                            }
                        } catch (Exception e) {
                            statuses[i] = -1;
                            if (samples.size() < 5) {
                                samples.add(call.method() + " " + call.path() + " → " + e);
                            }
                        }
                        latencies[i] = System.nanoTime() - start;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Long> counts = new TreeMap<>();
        Arrays.stream(statuses).forEach(s -> counts.merge(s, 1L, Long::sum));
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double p99 = sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)] / 1e6;
        long serverErrors = counts.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
        return new LoadRun(requests, serverErrors, counts.getOrDefault(-1, 0L), counts, Math.round(p99 * 100) / 100.0,
                List.copyOf(samples));
    }

    public List<String> problems(String run) {
        List<String> problems = new ArrayList<>();
        if (serverErrors > 0 || failures > 0) {
            problems.add(run + ": " + serverErrors + " answers 5xx, " + failures + " failed calls, e.g. " + samples);
        }
        return problems;
    }
}
