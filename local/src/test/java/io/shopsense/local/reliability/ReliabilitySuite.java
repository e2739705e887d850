package io.shopsense.local.reliability;

import io.shopsense.pipeline.Layout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.http.Caller;
import io.shopsense.local.LocalSettings;
import io.shopsense.local.cloud.LocalCloud;
import io.shopsense.local.reliability.FaultProxy.Fault;
import io.shopsense.local.reliability.FaultProxy.FaultPlan;
import io.shopsense.local.reliability.ShopTraffic.Trigger;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.StackTemplate;
import io.shopsense.model.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * docs/architecture.md §6: reliability bars, measured on real local clouds running the real functions: replays, faults
 * (storage errors through a {@link FaultProxy}, DynamoDB killed and restarted), an upload storm, load on the API,
 * bad input. Each scenario returns what it measured and the problems it found; {@link #run()} sums them into the
 * table {@code ./shopsense bench reliability} prints. The integration tests call the same scenarios.
 */
public final class ReliabilitySuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE = Duration.ofMinutes(5);
    private static final String STACK_NAME = "shopsense";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /** The day's erased customers as they could appear anywhere: ids (a number also as 15039.0), email, old hash. */
    private static final Pattern ERASED = Pattern.compile("(?<![0-9A-Za-z._])(" + Pattern.quote(ShopTraffic.ERASED_CUSTOMER)
            + "|" + Pattern.quote(ShopTraffic.ERASED_BEFORE_KEYED_RECORDS) + "(\\.0)?|"
            + Pattern.quote(Sha256.hex(ShopTraffic.ERASED_BEFORE_KEYED_RECORDS)) + ")(?![0-9A-Za-z_])|"
            + Pattern.quote(ShopTraffic.ERASED_EMAIL), Pattern.CASE_INSENSITIVE);
    /**
     * Ignored when comparing two separate runs: profile versions count writes (a retry after a lost answer may
     * count differently), and wall-clock facts of the run: when the ledger finished a delivery and may forget it,
     * when a customer asked to be erased, when an upload's content was first claimed, how long training took (and
     * each setting the nested selection tried), when the clean totals counted each upload (their rows and uploads
     * are still compared, so a double count shows).
     */
    private static final Set<String> RUN_DEPENDENT = Set.of("version", "finishedAt", "expiresAt", "claimedAt",
            "erasedAt", "trainSeconds", "fitSeconds", "seconds", "userHash", "counted");
    /** Routes the template leaves open on purpose: the dashboard's page, scripts and style (no data in them). */
    private static final Set<String> OPEN_ROUTES = Set.of("GET /dashboard", "GET /dashboard/app.js",
            "GET /dashboard/app.css", "GET /dashboard/messages.js");
    /** The read routes a shop's site and its dashboard call. */
    private static final List<String> READ_ROUTES = List.of("/users/%s/recommendations?n=10",
            "/users/%s/recommendations?n=5&category=home", "/users/%s/profile", "/items/%s/similar?n=5",
            "/segments/champions?limit=10", "/campaigns/spring-sale/plan?date=2024-07-01", "/dashboard/profiles",
            "/dashboard/data-health", "/dashboard/recommendations", "/dashboard/ads", "/dashboard/assistant",
            "/dashboard/audiences", "/dashboard/reviews", "/audiences", "/audiences/segment-champions?limit=10",
            "/campaigns/" + ShopTraffic.CAMPAIGN + "/uplift", "/dashboard/campaigns");

    /**
     * How big the run is.
     *
     * @param home         the project root (template, samples, events)
     * @param cache        where dynalite is installed
     * @param stormUploads uploads landing at once
     * @param loadClients  concurrent API clients
     * @param loadRequests requests of the load run (the malformed run sends as many again)
     */
    public record Settings(Path home, Path cache, int stormUploads, int loadClients, int loadRequests) {
        /** The CI size: finishes in a few minutes on two cores. */
        public static Settings ci(Path home, Path cache) {
            return new Settings(home, cache, 200, 50, 4_000);
        }

        /** the full sizes of docs/architecture.md §6. */
        public static Settings full(Path home, Path cache) {
            return new Settings(home, cache, 200, 200, 20_000);
        }

        /** {@code -Dshopsense.reliability=long} or {@code SHOPSENSE_RELIABILITY=long} selects the full size. */
        public static Settings fromSystem(Path home, Path cache) {
            return LocalSettings.reliabilityMode().filter("long"::equalsIgnoreCase).isPresent() ? full(home, cache)
                    : ci(home, cache);
        }
    }

    /** What one scenario measured, and every problem it saw (empty when the bar holds). */
    public record Result(String scenario, int faultsInjected, int faultsSurvived, int replays, int stormUploads,
                         long requests, long http5xx, long rowsLost, long rowsDoubled, double p99Millis,
                         List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

    }

    /** The table of {@code ./shopsense bench reliability}. */
    public record Table(int faultsInjected, int faultsSurvived, int replays, int stormUploads, long requests,
                        long http5xx, long rowsLost, long rowsDoubled, double p99Millis, List<String> problems) {
        public static Table of(List<Result> results) {
            List<String> problems = new ArrayList<>();
            results.forEach(r -> r.problems().forEach(p -> problems.add(r.scenario() + ": " + p)));
            return new Table(results.stream().mapToInt(Result::faultsInjected).sum(),
                    results.stream().mapToInt(Result::faultsSurvived).sum(),
                    results.stream().mapToInt(Result::replays).sum(),
                    results.stream().mapToInt(Result::stormUploads).sum(),
                    results.stream().mapToLong(Result::requests).sum(),
                    results.stream().mapToLong(Result::http5xx).sum(),
                    results.stream().mapToLong(Result::rowsLost).sum(),
                    results.stream().mapToLong(Result::rowsDoubled).sum(),
                    results.stream().mapToDouble(Result::p99Millis).max().orElse(0), problems);
        }

        /** The JSON object's fields, in order. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("benchmark", "reliability");
            map.put("faultsInjected", faultsInjected);
            map.put("faultsSurvived", faultsSurvived);
            map.put("replays", replays);
            map.put("stormUploads", stormUploads);
            map.put("requests", requests);
            map.put("http5xx", http5xx);
            map.put("rowsLost", rowsLost);
            map.put("rowsDoubled", rowsDoubled);
            map.put("p99Millis", p99Millis);
            map.put("problems", problems);
            return map;
        }
    }

    private final Settings settings;
    private final ShopTraffic traffic;

    public ReliabilitySuite(Settings settings) throws IOException {
        this.settings = settings;
        this.traffic = new ShopTraffic(settings.home());
    }

    /** Every scenario, in turn. */
    public Table run() throws Exception {
        return Table.of(List.of(replays(), storageFaults(), dynamoDbCrash(), storm(), load(), badInput(),
                privacy(), leastPrivilege()));
    }

    // ------------------------------------------------------------------ replays

    /**
     * Every trigger of a day (uploads, re-delivered clean objects, API writes, the erasure, the schedules) delivered
     * twice more in order and twice more interleaved: both dumps must equal the dump after the single delivery.
     */
    public Result replays() throws Exception {
        try (LocalCloud cloud = start(null, LocalCloud.EndpointRoute.DIRECT, List.of(Duration.ofMillis(50)))) {
            traffic.runDay(cloud);
            StateDump once = StateDump.of(cloud, Set.of());
            List<Trigger> triggers = new ArrayList<>(traffic.all());
            triggers.addAll(cleanObjectRedeliveries(cloud));
            List<String> problems = new ArrayList<>();
            for (Trigger trigger : triggers) {
                trigger.delivery().deliver(cloud);
                trigger.delivery().deliver(cloud);
                cloud.awaitIdle(IDLE);
            }
            compareDumps(problems, "in order", once, StateDump.of(cloud, Set.of()));
            List<Trigger> shuffled = new ArrayList<>(triggers);
            shuffled.addAll(triggers);
            Collections.shuffle(shuffled, new Random(7));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> sent = new ArrayList<>();
                for (Trigger trigger : shuffled) {
                    sent.add(pool.submit(() -> trigger.delivery().deliver(cloud)));
                }
                for (Future<Integer> f : sent) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            cloud.awaitIdle(IDLE);
            StateDump interleaved = StateDump.of(cloud, Set.of());
            compareDumps(problems, "interleaved", once, interleaved);
            deadLetters(cloud, problems);
            return new Result("replays", 0, 0, triggers.size() * 4, 0, 0, 0, interleaved.unitsLost(once),
                    interleaved.unitsDoubled(once), 0, problems);
        }
    }

    /**
     * What a day of traffic left in the functions' logs: per function, the invocations the host made and the outcome
     * records (each also an EMF metrics document) they wrote.
     */
    public record DayAccount(int triggers, Map<String, Integer> invocations, Map<String, Integer> outcomeRecords,
                             Map<String, Integer> withMetrics, List<String> problems) {
    }

    /**
     * One day of traffic on a fresh cloud, then the accounting of docs/architecture.md §9: every invocation of every
     * function ends in exactly one outcome record carrying its metrics, so the logs account for every trigger.
     */
    public DayAccount accountedDay() throws Exception {
        try (LocalCloud cloud = start(null, LocalCloud.EndpointRoute.DIRECT, List.of(Duration.ofMillis(50)))) {
            traffic.runDay(cloud);
            cloud.awaitIdle(IDLE);
            Map<String, Integer> invocations = cloud.functions().invocationCounts();
            Map<String, Integer> outcomes = new java.util.TreeMap<>();
            Map<String, Integer> withMetrics = new java.util.TreeMap<>();
            List<String> problems = new ArrayList<>();
            cloud.functions().logs().outcomes().forEach((function, records) -> {
                outcomes.put(function, records.size());
                withMetrics.put(function, (int) records.stream()
                        .filter(r -> r.path("_aws").path("CloudWatchMetrics").size() > 0).count());
                records.stream().filter(r -> !r.path("function").asText().equals(function)).findFirst().ifPresent(r ->
                        problems.add(function + "'s log holds a record of " + r.path("function").asText()));
            });
            invocations.forEach((function, count) -> {
                if (!count.equals(outcomes.getOrDefault(function, 0))) {
                    problems.add(function + ": " + count + " invocations, " + outcomes.getOrDefault(function, 0)
                            + " outcome records");
                }
            });
            deadLetters(cloud, problems);
            return new DayAccount(traffic.all().size(), invocations, outcomes, withMetrics, problems);
        }
    }

    /** Each clean object's S3 event again (the same bytes put again: same ETag, a new ObjectCreated event). */
    private static List<Trigger> cleanObjectRedeliveries(LocalCloud cloud) {
        List<Trigger> triggers = new ArrayList<>();
        try (S3Client s3 = cloud.s3Client()) {
            s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix(Layout.CLEAN)).contents().forEach(o ->
                    triggers.add(new Trigger("S3 re-delivery " + o.key(), c -> {
                        try (S3Client client = c.s3Client()) {
                            byte[] bytes = client.getObjectAsBytes(b -> b.bucket(c.bucketName()).key(o.key()))
                                    .asByteArray();
                            client.putObject(b -> b.bucket(c.bucketName()).key(o.key()), RequestBody.fromBytes(bytes));
                        }
                        return 0;
                    })));
        }
        return triggers;
    }

    private static void compareDumps(List<String> problems, String how, StateDump expected, StateDump actual) {
        actual.differences(expected, 20).forEach(d -> problems.add(how + ": " + d));
    }

    // ------------------------------------------------------------------ faults

    /**
     * The day with storage failing under the functions: S3 PUTs answered 500 (eight in a row: more than the SDK's
     * retries, so the invocation fails and Lambda retries it) and 503, DynamoDB throttling and exceeded throughput,
     * BatchWriteItem leaving half its items unprocessed. The end state must equal a fault-free day's.
     */
    public Result storageFaults() throws Exception {
        StateDump reference = referenceDay(null);
        Map<String, FaultProxy> proxies = new TreeMap<>(); // one per service, shared by every function
        LocalCloud.EndpointRoute route = (function, service, endpoint) -> {
            if (proxies.containsKey(service)) {
                return proxies.get(service).endpoint();
            }
            FaultProxy proxy = FaultProxy.start(endpoint, service.equals("s3")
                    ? FaultPlan.all(List.of(
                            FaultPlan.nth(FaultProxy.Request::isS3Put, 2, 8, Fault.S3_INTERNAL_ERROR),
                            FaultPlan.nth(FaultProxy.Request::isS3Put, 12, 2, Fault.S3_SLOW_DOWN),
                            FaultPlan.nth(FaultProxy.Request::isS3Put, 30, 5, Fault.S3_SLOW_DOWN)))
                    : FaultPlan.all(List.of(
                            FaultPlan.nth(r -> r.isDynamoDb("PutItem"), 3, 2, Fault.DYNAMODB_THROTTLING),
                            FaultPlan.nth(r -> r.isDynamoDb("GetItem"), 5, 3, Fault.DYNAMODB_THROUGHPUT_EXCEEDED),
                            FaultPlan.nth(r -> r.isDynamoDb("BatchGetItem"), 2, 2, Fault.DYNAMODB_THROTTLING),
                            FaultPlan.nth(r -> r.isDynamoDb("BatchWriteItem"), 1, 4, Fault.UNPROCESSED_ITEMS),
                            FaultPlan.nth(r -> r.isDynamoDb("Scan"), 1, 1, Fault.DYNAMODB_THROUGHPUT_EXCEEDED))));
            proxies.put(service, proxy);
            return proxy.endpoint();
        };
        try (LocalCloud cloud = start(null, route, List.of(Duration.ofMillis(200), Duration.ofMillis(400)))) {
            traffic.runDay(cloud);
            StateDump faulted = StateDump.of(cloud, RUN_DEPENDENT);
            int injected = proxies.values().stream().mapToInt(FaultProxy::injected).sum();
            proxies.values().forEach(p -> System.err.println("shopsense: fault proxy injected " + p.injectedByFault()));
            return compared("storage faults", cloud, reference, faulted, injected);
        } finally {
            closeAll(proxies.values());
        }
    }

    /**
     * The day with DynamoDB killed (as a crash, SIGKILL) while the uploads are being cleaned and again while the
     * schedules run, each time brought back on the same data: the end state must equal a fault-free day's.
     */
    public Result dynamoDbCrash() throws Exception {
        Path referenceState = Files.createTempDirectory("reliability-reference-");
        Path state = Files.createTempDirectory("reliability-crash-");
        try {
            StateDump reference = referenceDay(referenceState);
            try (LocalCloud cloud = start(state, LocalCloud.EndpointRoute.DIRECT,
                    List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)))) {
                int kills = 0;
                for (Trigger upload : traffic.uploadTriggers()) {
                    upload.delivery().deliver(cloud);
                }
                Thread.sleep(150);
                kills += crashAndRestart(cloud);
                cloud.awaitIdle(IDLE);
                for (Trigger call : traffic.apiTriggers()) {
                    call.delivery().deliver(cloud);
                    cloud.awaitIdle(IDLE);
                }
                traffic.eraseTrigger().delivery().deliver(cloud);
                cloud.awaitIdle(IDLE);
                for (Trigger schedule : traffic.scheduleTriggers()) {
                    schedule.delivery().deliver(cloud);
                    Thread.sleep(100);
                    kills += crashAndRestart(cloud);
                    cloud.awaitIdle(IDLE);
                }
                return compared("dynamodb crash", cloud, reference, StateDump.of(cloud, RUN_DEPENDENT), kills);
            }
        } finally {
            deleteTree(referenceState);
            deleteTree(state);
        }
    }

    private static int crashAndRestart(LocalCloud cloud) throws Exception {
        cloud.dynalite().kill();
        Thread.sleep(300);
        cloud.restartDynamoDb();
        return 1;
    }

    private StateDump referenceDay(Path state) throws Exception {
        try (LocalCloud cloud = start(state, LocalCloud.EndpointRoute.DIRECT, List.of(Duration.ofMillis(50)))) {
            traffic.runDay(cloud);
            return StateDump.of(cloud, RUN_DEPENDENT);
        }
    }

    private static Result compared(String scenario, LocalCloud cloud, StateDump reference, StateDump actual,
                                   int injected) {
        List<String> problems = new ArrayList<>();
        compareDumps(problems, "after faults", reference, actual);
        deadLetters(cloud, problems);
        if (injected == 0) {
            problems.add("no fault was injected: the plan does not match the traffic any more");
        }
        return new Result(scenario, injected, problems.isEmpty() ? injected : 0, 0, 0, 0, 0,
                actual.unitsLost(reference), actual.unitsDoubled(reference), 0, problems);
    }

    // ------------------------------------------------------------------ storm

    /**
     * {@code stormUploads} exports landing at once (Online Retail slices, generic CSV, JSON Lines, malformed files,
     * byte-identical copies under other keys): every file cleaned exactly once, every manifest reconciles, and the
     * profiles equal those of the same files uploaded one at a time.
     */
    public Result storm() throws Exception {
        Map<String, byte[]> files = StormFiles.generate(settings.home(), settings.stormUploads());
        List<String> problems = new ArrayList<>();
        StateDump sequential;
        Manifests sequentialManifests;
        try (LocalCloud cloud = start(null, LocalCloud.EndpointRoute.DIRECT, List.of(Duration.ofMillis(50)))) {
            try (S3Client s3 = cloud.s3Client()) {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    s3.putObject(b -> b.bucket(cloud.bucketName()).key(file.getKey()),
                            RequestBody.fromBytes(file.getValue()));
                    cloud.awaitIdle(IDLE);
                }
            }
            rebuild(cloud);
            sequential = StateDump.of(cloud, RUN_DEPENDENT);
            sequentialManifests = Manifests.read(cloud);
        }
        try (LocalCloud cloud = start(null, LocalCloud.EndpointRoute.DIRECT, List.of(Duration.ofMillis(50)))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try (S3Client s3 = cloud.s3Client()) {
                List<Future<?>> puts = new ArrayList<>();
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(cloud.bucketName()).key(file.getKey()),
                            RequestBody.fromBytes(file.getValue()))));
                }
                for (Future<?> put : puts) {
                    put.get();
                }
            } finally {
                pool.shutdown();
            }
            cloud.awaitIdle(IDLE);
            rebuild(cloud);
            Manifests manifests = Manifests.read(cloud);
            problems.addAll(manifests.check(files.keySet()));
            problems.addAll(manifests.differencesFrom(sequentialManifests));
            StateDump stormed = StateDump.of(cloud, RUN_DEPENDENT);
            profilesEqual(sequential, stormed, problems);
            deadLetters(cloud, problems);
            return new Result("storm", 0, 0, 0, files.size(), 0, 0,
                    stormed.unitsLost(sequential) + manifests.rowsLost(),
                    stormed.unitsDoubled(sequential) + manifests.rowsDoubled(), 0, problems);
        }
    }

    private static void profilesEqual(StateDump expected, StateDump actual, List<String> problems) {
        actual.profileDifferences(expected, 20).forEach(d -> problems.add("profiles differ from a sequential run: " + d));
    }

    private void rebuild(LocalCloud cloud) throws Exception {
        cloud.functions().invokeAsync("RebuildProfilesFunction",
                Files.readString(settings.home().resolve("events/scheduled-nightly.json")));
        cloud.awaitIdle(IDLE);
    }

    // ------------------------------------------------------------------ load

    /**
     * {@code loadClients} concurrent clients sending {@code loadRequests} requests across the read routes, then as
     * many malformed requests: no 5xx in either run; p99 of the well-formed run.
     */
    public Result load() throws Exception {
        try (LocalCloud cloud = start(null, LocalCloud.EndpointRoute.DIRECT, List.of(Duration.ofMillis(50)))) {
            traffic.runDay(cloud);
            List<String> customers = new ArrayList<>(StateDump.of(cloud, Set.of()).units().keySet());
            List<String> items = List.of("85123A", "71053", "84406B", "22752", "21730", "nope-item");
            LoadRun wellFormed = LoadRun.run(cloud, settings.loadClients(), settings.loadRequests(), i -> {
                String route = READ_ROUTES.get(i % READ_ROUTES.size());
                String id = route.startsWith("/items") ? items.get(i % items.size())
                        : customers.get((i * 31) % customers.size());
                return new LoadRun.Call("GET", String.format(route, id), null);
            });
            LoadRun malformed = LoadRun.run(cloud, settings.loadClients(), settings.loadRequests(),
                    MalformedRequests.generator(new Random(20261128)));
            List<String> problems = new ArrayList<>();
            problems.addAll(wellFormed.problems("well-formed"));
            problems.addAll(malformed.problems("malformed"));
            if (wellFormed.statusCounts().keySet().stream().anyMatch(s -> s != 200 && s != 404)) {
                problems.add("well-formed reads answered " + wellFormed.statusCounts());
            }
            return new Result("load", 0, 0, 0, 0, wellFormed.requests() + malformed.requests(),
                    wellFormed.serverErrors() + malformed.serverErrors(), 0, 0,
                    wellFormed.p99Millis(), problems);
        }
    }

    // ------------------------------------------------------------------ bad input

    /**
     * The cleaning corpus (malformed files of every kind) through the S3 trigger, and every route's invalid inputs
     * through the gateway: each file ends in a manifest that reconciles (or names its whole-file error), each
     * request in a 4xx with a JSON {@code error}; no dead letters, no 5xx. And every route needs the token.
     */
    public Result badInput() throws Exception {
        try (LocalCloud cloud = start(null, LocalCloud.EndpointRoute.DIRECT, List.of(Duration.ofMillis(50)))) {
            Map<String, byte[]> corpus = StormFiles.malformedCorpus();
            try (S3Client s3 = cloud.s3Client()) {
                corpus.forEach((key, bytes) -> s3.putObject(b -> b.bucket(cloud.bucketName()).key(key),
                        RequestBody.fromBytes(bytes)));
            }
            cloud.awaitIdle(IDLE);
            List<String> problems = new ArrayList<>();
            Manifests manifests = Manifests.read(cloud);
            problems.addAll(manifests.check(corpus.keySet()));
            long http5xx = 0;
            long requests = 0;
            String backOffice = cloud.tokens().backOffice();
            for (LoadRun.Call call : MalformedRequests.everyRoute()) {
                var response = ShopTraffic.exchange(cloud, call.method(), call.path(), call.body(), backOffice);
                requests++;
                if (response.statusCode() >= 500) {
                    http5xx++;
                }
                if (response.statusCode() < 400 || response.statusCode() >= 500
                        || !hasErrorField(response.body()) || response.body().contains("Exception")) {
                    problems.add(call.method() + " " + call.path() + " answered " + response.statusCode() + " "
                            + abbreviate(response.body()));
                }
            }
            requests += unauthorised(cloud, problems);
            deadLetters(cloud, problems);
            return new Result("bad input", 0, 0, 0, 0, requests, http5xx, manifests.rowsLost(),
                    manifests.rowsDoubled(), 0, problems);
        }
    }

    /**
     * Every route of the template without a token: 401, except the routes the template opens on purpose (the
     * dashboard's static page, which holds no data). A new open route must be added here deliberately. And every
     * back-office route with a storefront token (even a signed-in customer's): 403; the storefront routes let it in.
     */
    private static int unauthorised(LocalCloud cloud, List<String> problems) throws Exception {
        int sent = 0;
        String storefront = cloud.tokens().storefront("x");
        for (var function : cloud.functions().functions()) {
            for (var route : function.routes()) {
                String path = route.path().replaceAll("\\{[^}]+}", "x");
                String method = route.method().equals("ANY") ? "GET" : route.method();
                String body = method.equals("GET") ? null : "{}";
                int status = ShopTraffic.send(cloud, method, path, body, null);
                sent++;
                String name = route.method() + " " + route.path();
                boolean open = !route.authorized();
                if (open && !OPEN_ROUTES.contains(name)) {
                    problems.add(name + " is open (Authorizer: NONE) but not an expected open route");
                } else if (!open && status != 401) {
                    problems.add(name + " answered " + status + " without a token");
                }
                if (open) {
                    continue;
                }
                int asStorefront = ShopTraffic.send(cloud, method, path, body, storefront);
                sent++;
                boolean storefrontRoute = route.scopes().contains(Caller.STOREFRONT_SCOPE);
                if (!storefrontRoute && asStorefront != 403) {
                    problems.add(name + " (back office) answered " + asStorefront + " to a storefront token");
                } else if (storefrontRoute && (asStorefront == 401 || asStorefront == 403)) {
                    problems.add(name + " (storefront) refused a storefront token with " + asStorefront);
                }
            }
        }
        return sent;
    }

    private static boolean hasErrorField(String body) {
        try {
            return !JSON.readTree(body).path("error").asText().isBlank();
        } catch (IOException notJson) {
            return false;
        }
    }

    // ------------------------------------------------------------------ privacy

    /**
     * The day (including a Shopify export with customers' emails) with stderr captured: no object in the bucket, no
     * table item and no log line may contain a raw email address, except the shop's own addresses that its FAQ
     * publishes (the FAQ is copied to {@code clean/faq/} and into the assistant's index, where shoppers read them);
     * and after the day's erasures (a Shopify customer by {@code DELETE}, an Online Retail customer by a record from
     * before keyed records) no table item and no object outside {@code raw/} (the shop's own uploads, which are not
     * rewritten) names either customer, by id, email address or an unkeyed hash of the id.
     */
    public Result privacy() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        try (PrintStream tee = new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8)) {
            System.setErr(tee);
            try (LocalCloud cloud = start(null, LocalCloud.EndpointRoute.DIRECT, List.of(Duration.ofMillis(50)))) {
                traffic.runDay(cloud);
                try (S3Client s3 = cloud.s3Client()) {
                    Set<String> published = new java.util.HashSet<>();
                    s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName()).prefix(Layout.RAW_FAQ)).contents()
                            .forEach(o -> EMAIL.matcher(text(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName())
                                    .key(o.key())).asByteArray())).results().forEach(m -> published.add(m.group())));
                    s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName())).contents().forEach(o -> {
                        if (o.key().startsWith(Layout.RAW)) {
                            return; // the shop's own upload: ours to clean, not to rewrite
                        }
                        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName()).key(o.key())).asByteArray();
                        String text = text(bytes);
                        if (EMAIL.matcher(text).results().anyMatch(m -> !published.contains(m.group()))) {
                            problems.add("object " + o.key() + " holds an email address");
                        }
                        if (ERASED.matcher(o.key() + "\n" + text).find()) {
                            problems.add("object " + o.key() + " still names an erased customer");
                        }
                    });
                }
                StateDump.of(cloud, Set.of()).items().forEach((key, item) -> {
                    if (EMAIL.matcher(item).find()) {
                        problems.add("item " + key + " holds an email address");
                    }
                    if (ERASED.matcher(key + "\n" + item).find()) {
                        problems.add("item " + key + " still names an erased customer");
                    }
                });
            }
        } finally {
            System.setErr(original);
        }
        captured.toString(StandardCharsets.UTF_8).lines().filter(line -> EMAIL.matcher(line).find())
                .limit(5).forEach(line -> problems.add("log line holds an email address: " + abbreviate(line)));
        return new Result("privacy", 0, 0, 0, 0, 0, 0, 0, 0, 0, problems);
    }

    private static String text(byte[] bytes) {
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException corrupt) {
                return "";
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ least privilege

    /**
     * Two days, every read route and the assistant, with each function's S3 and DynamoDB traffic going through its
     * own recording proxy: every request must be one the function's template policies allow (the local cloud does
     * not enforce IAM, so a missing grant would first show in AWS), and every action on every resource the policies
     * grant must have been used (a grant nobody uses is a wider blast radius for nothing). The first write of each
     * profile writer is answered as a lost race, so the re-read that follows a lost race is exercised too. The two
     * days run again past the Spark threshold, so the hand-off and the loader use their grants (their StartJobRun
     * and PassRole go through the same proxies).
     */
    public Result leastPrivilege() throws Exception {
        Map<String, Set<IamAccess>> used = new ConcurrentHashMap<>();
        List<FaultProxy> proxies = new ArrayList<>();
        String profiles = template().tables().stream().filter(t -> t.logicalId().equals("ProfilesTable"))
                .findFirst().orElseThrow().name();
        LocalCloud.EndpointRoute route = (function, service, endpoint) -> {
            Set<IamAccess> accesses = used.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet());
            FaultProxy proxy = FaultProxy.recording(endpoint,
                    FaultPlan.nth(r -> r.isDynamoDb("PutItem") && profiles.equals(r.table()), 1, 1,
                            Fault.DYNAMODB_CONDITION_FAILED),
                    (request, status) -> accesses.addAll(
                            IamAccess.of(request, status, StackTemplate.LOCAL_REGION, StackTemplate.LOCAL_ACCOUNT)));
            proxies.add(proxy);
            return proxy.endpoint();
        };
        List<String> problems = new ArrayList<>();
        try {
            try (LocalCloud cloud = start(null, route, List.of(Duration.ofMillis(50)))) {
                traffic.runDay(cloud);
                for (Trigger trigger : traffic.nextDay()) {
                    int status = trigger.delivery().deliver(cloud);
                    if (status != 0 && status / 100 != 2) {
                        throw new IllegalStateException(trigger.name() + " answered " + status);
                    }
                    cloud.awaitIdle(IDLE);
                }
                String customer = StateDump.of(cloud, Set.of()).units().keySet().iterator().next();
                for (Map<String, String> ask : List.of(Map.of("question", "Where is my order?", "userId", customer),
                        Map.of("question", "Is there a loyalty programme?"))) { // an order, and an FAQ gap it keeps
                    // The customer's own storefront token, so the order question really reads their events.
                    expectOk(problems, "POST /assistant/ask " + ask, ShopTraffic.send(cloud, "POST",
                            "/assistant/ask", JSON.writeValueAsString(ask), cloud.tokens().storefront(customer)));
                }
                for (String read : READ_ROUTES) {
                    String path = String.format(read, read.startsWith("/items") ? "85123A" : customer);
                    expectOk(problems, "GET " + path, ShopTraffic.send(cloud, "GET", path, null,
                            cloud.tokens().backOffice()));
                }
                cloud.awaitIdle(IDLE);
                deadLetters(cloud, problems);
            }
            // The same days past the Spark thresholds (a second cloud, after the first: one dynalite per JVM at a
            // time): the nightly jobs hand off (the ledger's totals read, StartJobRun with its PassRole, the run
            // recorded), so does clean-upload for the Online Retail slice (72 KB; the other uploads are smaller or
            // stay on the Lambda), and load-spark-results writes the runs' outputs and the upload's manifest and
            // ledger entry, grants used only there.
            try (LocalCloud handing = start(null, route, List.of(Duration.ofMillis(50)),
                    Map.of("SparkRowsThreshold", "0", "SparkUploadBytesThreshold", "50000"))) {
                traffic.runDay(handing);
                for (Trigger trigger : traffic.nextDay()) {
                    trigger.delivery().deliver(handing);
                    handing.awaitIdle(IDLE);
                }
                // A handed-off rebuild asked for the day after the last one (a manual rerun's detail.asOf; the
                // hand-off dates a run by the uploads, which the next day's live events do not move): its loader
                // measures movement against the previous dated summary, a read only a later date reaches.
                handing.functions().invoke("RebuildProfilesFunction", traffic.nightlyAsOf(
                        latestHandedOffProfiles(handing).plusDays(1)));
                handing.awaitIdle(IDLE);
                deadLetters(handing, problems);
            }
            for (FunctionSpec function : template().functions()) {
                PolicyAudit.findings(function.logicalId(), function.policies(),
                        used.getOrDefault(function.logicalId(), Set.of())).forEach(problems::add);
            }
            return new Result("least privilege", 0, 0, 0, 0, 0, 0, 0, 0, 0, problems);
        } finally {
            closeAll(proxies);
        }
    }

    /** The date of the latest handed-off profile rebuild, from the run records the hand-off keeps. */
    private static java.time.LocalDate latestHandedOffProfiles(LocalCloud cloud) throws IOException {
        java.time.LocalDate latest = null;
        try (S3Client s3 = cloud.s3Client()) {
            for (var object : s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName())
                    .prefix(io.shopsense.pipeline.Layout.SPARK_RUNS)).contents()) {
                io.shopsense.pipeline.SparkHandOff.RunRecord run = io.shopsense.store.Json.read(s3.getObjectAsBytes(
                        b -> b.bucket(cloud.bucketName()).key(object.key())).asUtf8String(),
                        io.shopsense.pipeline.SparkHandOff.RunRecord.class);
                if (io.shopsense.pipeline.SparkHandOff.Job.PROFILES.code().equals(run.job())
                        && (latest == null || run.asOf().isAfter(latest))) {
                    latest = run.asOf();
                }
            }
        }
        if (latest == null) {
            throw new IllegalStateException("no handed-off profile rebuild was recorded");
        }
        return latest;
    }

    private static void expectOk(List<String> problems, String call, int status) {
        if (status != 200) {
            problems.add(call + " answered " + status);
        }
    }

    // ------------------------------------------------------------------ shared

    private static void closeAll(Collection<FaultProxy> proxies) throws IOException {
        for (FaultProxy proxy : proxies) {
            proxy.close();
        }
    }

    /** The template as the suite's clouds are started from it. */
    private StackTemplate template() throws IOException {
        return StackTemplate.load(settings.home().resolve("template.yaml"), STACK_NAME, Map.of());
    }

    private LocalCloud start(Path state, LocalCloud.EndpointRoute route, List<Duration> retryDelays) throws Exception {
        return start(state, route, retryDelays, Map.of());
    }

    /** A cloud with template parameters overridden (e.g. a Spark threshold lowered). */
    private LocalCloud start(Path state, LocalCloud.EndpointRoute route, List<Duration> retryDelays,
                             Map<String, String> parameters) throws Exception {
        return LocalCloud.start(LocalCloud.Options.builder(settings.home().resolve("template.yaml"))
                .stackName(STACK_NAME).parameters(parameters).stateDirectory(state).cacheDirectory(settings.cache())
                .retryDelays(retryDelays).functionEndpoints(route).build());
    }

    private static void deadLetters(LocalCloud cloud, List<String> problems) {
        cloud.functions().deadLetters().all().forEach(letter -> problems.add("dead letter from " + letter.function()
                + ": " + letter.errorType() + ": " + abbreviate(letter.errorMessage())));
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 240 ? String.valueOf(text) : text.substring(0, 240) + "…";
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Writes to two streams: stderr as usual, and a copy the privacy scan reads. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }

    /** Every manifest of a cloud, read once. */
    record Manifests(Map<String, List<JsonNode>> byInput, Map<String, Long> rejectLines) {
        static Manifests read(LocalCloud cloud) throws IOException {
            Map<String, List<JsonNode>> byInput = new LinkedHashMap<>();
            Map<String, Long> rejectLines = new LinkedHashMap<>();
            try (S3Client s3 = cloud.s3Client()) {
                for (var object : s3.listObjectsV2Paginator(b -> b.bucket(cloud.bucketName())).contents()) {
                    String key = object.key();
                    if (key.startsWith(Layout.MANIFESTS) && key.endsWith(".json") && !key.startsWith(Layout.ERASURES)) {
                        JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName())
                                .key(key)).asByteArray());
                        byInput.computeIfAbsent(manifest.path("input").asText(), k -> new ArrayList<>()).add(manifest);
                    } else if (key.startsWith(Layout.REJECTS)) {
                        String sourceId = key.substring(key.lastIndexOf('/') + 1).replace(".jsonl", "");
                        rejectLines.put(sourceId, new String(s3.getObjectAsBytes(b -> b.bucket(cloud.bucketName())
                                .key(key)).asByteArray(), StandardCharsets.UTF_8).lines().count());
                    }
                }
            }
            return new Manifests(byInput, rejectLines);
        }

        /** Each input cleaned exactly once; counts reconcile; every rejected row kept; failures say why. */
        List<String> check(Set<String> inputs) {
            List<String> problems = new ArrayList<>();
            for (String input : inputs) {
                if (input.startsWith(Layout.RAW_FAQ)) {
                    continue;
                }
                List<JsonNode> found = byInput.getOrDefault(input, List.of());
                if (found.size() != 1) {
                    problems.add(input + " has " + found.size() + " manifests");
                    continue;
                }
                JsonNode report = found.get(0).path("report");
                long in = report.path("rowsIn").asLong();
                long clean = report.path("rowsClean").asLong();
                long rejected = report.path("rowsRejected").asLong();
                long erased = report.path("rowsErased").asLong();
                long held = report.path("rowsHeld").asLong(); // Taobao item rows waiting for their order
                if (in != clean + rejected + erased + held) {
                    problems.add(input + ": rowsIn " + in + " != rowsClean " + clean + " + rowsRejected " + rejected
                            + " + rowsErased " + erased + " + rowsHeld " + held);
                }
                boolean ok = "ok".equals(report.path("status").asText());
                if (!ok && report.path("errorCode").asText().isBlank()) {
                    problems.add(input + ": failed without an error code");
                }
                long kept = rejectLines.getOrDefault(report.path("sourceId").asText(), 0L);
                if (ok && kept != rejected) {
                    problems.add(input + ": " + rejected + " rows rejected but " + kept + " kept in rejects/");
                }
            }
            return problems;
        }

        /**
         * Whether all uploads together kept as many clean rows as another run's. Which of two uploads sharing rows
         * keeps them depends on arrival order; the total may not.
         */
        List<String> differencesFrom(Manifests other) {
            long mine = rowsClean();
            long theirs = other.rowsClean();
            return mine == theirs ? List.of()
                    : List.of("the uploads kept " + mine + " clean rows together, " + theirs + " in the other run");
        }

        private long rowsClean() {
            return byInput.values().stream().flatMap(List::stream)
                    .mapToLong(m -> m.path("report").path("rowsClean").asLong()).sum();
        }

        long rowsLost() {
            return byInput.values().stream().flatMap(List::stream).map(m -> m.path("report"))
                    .mapToLong(r -> Math.max(0, r.path("rowsIn").asLong() - r.path("rowsClean").asLong()
                            - r.path("rowsRejected").asLong() - r.path("rowsErased").asLong()
                            - r.path("rowsHeld").asLong())).sum();
        }

        long rowsDoubled() {
            return byInput.values().stream().flatMap(List::stream).map(m -> m.path("report"))
                    .mapToLong(r -> Math.max(0, r.path("rowsClean").asLong() + r.path("rowsRejected").asLong()
                            + r.path("rowsErased").asLong() + r.path("rowsHeld").asLong()
                            - r.path("rowsIn").asLong())).sum();
        }
    }
}
