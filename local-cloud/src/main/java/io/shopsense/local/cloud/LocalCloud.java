package io.shopsense.local.cloud;

import io.shopsense.local.LocalSettings;
import io.shopsense.local.template.Specs.FunctionSpec;
import com.nimbusds.jose.jwk.ECKey;
import io.shopsense.local.template.Specs;
import io.shopsense.local.template.StackTemplate;
import io.shopsense.local.template.TemplateException;
import io.shopsense.runtime.Environment;
import io.shopsense.store.AwsClients;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole local cloud: S3 (S3Proxy, in this JVM) and DynamoDB (dynalite, a child process) on loopback, the bucket
 * and tables of {@code template.yaml}, its functions hosted in this JVM and wired to their S3 notifications,
 * HTTP API routes and schedules. With an external endpoint (LocalStack) the storage servers are not started and
 * new objects are found by polling the bucket instead.
 */
public final class LocalCloud implements AutoCloseable {
    public static final String ACCESS_KEY = "shopsense-local";
    public static final String SECRET_KEY = "shopsense-local-secret";

    /**
     * How to start; build one with {@link #builder(Path)}, which names every setting that differs from the defaults.
     *
     * @param stateDirectory where S3 objects, tables and dead letters persist; null keeps everything in memory
     * @param cacheDirectory where dynalite is installed (npm ci)
     * @param externalEndpoint a LocalStack (or other) endpoint serving both S3 and DynamoDB; null for the emulators
     * @param apiPort          0 for any free port; negative for no HTTP API
     * @param signingKey       the key the local issuer signs API tokens with ({@link ApiTokens#loadOrCreate});
     *                         null for a fresh one
     * @param retryDelays      waits before the two retries of a failed asynchronous invocation
     * @param functionEndpoints how the hosted functions reach each storage service (the CLI and the cloud's own
     *                          clients always go direct); {@link EndpointRoute#DIRECT} unless a test puts a fault
     *                          proxy in between
     */
    public record Options(Path template, String stackName, Map<String, String> parameters, Path stateDirectory,
                          Path cacheDirectory, URI externalEndpoint, int apiPort, ECKey signingKey,
                          List<Duration> retryDelays, boolean runSchedules, EndpointRoute functionEndpoints) {
        public Options {
            parameters = Map.copyOf(parameters);
            retryDelays = List.copyOf(retryDelays);
            functionEndpoints = functionEndpoints == null ? EndpointRoute.DIRECT : functionEndpoints;
            signingKey = signingKey == null ? ApiTokens.newKey() : signingKey;
        }

        /**
         * Options for the stack in {@code template}, starting from the defaults: stack {@code shopsense}, no
         * parameters, everything in memory, dynalite in {@link LocalSettings#cacheDirectory()}, the emulators, the
         * HTTP API on any free port, a fresh signing key, retries after 50 and 100 ms, no running schedules,
         * functions reaching storage directly.
         */
        public static Builder builder(Path template) {
            return new Builder(template);
        }
    }

    /** Builds {@link Options}; each method sets one of them (see its record component). */
    public static final class Builder {
        private final Path template;
        private String stackName = "shopsense";
        private Map<String, String> parameters = Map.of();
        private Path stateDirectory;
        private Path cacheDirectory = LocalSettings.cacheDirectory();
        private URI externalEndpoint;
        private int apiPort;
        private ECKey signingKey;
        private List<Duration> retryDelays = List.of(Duration.ofMillis(50), Duration.ofMillis(100));
        private boolean runSchedules;
        private EndpointRoute functionEndpoints = EndpointRoute.DIRECT;

        private Builder(Path template) {
            this.template = template;
        }

        public Builder stackName(String name) {
            this.stackName = name;
            return this;
        }

        public Builder parameters(Map<String, String> values) {
            this.parameters = values;
            return this;
        }

        /** Persist S3 objects, tables and dead letters there (null: in memory). */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = directory;
            return this;
        }

        /** Use a LocalStack (or other) endpoint for S3 and DynamoDB instead of the emulators (null: emulators). */
        public Builder externalEndpoint(URI endpoint) {
            this.externalEndpoint = endpoint;
            return this;
        }

        /** The HTTP API's port, 0 for any free one. */
        public Builder apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        public Builder noHttpApi() {
            this.apiPort = -1;
            return this;
        }

        /** The local issuer's key (null: a fresh one). */
        public Builder signingKey(ECKey key) {
            this.signingKey = key;
            return this;
        }

        public Builder retryDelays(List<Duration> delays) {
            this.retryDelays = delays;
            return this;
        }

        public Builder runSchedules(boolean run) {
            this.runSchedules = run;
            return this;
        }

