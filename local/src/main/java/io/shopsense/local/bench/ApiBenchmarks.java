package io.shopsense.local.bench;

import io.shopsense.pipeline.Layout;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.samples.SampleShop;
import io.shopsense.local.template.Specs.FunctionSpec;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * docs/architecture.md §6: API bars, measured side by side on one local cloud loaded with a slice of the sample shop:
 * {@code api}: p50/p99 of {@code GET /users/{id}/recommendations} through the local gateway against a bare
 * {@code GetItem} of the same row on the same dynalite, both with the same concurrent clients;
 * {@code coldstart}: a fresh JVM's time to the first answer of each function against a bare SDK handler of the same
 * trigger (same event file, decoded the same way, one call with each client the function builds; see
 * {@link ColdStartProbe}), on a cloud of its own seeded with a tiny shop ({@link #COLD_START_ROWS} order lines), so
 * the scheduled functions' first answer is start-up plus a few milliseconds of work, not a night's work; plus each
 * function's jar size against {@link JarBudget}.
 */
public final class ApiBenchmarks implements AutoCloseable {
    /** The cold-start benchmark's shop: enough order lines that every function's code path runs, little work. */
    public static final int COLD_START_ROWS = 300;
    private final Path home;
    private final LocalCloud cloud;
    private final List<String> customers = new ArrayList<>();

    private ApiBenchmarks(Path home, LocalCloud cloud) {
        this.home = home;
        this.cloud = cloud;
    }

    /** Starts a memory-only cloud from the project's template and runs the pipeline on the first rows of the sample. */
    public static ApiBenchmarks start(Path home, Path cache, int sampleRows) throws Exception {
        LocalCloud cloud = LocalCloud.start(LocalCloud.Options.builder(home.resolve("template.yaml"))
                .cacheDirectory(cache).retryDelays(List.of(Duration.ofMillis(100))).build());
        ApiBenchmarks bench = new ApiBenchmarks(home, cloud);
        bench.load(sampleRows);
        return bench;
    }

    private void load(int sampleRows) throws Exception {
        // The key events/s3-put-raw-orders.json names, so clean-upload's cold start has an object to read.
        SampleShop.open(cloud, home, Layout.RAW_ORDERS + "online retail sample.csv", sampleRows);
        try (DynamoDbClient dynamoDb = cloud.dynamoDbClient()) {
            dynamoDb.scanPaginator(b -> b.tableName(cloud.tableName("RecommendationsTable")).projectionExpression("userId"))
                    .items().stream().map(item -> item.get("userId").s())
                    // The shared cold-start list's key is no customer id: the route answers it 400.
                    .filter(id -> !id.equals(io.shopsense.store.RecommendationStore.COLD_START_USER))
                    .forEach(customers::add);
        }
    }

    /** p50 and p99 of the route through the gateway and of the bare GetItem, with {@code clients} concurrent callers. */
    public Map<String, Object> api(int clients, int requests) throws Exception {
        // HTTP/1.1 with keep-alive, as the gateway speaks it: the default (HTTP/2) offers an h2c upgrade on every new
        // connection, which the gateway declines.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String table = cloud.tableName("RecommendationsTable");
        // One back-office token (every customer's own list), so the gateway's ES256 check is in every call measured.
        String token = cloud.tokens().backOffice();
        try (DynamoDbClient dynamoDb = cloud.dynamoDbClient()) {
            // Warm both paths (JIT, connections, the handler's cold start) before measuring.
            measure(clients, requests / 4, i -> callApi(http, customers.get(i % customers.size()), token));
            measure(clients, requests / 4, i -> getItem(dynamoDb, table, customers.get(i % customers.size())));
            long[] bare = measure(clients, requests, i -> getItem(dynamoDb, table, customers.get(i % customers.size())));
            int before = cloud.functions().logs().outcomes().getOrDefault("marketing-api", List.of()).size();
            long[] ours = measure(clients, requests, i -> callApi(http, customers.get(i % customers.size()), token));
            // The handler's own time per request (what Lambda runs and bills), from its outcome records.
            long[] handler = cloud.functions().logs().outcomes().getOrDefault("marketing-api", List.of()).stream()
                    .skip(before).mapToLong(r -> r.path("durations").path("totalMs").asLong()).sorted().toArray();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("benchmark", "api");
            result.put("ours", percentile(ours, 0.99) / 1e6);
            result.put("baseline", percentile(bare, 0.99) / 1e6);
            result.put("unit", "ms p99");
            result.put("ratio", round((double) percentile(ours, 0.99) / percentile(bare, 0.99)));
            result.put("goal", "<= 2");
            result.put("size", requests + " requests, " + clients + " clients");
            result.put("oursP50", percentile(ours, 0.50) / 1e6);
            result.put("baselineP50", percentile(bare, 0.50) / 1e6);
            result.put("handlerP99", handler.length == 0 ? null : handler[(int) Math.min(handler.length - 1,
                    Math.ceil(0.99 * handler.length) - 1)]);
            result.put("handlerP50", handler.length == 0 ? null : handler[handler.length / 2]);
            result.put("handlerUnit", "ms, the handler's own time in its outcome records (" + handler.length
                    + " requests, millisecond resolution)");
            return result;
        }
    }

    /**
     * Fresh-JVM time to first answer of each function (median of {@code runs}) against a bare handler of the same
     * trigger, and beside it the first baseline (S3 and DynamoDB clients only, no event) as {@code clientsOnly*}; only
     * the functions named in {@code only} (logical id or name), or all when it is empty. Start this bench with
     * {@link #COLD_START_ROWS} so every run starts from the same small state.
     */
    public List<Map<String, Object>> coldStart(int runs, List<String> only) throws Exception {
        Map<String, String> events = Map.of(
                "MarketingApiFunction", "http-get-recommendations.json",
                "TrackEventsFunction", "http-post-events.json",
                "AssistantFunction", "http-post-assistant-ask.json",
                "CleanUploadFunction", "s3-put-raw-orders.json",
                "ForgetCustomersFunction", "s3-put-erasure-record.json",
                "RebuildProfilesFunction", "scheduled-nightly.json",
                "BuildRecommendationsFunction", "scheduled-nightly.json",
                "BuildAudiencesFunction", "s3-put-profile-summary.json",
                "OptimizeAdsFunction", "scheduled-daily.json");
        String probeClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        String serialization = serializationJar();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (FunctionSpec function : cloud.functions().functions()) {
            String eventFile = events.get(function.logicalId());
            if (eventFile == null || !only.isEmpty() && !only.contains(function.logicalId())
                    && !only.contains(function.name())) {
                continue;
            }
            Path jar = home.resolve(function.codeUri());
            String classpath = jar + File.pathSeparator + probeClasses + File.pathSeparator + serialization;
            Map<String, String> env = cloud.functions().environment(function);
            long[] bare = new long[runs];
            long[] clientsOnly = new long[runs];
            long[] ours = new long[runs];
            long[] primed = new long[runs];
            String services = String.join(",", FunctionClients.of(function));
            String handler = function.handler().split("::")[0];
            // As Lambda initialises a SnapStart version: the handler registers its priming.
            Map<String, String> snapStart = new java.util.HashMap<>(env);
            snapStart.put(io.shopsense.runtime.Priming.INITIALIZATION_TYPE, io.shopsense.runtime.Priming.SNAP_START);
            String event = home.resolve("events").resolve(eventFile).toString();
            for (int i = 0; i < runs; i++) {
                bare[i] = probe(classpath, env, "--bare", handler, event, services);
                clientsOnly[i] = probe(classpath, env, "--clients-only");
                ours[i] = probe(classpath, env, handler, event);
                primed[i] = probe(classpath, snapStart, handler, event, "--primed");
            }
            Arrays.sort(bare);
            Arrays.sort(clientsOnly);
            Arrays.sort(ours);
            Arrays.sort(primed);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("benchmark", "coldstart");
            line.put("function", function.name());
            line.put("ours", ours[runs / 2]);
            line.put("baseline", bare[runs / 2]);
            line.put("unit", "ms to first response (median of " + runs + ")");
            line.put("ratio", round((double) ours[runs / 2] / bare[runs / 2]));
            line.put("goal", "<= 1.5");
            line.put("baselineIs", "a bare handler of the same event decoded the same way, one call each with "
                    + services);
            long jarBytes = Files.size(jar);
            line.put("jarMb", JarBudget.megabytes(jarBytes));
            line.put("jarGoalMb", JarBudget.GOAL_MB);
            line.put("jarUnit", "MB of 10^6 bytes");
            line.put("pass", ours[runs / 2] <= 1.5 * bare[runs / 2] && JarBudget.withinGoal(jarBytes));
            // The first definition, for comparison: against a JVM that only builds S3 and DynamoDB clients.
            line.put("clientsOnlyBaseline", clientsOnly[runs / 2]);
            line.put("clientsOnlyRatio", round((double) ours[runs / 2] / clientsOnly[runs / 2]));
            // SnapStart's side, as far as a JVM without CRaC shows it: the first request after the handler's priming.
            line.put("primedFirstRequestMs", primed[runs / 2]);
            lines.add(line);
        }
        return lines;
    }

    private static long probe(String classpath, Map<String, String> env, String... probeArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(io.shopsense.local.LocalSettings.coldStartJavaOptions());
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName()));
        command.addAll(List.of(probeArgs));
        String handler = String.join(" ", probeArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("cold-start probe of " + handler + " failed: " + out);
        }
        String[] lines = out.split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }

    private static String serializationJar() throws Exception {
        return Path.of(com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).toString();
    }

    private Void callApi(HttpClient http, String userId, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(cloud.apiEndpoint() + "/users/" + userId + "/recommendations?n=10"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("API answered " + response.statusCode());
        }
        return null;
    }

    private static Void getItem(DynamoDbClient dynamoDb, String table, String userId) {
        dynamoDb.getItem(b -> b.tableName(table).key(Map.of("userId", AttributeValue.fromS(userId))));
        return null;
    }

    /** Per-request latencies in nanoseconds, {@code requests} calls spread over {@code clients} threads. */
    private static long[] measure(int clients, int requests, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> futures = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    call.run(n);
                    return System.nanoTime() - start;
                }));
            }
            long[] latencies = new long[requests];
            for (int i = 0; i < requests; i++) {
                latencies[i] = futures.get(i).get();
            }
            Arrays.sort(latencies);
            return latencies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** One request of a load run. */
    @FunctionalInterface
    private interface Call {
        Void run(int index) throws Exception;
    }

    @Override
    public void close() {
        cloud.close();
    }
}
