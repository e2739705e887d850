package io.shopsense.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.shopsense.http.Caller;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.cloud.FunctionLogs;
import io.shopsense.pipeline.UnansweredLog;
import io.shopsense.telemetry.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code template.yaml} honest as functions are added: handlers exist, jars are built by modules, every
 * environment variable the code reads is set, policies name only declared resources with no wildcard actions, and
 * S3 triggers follow the bucket layout of docs/architecture.md §3. (Users with the SAM CLI should also run sam validate --lint.)
 */
class ProjectTemplateTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern ENV_READ = Pattern.compile("(?:require|optional|getOrDefault)\\(\"([A-Z][A-Z0-9_]+)\"");
    private static final Pattern METHOD = Pattern.compile(
            "^    (?:public |private |protected )?(?:static )?(?:synchronized )?[\\w.<>, ]+ (\\w+)\\(", Pattern.MULTILINE);
    private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");
    private static final Set<String> LAYOUT_PREFIXES = Set.of("raw/", "clean/", "rejects/", "manifests/", "models/",
            "reports/");
    private static StackTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = StackTemplate.load(ROOT.resolve("template.yaml"), "shopsense", Map.of());
    }

    @Test
    void storage_isWhatDesignSection3Declares() {
        assertThat(template.buckets()).extracting(Specs.BucketSpec::name).containsExactly("shopsense-data-000000000000");
        assertThat(template.tables()).extracting(t -> t.logicalId() + ":" + keys(t.keys()))
                .containsExactlyInAnyOrder("ProfilesTable:userId", "RecommendationsTable:userId",
                        "SimilarItemsTable:itemId", "ItemsTable:itemId", "AdPlansTable:campaignId,date",
                        "IngestionsTable:sourceId");
        Specs.TableSpec profiles = template.tables().stream().filter(t -> t.logicalId().equals("ProfilesTable"))
                .findFirst().orElseThrow();
        assertThat(profiles.indexes()).singleElement().satisfies(i -> assertThat(keys(i.keys())).isEqualTo("segment,clv"));
        assertThat(template.tables().stream().filter(t -> t.logicalId().equals("IngestionsTable")).findFirst()
                .orElseThrow().ttlAttribute()).contains("expiresAt");
    }

    @Test
    void everyTableIsOnDemandWithPointInTimeRecovery_andTheBucketIsEncryptedAndPrivate() {
        for (Specs.TableSpec table : template.tables()) {
            Map<String, Object> props = template.properties(table.logicalId());
            assertThat(props.get("BillingMode")).as(table.logicalId()).isEqualTo("PAY_PER_REQUEST");
            assertThat(String.valueOf(props.get("PointInTimeRecoverySpecification"))).as(table.logicalId())
                    .contains("PointInTimeRecoveryEnabled=true");
        }
        Map<String, Object> bucket = template.properties("DataBucket");
        assertThat(String.valueOf(bucket.get("BucketEncryption"))).contains("SSEAlgorithm=AES256");
        assertThat(String.valueOf(bucket.get("PublicAccessBlockConfiguration")))
                .contains("BlockPublicAcls=true", "BlockPublicPolicy=true", "IgnorePublicAcls=true",
                        "RestrictPublicBuckets=true");
        // Shoppers' unanswered questions are not kept forever; abandoned multipart parts are cleared.
        assertThat(String.valueOf(bucket.get("LifecycleConfiguration")))
                .contains("Prefix=" + UnansweredLog.PREFIX + ", ExpirationInDays=400")
                .contains("AbortIncompleteMultipartUpload={DaysAfterInitiation=7}");
    }

    @Test
    void tablesRefuseDeletion_andOldObjectVersionsExpire() {
        for (Specs.TableSpec table : template.tables()) {
            assertThat(template.properties(table.logicalId()).get("DeletionProtectionEnabled")).as(table.logicalId())
                    .isEqualTo("true");
        }
        // No prefix: the rule covers the whole bucket, so no overwritten or erased row outlives it.
        assertThat(String.valueOf(template.properties("DataBucket").get("LifecycleConfiguration")))
                .contains("{Id=ExpireNoncurrentVersions, Status=Enabled, NoncurrentVersionExpiration={NoncurrentDays=7}");
    }

    @Test
    void apiThrottlesEveryRoute_andLogsEachRequestWithoutItsPath() {
        Map<String, Object> api = template.properties("HttpApi");
        assertThat(String.valueOf(api.get("DefaultRouteSettings")))
                .contains("ThrottlingRateLimit=50", "ThrottlingBurstLimit=100");
        String accessLog = String.valueOf(api.get("AccessLogSettings"));
        assertThat(accessLog).contains("$context.requestId", "$context.routeKey", "$context.status")
                .doesNotContain("$context.path", "$context.identity.sourceIp", "header");
        assertThat(template.resourceTypes()).containsEntry("ApiAccessLogGroup", "AWS::Logs::LogGroup");
    }

    @Test
    void aCustomerManagedKey_encryptsBucketTablesQueueAndLogs_andEveryFunctionRoleMayUseIt() {
        String key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        StackTemplate withKey = load(Map.of("CustomerKmsKeyArn", key));
        assertThat(String.valueOf(withKey.properties("DataBucket").get("BucketEncryption")))
                .contains("SSEAlgorithm=aws:kms", "KMSMasterKeyID=" + key);
        for (Specs.TableSpec table : withKey.tables()) {
            assertThat(String.valueOf(withKey.properties(table.logicalId()).get("SSESpecification")))
                    .as(table.logicalId()).contains("SSEType=KMS", "KMSMasterKeyId=" + key);
        }
        assertThat(withKey.properties("DeadLetterQueue")).containsEntry("KmsMasterKeyId", key)
                .doesNotContainKey("SqsManagedSseEnabled");
        withKey.resourceTypes().forEach((id, type) -> {
            if (type.equals("AWS::Logs::LogGroup")) {
                assertThat(withKey.properties(id)).as(id).containsEntry("KmsKeyId", key);
            }
        });
        String roles = String.valueOf(withKey.properties("CustomerKeyUsePolicy").get("Roles"));
        for (FunctionSpec function : withKey.functions()) {
            boolean asynchronous = function.s3Triggers().size() + function.schedules().size()
                    + function.eventRules().size() > 0;
            if (asynchronous || !function.policies().isEmpty()) {
                assertThat(roles).as(function.logicalId()).contains(function.logicalId() + "Role");
            }
        }
        // Without the parameter nothing names a key: AWS-owned keys, as before.
        assertThat(String.valueOf(template.properties("DataBucket").get("BucketEncryption"))).doesNotContain("kms");
        assertThat(template.properties("DeadLetterQueue")).doesNotContainKey("KmsMasterKeyId");
    }

    @Test
    void apiRequiresAnAuthoriser_andFailedAsyncInvocationsHaveADeadLetterQueue() {
        assertThat(String.valueOf(template.properties("HttpApi").get("Auth"))).contains("DefaultAuthorizer=JwtAuthorizer");
        StackTemplate iam = load(Map.of("ApiAuthMode", "IAM"));
        assertThat(String.valueOf(iam.properties("HttpApi").get("Auth"))).contains("DefaultAuthorizer=AWS_IAM");
        assertThat(String.valueOf(template.globals("Function").get("DeadLetterQueue"))).contains("DeadLetterQueue");
        assertThat(template.resourceTypes()).containsEntry("DeadLetterQueue", "AWS::SQS::Queue");
    }

    /** The storefront's routes; every other authorised route is the back office's. */
    private static final Set<String> STOREFRONT_ROUTES = Set.of("GET /users/{id}/recommendations",
            "GET /items/{id}/similar", "POST /events", "POST /assistant/ask");

    @Test
    void everyAuthorisedRoute_hasScopes_storefrontRoutesAdmitBothCallers_theRestTheBackOfficeOnly() {
        Set<String> seen = new TreeSet<>();
        for (FunctionSpec function : template.functions()) {
            for (Specs.HttpRoute route : function.routes()) {
                String name = route.method() + " " + route.path();
                if (!route.authorized()) {
                    assertThat(route.scopes()).as(name).isEmpty();
                    continue;
                }
                seen.add(name);
                assertThat(route.scopes()).as(name).containsExactlyInAnyOrderElementsOf(STOREFRONT_ROUTES.contains(name)
                        ? List.of(Caller.STOREFRONT_SCOPE, Caller.BACK_OFFICE_SCOPE) : List.of(Caller.BACK_OFFICE_SCOPE));
            }
        }
        assertThat(seen).containsAll(STOREFRONT_ROUTES).contains("DELETE /users/{id}", "GET /segments/{name}");
        assertThat(template.jwtAuthorizer()).hasValueSatisfying(jwt -> {
            assertThat(jwt.issuer()).isEqualTo(template.parameters().get("JwtIssuer"));
            assertThat(jwt.audiences()).containsExactly(template.parameters().get("JwtAudience"));
        });
        assertThat(load(Map.of("ApiAuthMode", "IAM")).jwtAuthorizer()).isEmpty();
    }

    @Test
    void everyHandlerClassExists_andIsALambdaHandler() throws Exception {
        for (FunctionSpec function : template.functions()) {
            String className = function.handler().split("::")[0];
            Class<?> handler = Class.forName(className);
            assertThat(RequestHandler.class.isAssignableFrom(handler)
                    || RequestStreamHandler.class.isAssignableFrom(handler)).as(className).isTrue();
            assertThat(handler.getConstructor()).as(className + " needs a public no-argument constructor").isNotNull();
        }
    }

    @Test
    void everyCodeUriIsTheShadedJarOfAModuleInTheBuild() throws IOException {
        String parentPom = Files.readString(ROOT.resolve("pom.xml"));
        for (FunctionSpec function : template.functions()) {
            Path jar = Path.of(function.codeUri());
            assertThat(jar.getNameCount()).as(function.codeUri()).isEqualTo(4);
            assertThat(jar.getName(0).toString()).isEqualTo("functions");
            assertThat(jar.getName(2).toString()).isEqualTo("target");
            Path module = ROOT.resolve(jar.getName(0)).resolve(jar.getName(1));
            assertThat(parentPom).contains("<module>functions/" + jar.getName(1) + "</module>");
            Matcher finalName = FINAL_NAME.matcher(Files.readString(module.resolve("pom.xml")));
            assertThat(finalName.find()).as(module + " sets its jar name").isTrue();
            assertThat(finalName.group(1) + ".jar").isEqualTo(jar.getFileName().toString());
        }
    }

    @Test
    void everyEnvironmentVariableTheCodeReads_isSetForTheFunctionsThatRunIt() throws IOException {
        Path wiringFile = ROOT.resolve("shared/src/main/java/io/shopsense/pipeline/Wiring.java");
        Set<String> sharedReads = variablesRead(ROOT.resolve("shared/src/main/java"), wiringFile);
        Map<String, String> wiring = methodBodies(Files.readString(wiringFile));
        for (FunctionSpec function : template.functions()) {
            Path module = ROOT.resolve(Path.of(function.codeUri()).subpath(0, 2));
            Set<String> reads = new TreeSet<>(sharedReads);
            reads.addAll(variablesRead(module.resolve("src/main/java"), null));
            reads.addAll(wiringReads(wiring, callersOfWiring(module.resolve("src/main/java"), wiringFile)));
            reads.removeIf(name -> name.startsWith("AWS_")); // set by the Lambda runtime itself
            assertThat(function.environment().keySet()).as(function.logicalId()).containsAll(reads);
        }
    }

    @Test
    void policies_nameOnlyDeclaredResources_withNoWildcardActions() {
        Set<String> declared = new TreeSet<>();
        template.buckets().forEach(b -> declared.add(b.name()));
        template.tables().forEach(t -> declared.add(t.name()));
        template.secrets().forEach(s -> declared.add(s.arn()));
        // the Spark hand-off's application (StartJobRun) and job role (PassRole), by their logical ids
        template.resourceTypes().forEach((id, type) -> {
            if (type.equals("AWS::EMRServerless::Application") || type.equals("AWS::IAM::Role")) {
                declared.add(id);
            }
        });
        for (FunctionSpec function : template.functions()) {
            for (Object policy : function.policies()) {
                assertThat(policy).as(function.logicalId() + " policy").isInstanceOf(Map.class);
                Map<?, ?> map = (Map<?, ?>) policy;
                if (map.containsKey("Statement")) {
                    for (Object statement : (List<?>) map.get("Statement")) {
                        Map<?, ?> s = (Map<?, ?>) statement;
                        for (Object action : asList(s.get("Action"))) {
                            assertThat(String.valueOf(action)).as(function.logicalId() + " action").doesNotContain("*");
                        }
                        for (Object resource : asList(s.get("Resource"))) {
                            assertThat(declared).as(function.logicalId() + " resource " + resource)
                                    .anyMatch(name -> String.valueOf(resource).contains(name));
                        }
                    }
                } else {
                    // A SAM policy template: every parameter names a declared bucket, table or queue.
                    map.values().forEach(parameters -> ((Map<?, ?>) parameters).values().forEach(value ->
                            assertThat(declared).as(function.logicalId() + " " + value)
                                    .contains(String.valueOf(value).replaceAll("^.*[:/]", ""))));
                }
            }
        }
    }

    @Test
    void s3Triggers_followTheBucketLayout() {
        for (FunctionSpec function : template.functions()) {
            for (Specs.S3Trigger trigger : function.s3Triggers()) {
                assertThat(trigger.bucket()).isEqualTo("shopsense-data-000000000000");
                assertThat(LAYOUT_PREFIXES).as(function.logicalId() + " prefix " + trigger.prefix())
                        .anyMatch(trigger.prefix()::startsWith);
                assertThat(trigger.events()).allMatch(e -> e.startsWith("s3:ObjectCreated:"));
            }
        }
    }

    private static StackTemplate load(Map<String, String> parameters) {
        try {
            return StackTemplate.load(ROOT.resolve("template.yaml"), "shopsense", parameters);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Variables read in {@code sources}, leaving out {@code except} (the composition root, counted per accessor). */
    private static Set<String> variablesRead(Path sources, Path except) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.equals(except)).toList()) {
                names.addAll(variablesIn(Files.readString(file)));
            }
        }
        return names;
    }

    private static Set<String> variablesIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = ENV_READ.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String sourcesOf(Path sources) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }

    /** The function's own sources, and every shared class it names that is handed the wiring (AdPlanning, …). */
    private static String callersOfWiring(Path moduleSources, Path wiringFile) throws IOException {
        String own = sourcesOf(moduleSources);
        StringBuilder callers = new StringBuilder(own);
        try (Stream<Path> files = Files.walk(ROOT.resolve("shared/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.equals(wiringFile)).toList()) {
                String text = Files.readString(file);
                String className = file.getFileName().toString().replace(".java", "");
                if (text.contains("Wiring wiring") && own.contains(className + ".")) {
                    callers.append(text).append('\n');
                }
            }
        }
        return callers.toString();
    }

    /** Each method of the composition root by name, with its body (up to the next method). */
    private static Map<String, String> methodBodies(String wiring) {
        Matcher declaration = METHOD.matcher(wiring);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (declaration.find()) {
            starts.add(new int[] {declaration.start()});
            names.add(declaration.group(1));
        }
        Map<String, String> bodies = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < names.size() ? starts.get(i + 1)[0] : wiring.length();
            bodies.merge(names.get(i), wiring.substring(starts.get(i)[0], end), String::concat);
        }
        return bodies;
    }

    /**
     * The variables a function reads through the composition root: those of every {@code Wiring} method its code
     * calls, and of the methods those call in turn. A variable one function's accessor reads (optimize-ads' budget,
     * the assistant's contact) is so required of that function alone.
     */
    private static Set<String> wiringReads(Map<String, String> wiring, String callerSources) {
        java.util.Deque<String> pending = new java.util.ArrayDeque<>();
        Set<String> reached = new TreeSet<>();
        wiring.keySet().stream().filter(m -> callerSources.contains("." + m + "(")).forEach(pending::add);
        pending.add("fromEnv");
        while (!pending.isEmpty()) {
            String method = pending.pop();
            if (reached.add(method)) {
                String body = wiring.get(method);
                wiring.keySet().stream().filter(m -> !reached.contains(m) && Pattern.compile("\\b" + m + "\\(")
                        .matcher(body.substring(body.indexOf('('))).find()).forEach(pending::add);
            }
        }
        Set<String> names = new TreeSet<>();
        reached.forEach(m -> names.addAll(variablesIn(wiring.get(m))));
        return names;
    }

    private static List<Object> asList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }

    private static String keys(List<Specs.KeyAttribute> keys) {
        return String.join(",", keys.stream().map(Specs.KeyAttribute::name).toList());
    }

    // ---------------------------------------------------------------- operations (issue 18)
    private static final Pattern FOR_FUNCTION = Pattern.compile("Telemetry\\.forFunction\\(\"([^\"]+)\"\\)");
    private static final Set<String> AWS_ALARM_NAMESPACES = Set.of("AWS/SQS", "AWS/Lambda");

    /** Each function's handler source, by the short name its outcome records (and local log file) carry. */
    private static Map<String, String> handlerSources() throws IOException {
        Map<String, String> sources = new java.util.TreeMap<>();
        for (FunctionSpec function : template.functions()) {
            Path module = ROOT.resolve(Path.of(function.codeUri()).subpath(0, 2));
            String className = function.handler().split("::")[0];
            String source = Files.readString(module.resolve("src/main/java")
                    .resolve(className.replace('.', '/') + ".java"));
            Matcher named = FOR_FUNCTION.matcher(source);
            assertThat(named.find()).as(function.logicalId() + " writes outcome records (Telemetry.forFunction)")
                    .isTrue();
            assertThat(named.group(1)).as(function.logicalId() + ": records and the local log file share a name")
                    .isEqualTo(FunctionLogs.shortName(function.logicalId()));
            sources.put(named.group(1), source);
        }
        return sources;
    }

    private static List<Object> listOrNone(Object value) {
        return value == null ? List.of() : asList(value);
    }

    @Test
    void everyAlarm_namesAMetricThatAFunctionReallyEmits_andNotifiesTheAlarmTopic() throws IOException {
        Map<String, String> sources = handlerSources();
        List<String> alarms = template.resourceTypes().entrySet().stream()
                .filter(e -> e.getValue().equals("AWS::CloudWatch::Alarm")).map(Map.Entry::getKey).toList();
        assertThat(alarms).isNotEmpty();
        for (String alarm : alarms) {
            Map<String, Object> props = template.properties(alarm);
            assertThat(asList(props.get("AlarmActions"))).as(alarm + " actions").hasSize(1);
            List<Map<?, ?>> metrics = new ArrayList<>();
            if (props.containsKey("MetricName")) {
                metrics.add(props);
            }
            for (Object query : listOrNone(props.get("Metrics"))) {
                Object stat = ((Map<?, ?>) query).get("MetricStat");
                if (stat != null) {
                    metrics.add((Map<?, ?>) ((Map<?, ?>) stat).get("Metric"));
                }
            }
            assertThat(metrics).as(alarm + " watches a metric").isNotEmpty();
            for (Map<?, ?> watched : metrics) {
                String namespace = String.valueOf(watched.get("Namespace"));
                String name = String.valueOf(watched.get("MetricName"));
                Map<String, String> dimensions = new java.util.TreeMap<>();
                listOrNone(watched.get("Dimensions")).forEach(d -> dimensions.put(String.valueOf(((Map<?, ?>) d).get("Name")),
                        String.valueOf(((Map<?, ?>) d).get("Value"))));
                if (!namespace.equals(Metric.NAMESPACE)) {
                    assertThat(AWS_ALARM_NAMESPACES).as(alarm + " namespace").contains(namespace);
                    continue;
                }
                Metric metric = java.util.Arrays.stream(Metric.values()).filter(m -> m.metricName().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError(alarm + ": no function emits " + name));
                assertThat(metric.scope().dimensionSets()).as(alarm + " dimensions of " + name)
                        .contains(List.copyOf(dimensions.keySet()).stream().sorted(java.util.Comparator.comparingInt(
                                d -> List.of(Metric.SERVICE, Metric.FUNCTION, Metric.ROUTE, Metric.REASON).indexOf(d)))
                                .toList());
                assertThat(dimensions.get(Metric.SERVICE)).as(alarm + " service").isEqualTo("shopsense");
                String function = dimensions.get(Metric.FUNCTION);
                if (function != null) {
                    assertThat(sources).as(alarm + ": a function named " + function).containsKey(function);
                }
                List<String> emitters = (function == null ? sources.values() : List.of(sources.get(function)))
                        .stream().filter(source -> metric.writtenByTheRuntime()
                                && (metric.scope() != Metric.Scope.ROUTE || source.contains("ApiResponses.handle("))
                                || source.contains("Metric." + metric.name())).toList();
                assertThat(emitters).as(alarm + ": " + (function == null ? "some function" : function) + " emits "
                        + name).isNotEmpty();
            }
        }
    }

    @Test
    void theOperationsDashboard_showsOnlyMetricsTheFunctionsEmit() throws IOException {
        Object body = template.properties("OperationsDashboard").get("DashboardBody");
        com.fasterxml.jackson.databind.JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(String.valueOf(body));
        Set<String> known = new TreeSet<>();
        for (Metric metric : Metric.values()) {
            known.add(metric.metricName());
        }
        Set<String> shown = new TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode widget : dashboard.path("widgets")) {
            for (com.fasterxml.jackson.databind.JsonNode line : widget.path("properties").path("metrics")) {
                if (line.isArray() && line.path(0).asText().equals(Metric.NAMESPACE)) {
                    shown.add(line.path(1).asText());
                }
                Matcher searched = Pattern.compile("MetricName=\"([^\"]+)\"").matcher(line.path(0)
                        .path("expression").asText(""));
                while (searched.find()) {
                    shown.add(searched.group(1));
                }
            }
        }
        assertThat(shown).isNotEmpty();
        assertThat(known).containsAll(shown);
    }

    @Test
    void functions_publishAnAliasWithASnapStartSnapshot_whereLambdaAllowsIt() {
        Map<String, Object> globals = template.globals("Function");
        assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
        assertThat(((Map<?, ?>) globals.get("SnapStart")).get("ApplyOn")).isEqualTo("PublishedVersions");
        for (FunctionSpec function : template.functions()) {
            Map<String, Object> props = template.properties(function.logicalId());
            Object storage = props.get("EphemeralStorage");
            int storageMb = storage == null ? 512 : Integer.parseInt(String.valueOf(((Map<?, ?>) storage).get("Size")));
            Object own = props.get("SnapStart");
            String applyOn = own == null ? "PublishedVersions" : String.valueOf(((Map<?, ?>) own).get("ApplyOn"));
            // SnapStart refuses ephemeral storage above 512 MB: such a function must opt out or the deploy fails.
            assertThat(applyOn).as(function.logicalId()).isEqualTo(storageMb > 512 ? "None" : "PublishedVersions");
        }
    }

    // ---------------------------------------------------------------- Spark on EMR Serverless (issue 19)
    @Test
    void sparkApplication_isArm64_startsAndStopsItself_withTheCapacityParameters() {
        assertThat(template.resourceTypes()).containsEntry("SparkJobsApplication", "AWS::EMRServerless::Application")
                .containsEntry("SparkJobRole", "AWS::IAM::Role");
        Map<String, Object> application = template.properties("SparkJobsApplication");
        assertThat(application).containsEntry("Architecture", "ARM64").containsEntry("Type", "SPARK");
        assertThat(String.valueOf(application.get("ReleaseLabel"))).startsWith("emr-7.");
        assertThat(String.valueOf(application.get("AutoStartConfiguration"))).contains("Enabled=true");
        assertThat(String.valueOf(application.get("AutoStopConfiguration")))
                .contains("Enabled=true", "IdleTimeoutMinutes=15");
        assertThat(String.valueOf(application.get("MaximumCapacity"))).contains("Cpu=16 vCPU", "Memory=64 GB");
    }

    @Test
    void sparkJobRole_readsCleanRowsTheJarAndUploads_writesUnderSparkAndWhereCleanUploadWrites_andOnlyEmrServerlessMayTakeIt() {
        Map<String, Object> role = template.properties("SparkJobRole");
        assertThat(String.valueOf(role.get("AssumeRolePolicyDocument")))
                .contains("Service=emr-serverless.amazonaws.com", "aws:SourceAccount");
        String bucket = "arn:aws:s3:::shopsense-data-000000000000";
        List<String> grants = new ArrayList<>();
        for (Object policy : (List<?>) role.get("Policies")) {
            Map<?, ?> document = (Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument");
            for (Object statement : (List<?>) document.get("Statement")) {
                Map<?, ?> s = (Map<?, ?>) statement;
                for (Object action : asList(s.get("Action"))) {
                    for (Object resource : asList(s.get("Resource"))) {
                        grants.add(action + " " + resource);
                    }
                }
            }
        }
        assertThat(grants).containsExactlyInAnyOrder("s3:ListBucket " + bucket,
                "s3:GetObject " + bucket + "/jobs/shopsense-jobs-emr.jar", "s3:GetObject " + bucket + "/clean/*",
                "s3:PutObject " + bucket + "/spark/*", "s3:DeleteObject " + bucket + "/spark/*",
                // the clean job: the upload, its inputs, and the objects clean-upload would write (never a manifest
                // or an erasure record: the loader publishes the manifest), the shop secret for erased customers
                "s3:GetObject " + bucket + "/raw/*", "s3:GetObject " + bucket + "/spark/clean/*",
                "s3:PutObject " + bucket + "/clean/*", "s3:PutObject " + bucket + "/rejects/*",
                "s3:PutObject " + bucket + "/manifests/*.eventids",
                "secretsmanager:GetSecretValue " + template.secrets().get(0).arn());
        assertThat(String.valueOf(role.get("Policies")))
                .contains("s3:prefix=[clean/*, spark/*, raw/*, rejects/*, manifests/*]");
    }

    @Test
    void theNightlyJobs_handOffPastTheThresholds_startingRunsOnlyOnTheApplication_passingOnlyTheJobRole() {
        String application = "arn:aws:emr-serverless:us-east-1:000000000000:/applications/SparkJobsApplication";
        String jobRole = "arn:aws:iam::000000000000:role/shopsense-SparkJobRole";
        for (String id : List.of("RebuildProfilesFunction", "BuildRecommendationsFunction", "CleanUploadFunction")) {
            FunctionSpec function = function(id);
            assertThat(function.environment()).as(id).containsEntry("SPARK_APPLICATION_ID", "SparkJobsApplication")
                    .containsEntry("SPARK_JOB_ROLE_ARN", jobRole)
                    .containsEntry("SPARK_JOBS_JAR_KEY", "jobs/shopsense-jobs-emr.jar")
                    .containsEntry("SPARK_ROWS_THRESHOLD", template.parameters().get("SparkRowsThreshold"))
                    .containsEntry("SPARK_BYTES_THRESHOLD", template.parameters().get("SparkBytesThreshold"))
                    .containsEntry("SPARK_UPLOAD_BYTES_THRESHOLD",
                            template.parameters().get("SparkUploadBytesThreshold"));
            List<String> grants = grants(function);
            assertThat(grants).as(id).contains("emr-serverless:StartJobRun " + application, "iam:PassRole " + jobRole,
                    "s3:PutObject arn:aws:s3:::shopsense-data-000000000000/spark/runs/*")
                    .filteredOn(g -> g.startsWith("emr-serverless:") || g.startsWith("iam:"))
                    .containsExactlyInAnyOrder("emr-serverless:StartJobRun " + application, "iam:PassRole " + jobRole);
            // the role may be passed to EMR Serverless only
            assertThat(function.policies()).as(id).anySatisfy(policy -> assertThat(String.valueOf(policy))
                    .contains("Action=[iam:PassRole]").contains("iam:PassedToService=emr-serverless.amazonaws.com"));
            assertThat(grants).as(id).contains(
                    "dynamodb:GetItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-ingestions");
        }
        // the nightly input is measured from clean-upload's running totals (one GetItem), not by reading every
        // manifest (clean-upload itself reads the earlier uploads' event ids there)
        for (String id : List.of("RebuildProfilesFunction", "BuildRecommendationsFunction")) {
            assertThat(grants(function(id))).as(id)
                    .noneMatch(g -> g.startsWith("s3:GetObject") && g.endsWith("/manifests/*"));
        }
        // a small shop never hands off: the defaults are far past the bundled sample's 43,324 rows
        assertThat(Long.parseLong(template.parameters().get("SparkRowsThreshold"))).isGreaterThanOrEqualTo(10_000_000);
        // nor a normal upload: a Lambda cleans 1 GB of text in about 5 of its 15 minutes (README)
        assertThat(Long.parseLong(template.parameters().get("SparkUploadBytesThreshold")))
                .isBetween(100_000_000L, 3_000_000_000L);
        assertThat(grants(function("CleanUploadFunction")))
                .contains("s3:PutObject arn:aws:s3:::shopsense-data-000000000000/spark/clean/*");
        // nothing else may start runs or pass roles
        for (FunctionSpec function : template.functions()) {
            if (!Set.of("RebuildProfilesFunction", "BuildRecommendationsFunction", "CleanUploadFunction")
                    .contains(function.logicalId())) {
                assertThat(grants(function)).as(function.logicalId())
                        .noneMatch(g -> g.startsWith("emr-serverless:") || g.startsWith("iam:"));
            }
        }
    }

    @Test
    void theLoader_runsOnTheApplicationsJobRunEnds_andWritesOnlyTheTablesItLoads() {
        FunctionSpec loader = function("LoadSparkResultsFunction");
        assertThat(loader.eventRules()).singleElement().satisfies(rule -> {
            assertThat(rule.pattern()).containsEntry("source", List.of("aws.emr-serverless"))
                    .containsEntry("detail-type", List.of("EMR Serverless Job Run State Change"));
            assertThat(rule.pattern().get("detail")).isEqualTo(Map.of("applicationId", List.of("SparkJobsApplication"),
                    "state", List.of("SUCCESS", "FAILED", "CANCELLED")));
            assertThat(rule.matches(Map.of("source", "aws.emr-serverless", "detail-type",
                    "EMR Serverless Job Run State Change", "detail", Map.of("applicationId", "SparkJobsApplication",
                            "state", "RUNNING")))).as("a run still running").isFalse();
        });
        String bucket = "arn:aws:s3:::shopsense-data-000000000000";
        assertThat(grants(loader)).containsExactlyInAnyOrder(
                "s3:GetObject " + bucket + "/spark/*",
                "s3:GetObject " + bucket + "/reports/profiles/*", "s3:ListBucket " + bucket,
                "s3:PutObject " + bucket + "/models/profiles/*", "s3:PutObject " + bucket + "/reports/profiles/*",
                "dynamodb:BatchGetItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-profiles",
                "dynamodb:GetItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-profiles",
                "dynamodb:PutItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-profiles",
                "dynamodb:BatchWriteItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-recommendations",
                "dynamodb:BatchWriteItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-similar-items",
                "dynamodb:BatchWriteItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-items",
                // a handed-off upload's manifest, then its ledger entry
                "s3:PutObject " + bucket + "/manifests/*",
                "dynamodb:GetItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-ingestions",
                "dynamodb:PutItem arn:aws:dynamodb:us-east-1:000000000000:table/shopsense-ingestions");
        assertThat(template.resourceTypes()).containsEntry("LoadSparkResultsLogGroup", "AWS::Logs::LogGroup");
    }

    private FunctionSpec function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    /** Every "action resource" pair a function's statements grant. */
    private static List<String> grants(FunctionSpec function) {
        List<String> grants = new ArrayList<>();
        for (Object policy : function.policies()) {
            if (policy instanceof Map<?, ?> map && map.get("Statement") instanceof List<?> statements) {
                for (Object statement : statements) {
                    Map<?, ?> s = (Map<?, ?>) statement;
                    for (Object action : asList(s.get("Action"))) {
                        for (Object resource : asList(s.get("Resource"))) {
                            grants.add(action + " " + resource);
                        }
                    }
                }
            }
        }
        return grants;
    }
}
