package io.shopsense.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopsense.local.template.Specs.EventRuleTrigger;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.StackTemplate;
import io.shopsense.pipeline.TrainingData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local cloud's EMR Serverless: the one call the functions make ({@code POST /applications/{id}/jobruns},
 * StartJobRun, answered as the service answers it, the client token making a repeated start find the first run), and
 * then what the service and EventBridge do after it: the run executes the same jobs jar in Spark local mode
 * ({@link SparkJvm}) over a copy of the bucket's {@code clean/} rows, its outputs are uploaded to the {@code s3://}
 * keys its arguments name (the clean job instead reads and writes the local S3 itself through {@code s3a://}, as
 * EMR's job reads and writes {@code s3://}: its rows arrive one object at a time and trigger what they trigger), and
 * its end is delivered as an "EMR Serverless Job Run State Change" to every function
 * whose {@code EventBridgeRule} pattern matches, asynchronously as EventBridge invokes Lambda.
 */
public final class LocalSparkServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern START_JOB_RUN = Pattern.compile("/applications/([^/]+)/jobruns/?");
    private static final String RELEASE = "emr-7.5.0";
    private static final String CLEAN_JOB = io.shopsense.pipeline.SparkHandOff.Job.CLEAN.code();
    private static final List<String> INPUT_PREFIXES = List.of(TrainingData.EVENTS_PREFIX,
            TrainingData.CATALOG_PREFIX, io.shopsense.pipeline.ReviewRows.PREFIX);

    private final HttpServer server;
    private final Path home;
    private final Supplier<S3Client> s3;
    private final Supplier<FunctionHost> host;
    /** The local cloud's endpoints and keys, for a job that reaches its S3 and secrets itself. */
    private final Supplier<Map<String, String>> cloudEnvironment;
    private final ExecutorService runs = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-spark");
        thread.setDaemon(true);
        return thread;
    });
    /** Job run ids by client token: a second start with the same token is the first run. */
    private final Map<String, String> byToken = new LinkedHashMap<>();
    private final Object idleMonitor = new Object();
    private int pending;

    private LocalSparkServer(Path home, Supplier<S3Client> s3, Supplier<FunctionHost> host,
                             Supplier<Map<String, String>> cloudEnvironment) throws IOException {
        this.home = home;
        this.s3 = s3;
        this.host = host;
        this.cloudEnvironment = cloudEnvironment;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @param home the project's directory (the jobs jar is built from it when missing)
     * @param s3   a client of the local S3 (runs read their input and write their outputs through it)
     * @param host the functions the run's end is delivered to
     * @param cloudEnvironment the S3 and Secrets Manager endpoints, region and keys a clean job runs with
     */
    public static LocalSparkServer start(Path home, Supplier<S3Client> s3, Supplier<FunctionHost> host,
                                         Supplier<Map<String, String>> cloudEnvironment) throws IOException {
        return new LocalSparkServer(home, s3, host, cloudEnvironment);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Job runs started (distinct client tokens). */
    public synchronized int runsStarted() {
        return byToken.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = START_JOB_RUN.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                answer(exchange, 404, error("the local cloud serves StartJobRun only"));
                return;
            }
            if (!String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).contains(
                    "/emr-serverless/aws4_request")) {
                answer(exchange, 403, error("the request is not signed (SigV4) for emr-serverless"));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            JsonNode submit = body == null ? null : body.path("jobDriver").path("sparkSubmit");
            String token = body == null ? "" : body.path("clientToken").asText("");
            if (submit == null || submit.isMissingNode() || token.isEmpty()
                    || body.path("executionRoleArn").asText("").isEmpty()) {
                answer(exchange, 400, error("clientToken, executionRoleArn and jobDriver.sparkSubmit are required"));
                return;
            }
            String applicationId = path.group(1);
            String jobRunId;
            boolean fresh;
            synchronized (this) {
                fresh = !byToken.containsKey(token);
                jobRunId = byToken.computeIfAbsent(token, LocalSparkServer::jobRunId);
            }
            if (fresh) {
                List<String> arguments = new ArrayList<>();
                submit.path("entryPointArguments").forEach(a -> arguments.add(a.asText()));
                synchronized (idleMonitor) {
                    pending++;
                }
                runs.execute(() -> run(applicationId, jobRunId, arguments));
            }
            ObjectNode answer = JSON.createObjectNode().put("applicationId", applicationId).put("jobRunId", jobRunId)
                    .put("arn", arn(applicationId, jobRunId));
            answer(exchange, 200, answer);
        }
    }

    /** Runs the job, uploads its outputs, then delivers its end; always ends the run (SUCCESS or FAILED). */
    private void run(String applicationId, String jobRunId, List<String> arguments) {
        Instant created = Instant.now();
        String state = "FAILED";
        String details = null;
        Path work = null;
        try {
            work = Files.createTempDirectory("shopsense-spark-run-");
            Map<Path, String> outputs = new LinkedHashMap<>();
            boolean clean = !arguments.isEmpty() && CLEAN_JOB.equals(arguments.get(0));
            List<String> local = clean ? overS3a(arguments) : localArguments(arguments, work, outputs);
            ProcessBuilder process = SparkJvm.process(home, local);
            if (clean) {
                process.environment().putAll(cloudEnvironment.get());
            }
            Process job = process.redirectErrorStream(true)
                    .redirectOutput(work.resolve("driver.log").toFile()).start();
            int exit = job.waitFor();
            if (exit == 0) {
                upload(outputs);
                state = "SUCCESS";
            } else {
                details = "Job failed, please check complete logs in configured logging destination. ExitCode: "
                        + exit + ".";
                LocalLog.log("WARN", "spark", jobRunId, "exit", Integer.toString(exit), "log",
                        tail(work.resolve("driver.log")));
            }
        } catch (Exception | Error e) {
            details = "the local run could not start: " + e.getClass().getSimpleName();
            LocalLog.log("WARN", "spark", jobRunId, "error", e.toString());
        } finally {
            deleteQuietly(work);
        }
        try {
            deliver(stateChange(applicationId, jobRunId, state, details, created));
        } finally {
            synchronized (idleMonitor) {
                pending--;
                idleMonitor.notifyAll();
            }
        }
    }

    /**
     * The run's arguments on this machine: the events root {@code s3://bucket} becomes a copy of the bucket's clean
     * rows, and every {@code s3://bucket/key} output a local file uploaded to its key when the run succeeds.
     */
    private List<String> localArguments(List<String> arguments, Path work, Map<Path, String> outputs)
            throws IOException {
        List<String> local = new ArrayList<>();
        for (String argument : arguments) {
            if (!argument.startsWith("s3://")) {
                local.add(argument);
                continue;
            }
            String[] bucketAndKey = argument.substring("s3://".length()).split("/", 2);
            if (bucketAndKey.length == 1 || bucketAndKey[1].isEmpty()) {
                local.add(download(bucketAndKey[0], work.resolve("input")).toString());
            } else {
                Path file = work.resolve("output").resolve(bucketAndKey[1]);
                Files.createDirectories(file.getParent());
                outputs.put(file, argument);
                local.add(file.toString());
            }
        }
        return local;
    }

    /** The clean job's arguments with every {@code s3://} location read and written through S3A. */
    private static List<String> overS3a(List<String> arguments) {
        return arguments.stream().map(a -> a.startsWith("s3://") ? "s3a://" + a.substring("s3://".length()) : a)
                .toList();
    }

    private Path download(String bucket, Path root) throws IOException {
        S3Client client = s3.get();
        for (String prefix : INPUT_PREFIXES) {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                Path file = root.resolve(object.key());
                Files.createDirectories(file.getParent());
                try (InputStream in = client.getObject(b -> b.bucket(bucket).key(object.key()))) {
                    Files.copy(in, file);
                }
            }
        }
        Files.createDirectories(root);
        return root;
    }

    /** Each output file to its key; an output prefix ({@code s3://bucket/key/}) with every file the run wrote in it. */
    private void upload(Map<Path, String> outputs) throws IOException {
        S3Client client = s3.get();
        for (Map.Entry<Path, String> output : outputs.entrySet()) {
            Path file = output.getKey();
            String[] bucketAndKey = output.getValue().substring("s3://".length()).split("/", 2);
            if (Files.isRegularFile(file)) {
                client.putObject(b -> b.bucket(bucketAndKey[0]).key(bucketAndKey[1]), RequestBody.fromFile(file));
            } else if (Files.isDirectory(file) && bucketAndKey[1].endsWith("/")) {
                try (var files = Files.walk(file)) {
                    for (Path inside : files.filter(Files::isRegularFile).sorted().toList()) {
                        String key = bucketAndKey[1] + file.relativize(inside).toString().replace('\\', '/');
                        client.putObject(b -> b.bucket(bucketAndKey[0]).key(key), RequestBody.fromFile(inside));
                    }
                }
            }
        }
    }

    /** The documented event: {@code aws.emr-serverless}, "EMR Serverless Job Run State Change". */
    static Map<String, Object> stateChange(String applicationId, String jobRunId, String state, String details,
                                           Instant created) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("jobRunId", jobRunId);
        detail.put("applicationId", applicationId);
        detail.put("arn", arn(applicationId, jobRunId));
        detail.put("releaseLabel", RELEASE);
        detail.put("state", state);
        detail.put("previousState", "RUNNING");
        if (details != null) {
            detail.put("stateDetails", details);
        }
        detail.put("createdBy", "arn:aws:sts::" + StackTemplate.LOCAL_ACCOUNT + ":assumed-role/local/local");
        detail.put("updatedAt", Instant.now().toString());
        detail.put("createdAt", created.toString());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "EMR Serverless Job Run State Change");
        event.put("source", "aws.emr-serverless");
        event.put("account", StackTemplate.LOCAL_ACCOUNT);
        event.put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", StackTemplate.LOCAL_REGION);
        event.put("resources", List.of());
        event.put("detail", detail);
        return event;
    }

    /** EventBridge: every function with a rule matching the event is invoked asynchronously. */
    private void deliver(Map<String, Object> event) {
        FunctionHost functions = host.get();
        String json;
        try {
            json = JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (FunctionSpec function : functions.functions()) {
            for (EventRuleTrigger rule : function.eventRules()) {
                if (rule.matches(event)) {
                    functions.invokeAsync(function.logicalId(), json);
                }
            }
        }
    }

    /** Whether no run is going on. */
    public boolean idle() {
        synchronized (idleMonitor) {
            return pending == 0;
        }
    }

    /** Waits until every started run has ended and its end has been handed to the functions. */
    public void awaitIdle(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idleMonitor) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(pending + " Spark job runs still running after " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(idleMonitor, left);
            }
        }
    }

    private static String jobRunId(String clientToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(clientToken.getBytes(StandardCharsets.UTF_8));
            return "00" + HexFormat.of().formatHex(digest).substring(0, 14);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String arn(String applicationId, String jobRunId) {
        return "arn:aws:emr-serverless:" + StackTemplate.LOCAL_REGION + ":" + StackTemplate.LOCAL_ACCOUNT
                + ":/applications/" + applicationId + "/jobruns/" + jobRunId;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("message", message);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status / 100 != 2) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", status == 403 ? "AccessDeniedException"
                    : status == 404 ? "ResourceNotFoundException" : "ValidationException");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException unreadable) {
            return "";
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public void close() {
        server.stop(0);
        runs.shutdownNow();
    }
}