        public Builder functionEndpoints(EndpointRoute route) {
            this.functionEndpoints = route;
            return this;
        }

        public Options build() {
            return new Options(template, stackName, parameters, stateDirectory, cacheDirectory, externalEndpoint,
                    apiPort, signingKey, retryDelays, runSchedules, functionEndpoints);
        }
    }

    /**
     * The endpoint a function (by logical id) is given for a service ({@code s3}, {@code dynamodb}) whose server is
     * at another: a fault proxy for everyone, or one recording proxy per function.
     */
    @FunctionalInterface
    public interface EndpointRoute {
        EndpointRoute DIRECT = (function, service, endpoint) -> endpoint;

        URI route(String function, String service, URI endpoint) throws Exception;
    }

    private final Options options;
    private final StackTemplate template;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final URI s3Endpoint;
    private final URI dynamoDbEndpoint;
    private final URI secretsEndpoint;
    private final LocalSparkServer spark;
    private S3Client sparkS3;
    private DynaliteServer dynalite;
    private final FunctionHost host;
    private final HttpApiGateway gateway;
    private final Map<String, List<String>> provisioned;
    private final ApiTokens tokens;

    private LocalCloud(Options options) throws Exception {
        this.options = options;
        this.template = StackTemplate.load(options.template(), options.stackName(), options.parameters());
        AtomicReference<FunctionHost> hostReference = new AtomicReference<>();
        S3NotificationRouter router = new S3NotificationRouter(hostReference::get);
        try {
            if (options.externalEndpoint() == null) {
                Path state = options.stateDirectory();
                LocalS3Server s3 = LocalS3Server.start(state == null ? null : state.resolve("s3"), ACCESS_KEY,
                        SECRET_KEY, router);
                resources.add(s3);
                s3Endpoint = s3.endpoint();
                dynalite = DynaliteServer.start(options.cacheDirectory(),
                        state == null ? null : state.resolve("dynamodb"),
                        (state == null ? options.cacheDirectory() : state).resolve("dynalite-" + ProcessHandle.current().pid() + ".pid"));
                resources.add(() -> dynalite.close()); // the current server: restartDynamoDb replaces it
                dynamoDbEndpoint = dynalite.endpoint();
            } else {
                s3Endpoint = options.externalEndpoint();
                dynamoDbEndpoint = options.externalEndpoint();
                dynalite = null;
            }
            LocalSecretsServer secrets = LocalSecretsServer.start(template.secrets(),
                    options.stateDirectory() == null ? null : options.stateDirectory().resolve("secrets"));
            resources.add(secrets);
            secretsEndpoint = secrets.endpoint();
            spark = LocalSparkServer.start(options.template().toAbsolutePath().getParent(), this::sparkS3Client,
                    hostReference::get);
            resources.add(spark);
            try (S3Client s3 = s3Client(); DynamoDbClient dynamoDb = dynamoDbClient()) {
                provisioned = new Provisioner(s3, dynamoDb).provision(template);
            }
            Path deadLetterFile = options.stateDirectory() == null ? null
                    : options.stateDirectory().resolve("dead-letters.jsonl");
            Map<String, Map<String, String>> environments = new TreeMap<>();
            for (FunctionSpec function : template.functions()) {
                Map<String, String> environment = functionEnvironment();
                EndpointRoute route = options.functionEndpoints();
                environment.put("AWS_ENDPOINT_URL_S3", route.route(function.logicalId(), "s3", s3Endpoint).toString());
                environment.put("AWS_ENDPOINT_URL_DYNAMODB",
                        route.route(function.logicalId(), "dynamodb", dynamoDbEndpoint).toString());
                environment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER",
                        route.route(function.logicalId(), "secretsmanager", secretsEndpoint).toString());
                environment.put("AWS_ENDPOINT_URL_EMR_SERVERLESS",
                        route.route(function.logicalId(), "emr-serverless", spark.endpoint()).toString());
                environments.put(function.logicalId(), environment);
            }
            host = new FunctionHost(template.functions(), spec -> environments.get(spec.logicalId()),
                    options.retryDelays(), new DeadLetters(deadLetterFile), new FunctionLogs(
                    options.stateDirectory() == null ? null : options.stateDirectory().resolve("logs")), 4);
            resources.add(host);
            hostReference.set(host);
            if (options.externalEndpoint() != null) {
                resources.add(new S3ChangePoller(s3Client(), template.buckets(), router, Duration.ofSeconds(1)));
            }
            Optional<Specs.JwtAuthorizerSpec> jwt = template.jwtAuthorizer();
            tokens = jwt.map(spec -> new ApiTokens(options.signingKey(), spec, Clock.systemUTC())).orElse(null);
            if (jwt.isEmpty() && options.apiPort() >= 0 && template.functions().stream()
                    .anyMatch(f -> f.routes().stream().anyMatch(Specs.HttpRoute::authorized))) {
                throw new TemplateException("the local gateway runs only a JWT authoriser, and the template's HTTP API"
                        + " declares none as its DefaultAuthorizer (ApiAuthMode=IAM cannot be served locally)");
            }
            gateway = options.apiPort() < 0 ? null
                    : new HttpApiGateway(host, jwt.map(spec -> new JwtAuthorizer(spec, options.signingKey(),
                    Clock.systemUTC())).orElse(null), options.apiPort(), 32,
                    HttpApiGateway.Cors.of(corsConfiguration(template)));
            if (gateway != null) {
                resources.add(gateway);
            }
            if (options.runSchedules()) {
                resources.add(new ScheduleRunner(host));
            }
        } catch (Exception | Error failure) {
            close();
            throw failure;
        }
    }

    /** The CorsConfiguration of the template's HttpApi resource, or null when it declares none (an implicit API). */
    private static Object corsConfiguration(StackTemplate template) {
        return template.resourceTypes().entrySet().stream()
                .filter(e -> e.getValue().equals("AWS::Serverless::HttpApi"))
                .findFirst()
                .map(e -> template.properties(e.getKey()).get("CorsConfiguration"))
                .orElse(null);
    }

    public static LocalCloud start(Options options) throws Exception {
        return new LocalCloud(options);
    }

    /** What a function (or the CLI) needs to reach this cloud: endpoints, region and credentials. */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint.toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsEndpoint.toString());
        env.put("AWS_ENDPOINT_URL_EMR_SERVERLESS", spark.endpoint().toString());
        env.put("AWS_REGION", StackTemplate.LOCAL_REGION);
        env.put("AWS_ACCESS_KEY_ID", options.externalEndpoint() == null ? ACCESS_KEY : "test");
        env.put("AWS_SECRET_ACCESS_KEY", options.externalEndpoint() == null ? SECRET_KEY : "test");
        return env;
    }

    public S3Client s3Client() {
        return AwsClients.s3(Environment.of(functionEnvironment()));
    }

    public DynamoDbClient dynamoDbClient() {
        return AwsClients.dynamoDb(Environment.of(functionEnvironment()));
    }

    public StackTemplate template() {
        return template;
    }

    public FunctionHost functions() {
        return host;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** The HTTP API's base URL, or null when the cloud was started without one. */
    public URI apiEndpoint() {
        return gateway == null ? null : gateway.endpoint();
    }

    /** Mints API tokens the gateway accepts (back office, storefront, a signed-in customer's). */
    public ApiTokens tokens() {
        if (tokens == null) {
            throw new IllegalStateException("the template declares no JWT authoriser: no tokens to mint");
        }
        return tokens;
    }

    public Map<String, List<String>> provisioned() {
        return provisioned;
    }

    /** The dynalite process, for fault tests that kill it; null with an external endpoint. */
    public DynaliteServer dynalite() {
        return dynalite;
    }

    /**
     * Brings DynamoDB back after a crash ({@link DynaliteServer#kill()}): a new dynalite on the same port and data
     * directory, so every client's endpoint still holds. Needs a state directory, or the tables come back empty.
     */
    public void restartDynamoDb() throws IOException {
        if (dynalite == null) {
            throw new IllegalStateException("DynamoDB is external (" + options.externalEndpoint() + "): not ours to restart");
        }
        dynalite = dynalite.restart();
    }

    /** The named table's physical name in this stack (e.g. {@code ProfilesTable} → {@code shopsense-profiles}). */
    public String tableName(String logicalId) {
        return template.tables().stream().filter(t -> t.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + logicalId + " in the template")).name();
    }

    public String bucketName() {
        return template.buckets().get(0).name();
    }

    /**
     * Waits until every triggered invocation (and what those triggered) has finished, Spark job runs handed off
     * locally and the loader invocations their ends trigger included.
     */
    public void awaitIdle(Duration timeout) throws InterruptedException, TimeoutException {
        do {
            spark.awaitIdle(timeout);
            host.awaitIdle(timeout);
        } while (!spark.idle());
    }

    /** The local EMR Serverless (its job runs execute in Spark local mode). */
    public LocalSparkServer spark() {
        return spark;
    }

    /** The S3 client the local Spark runs read and write through, built on their first use. */
    private synchronized S3Client sparkS3Client() {
        if (sparkS3 == null) {
            sparkS3 = s3Client();
            resources.add(0, sparkS3); // closed last, after the runs that use it
        }
        return sparkS3;
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("shopsense: error while stopping " + resources.get(i).getClass().getSimpleName()
                        + ": " + e.getMessage());
            }
        }
        resources.clear();
    }

}
