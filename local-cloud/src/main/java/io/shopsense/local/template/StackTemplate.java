package io.shopsense.local.template;

import io.shopsense.local.template.Specs.BucketSpec;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.Specs.HttpRoute;
import io.shopsense.local.template.Specs.IndexSpec;
import io.shopsense.local.template.Specs.KeyAttribute;
import io.shopsense.local.template.Specs.S3Trigger;
import io.shopsense.local.template.Specs.ScheduleTrigger;
import io.shopsense.local.template.Specs.SecretSpec;
import io.shopsense.local.template.Specs.TableSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A SAM template evaluated for one local stack: parameters take their defaults (or overrides), pseudo parameters
 * take local values, {@code Globals.Function} is merged into every function, and the buckets, tables and functions
 * come out as {@link Specs} records.
 */
public final class StackTemplate {
    public static final String LOCAL_ACCOUNT = "000000000000";
    public static final String LOCAL_REGION = "us-east-1";

    private final String stackName;
    private final Map<String, Object> raw;
    private final Map<String, Map<String, Object>> resources;
    private final Map<String, String> parameters;
    private final IntrinsicResolver resolver;

    private StackTemplate(String stackName, Map<String, Object> raw, Map<String, String> parameterOverrides) {
        this.stackName = stackName;
        this.raw = raw;
        this.resources = section("Resources");
        this.parameters = parameterValues(parameterOverrides);
        this.resolver = new IntrinsicResolver(this::reference, this::attribute,
                section("Conditions").entrySet().stream().collect(
                        LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll),
                new LinkedHashMap<>(section("Mappings")));
    }

    public static StackTemplate load(Path file, String stackName, Map<String, String> parameterOverrides)
            throws IOException {
        return new StackTemplate(stackName, CfnYaml.read(file), parameterOverrides);
    }

    public String stackName() {
        return stackName;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    /** Logical id → resource type, in template order. */
    public Map<String, String> resourceTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        resources.forEach((id, body) -> types.put(id, String.valueOf(body.get("Type"))));
        return types;
    }

    /** A resource's properties with every intrinsic evaluated. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> body = resource(logicalId);
        Object resolved = resolver.resolve(body.getOrDefault("Properties", Map.of()));
        return resolved == null ? Map.of() : (Map<String, Object>) resolved;
    }

    /** The template's Globals section for one resource kind (e.g. {@code Function}), unresolved. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> globals(String kind) {
        Object value = section("Globals").get(kind);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public List<BucketSpec> buckets() {
        List<BucketSpec> buckets = new ArrayList<>();
        resourceTypes().forEach((id, type) -> {
            if (type.equals("AWS::S3::Bucket")) {
                buckets.add(new BucketSpec(id, String.valueOf(reference(id))));
            }
        });
        return buckets;
    }

    public List<TableSpec> tables() {
        List<TableSpec> tables = new ArrayList<>();
        resourceTypes().forEach((id, type) -> {
            if (type.equals("AWS::DynamoDB::Table")) {
                tables.add(table(id));
            }
        });
        return tables;
    }

    /** The Secrets Manager secrets the stack creates (their values are generated; locally, by the local cloud). */
    public List<SecretSpec> secrets() {
        List<SecretSpec> secrets = new ArrayList<>();
        resourceTypes().forEach((id, type) -> {
            if (type.equals("AWS::SecretsManager::Secret")) {
                secrets.add(new SecretSpec(id, String.valueOf(properties(id).getOrDefault("Name", stackName + "-" + id)),
                        String.valueOf(reference(id))));
            }
        });
        return secrets;
    }

    public List<FunctionSpec> functions() {
        List<FunctionSpec> functions = new ArrayList<>();
        resourceTypes().forEach((id, type) -> {
            if (type.equals("AWS::Serverless::Function")) {
                functions.add(functionSpec(id));
            }
        });
        return functions;
    }

    public Optional<FunctionSpec> function(String logicalIdOrName) {
        return functions().stream()
                .filter(f -> f.logicalId().equals(logicalIdOrName) || f.name().equals(logicalIdOrName))
                .findFirst();
    }

    /** Evaluates any value in this stack's context (used for Outputs and tests). */
    public Object resolve(Object value) {
        return resolver.resolve(value);
    }

    /**
     * The JWT authoriser the template's HTTP API uses by default ({@code Auth.DefaultAuthorizer} naming an entry of
     * {@code Auth.Authorizers} with a {@code JwtConfiguration}); empty when the API has none (no HttpApi resource,
     * no default authoriser, or {@code AWS_IAM}).
     */
    public Optional<Specs.JwtAuthorizerSpec> jwtAuthorizer() {
        for (Map.Entry<String, String> resource : resourceTypes().entrySet()) {
            if (!resource.getValue().equals("AWS::Serverless::HttpApi")
                    || !(properties(resource.getKey()).get("Auth") instanceof Map<?, ?> auth)) {
                continue;
            }
            String name = String.valueOf(auth.get("DefaultAuthorizer"));
            if (auth.get("Authorizers") instanceof Map<?, ?> authorizers
                    && authorizers.get(name) instanceof Map<?, ?> authorizer
                    && authorizer.get("JwtConfiguration") instanceof Map<?, ?> jwt) {
                return Optional.of(new Specs.JwtAuthorizerSpec(name, String.valueOf(jwt.get("issuer")),
                        listOf(jwt.get("audience")).stream().map(String::valueOf).toList()));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private TableSpec table(String id) {
        Map<String, Object> props = properties(id);
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (Object definition : listOf(props.get("AttributeDefinitions"))) {
            Map<String, Object> d = (Map<String, Object>) definition;
            attributeTypes.put(String.valueOf(d.get("AttributeName")), String.valueOf(d.get("AttributeType")));
        }
        List<IndexSpec> indexes = new ArrayList<>();
        for (Object index : listOf(props.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> i = (Map<String, Object>) index;
            indexes.add(new IndexSpec(String.valueOf(i.get("IndexName")), keys(i.get("KeySchema"), attributeTypes, id)));
        }
        Optional<String> ttl = Optional.empty();
        if (props.get("TimeToLiveSpecification") instanceof Map<?, ?> spec
                && Boolean.parseBoolean(String.valueOf(spec.get("Enabled")))) {
            ttl = Optional.of(String.valueOf(spec.get("AttributeName")));
        }
        String name = props.containsKey("TableName") ? String.valueOf(props.get("TableName")) : stackName + "-" + id;
        return new TableSpec(id, name, keys(props.get("KeySchema"), attributeTypes, id), indexes, ttl);
    }

    @SuppressWarnings("unchecked")
    private static List<KeyAttribute> keys(Object schema, Map<String, String> types, String table) {
        List<KeyAttribute> keys = new ArrayList<>();
        for (Object element : listOf(schema)) {
            Map<String, Object> k = (Map<String, Object>) element;
            String name = String.valueOf(k.get("AttributeName"));
            String type = types.get(name);
            if (type == null) {
                throw new TemplateException(table + ": key " + name + " has no AttributeDefinition");
            }
            keys.add(new KeyAttribute(name, type, String.valueOf(k.get("KeyType"))));
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private FunctionSpec functionSpec(String id) {
        Map<String, Object> merged = deepMerge(globals("Function"), resource(id).getOrDefault("Properties", Map.of()));
        Map<String, Object> props = (Map<String, Object>) resolver.resolve(merged);
        Map<String, String> environment = new TreeMap<>();
        if (props.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
            vars.forEach((key, value) -> environment.put(String.valueOf(key), String.valueOf(value)));
        }
        List<S3Trigger> s3 = new ArrayList<>();
        List<HttpRoute> routes = new ArrayList<>();
        List<ScheduleTrigger> schedules = new ArrayList<>();
        List<Specs.EventRuleTrigger> eventRules = new ArrayList<>();
        if (props.get("Events") instanceof Map<?, ?> events) {
            for (Map.Entry<?, ?> entry : events.entrySet()) {
                String eventName = String.valueOf(entry.getKey());
                Map<String, Object> event = (Map<String, Object>) entry.getValue();
                Map<String, Object> p = (Map<String, Object>) event.getOrDefault("Properties", Map.of());
                switch (String.valueOf(event.get("Type"))) {
                    case "S3" -> s3.add(s3Trigger(eventName, p));
                    case "HttpApi" -> {
                        Map<?, ?> auth = p.get("Auth") instanceof Map<?, ?> a ? a : Map.of();
                        routes.add(new HttpRoute(eventName,
                                String.valueOf(p.getOrDefault("Method", "ANY")).toUpperCase(),
                                String.valueOf(p.getOrDefault("Path", "/")),
                                !"NONE".equals(auth.get("Authorizer")),
                                listOf(auth.get("AuthorizationScopes")).stream().map(String::valueOf).toList()));
                    }
                    case "Schedule", "ScheduleV2" -> schedules.add(new ScheduleTrigger(eventName,
                            String.valueOf(p.getOrDefault("Schedule", p.get("ScheduleExpression"))),
                            !"false".equalsIgnoreCase(String.valueOf(p.getOrDefault("Enabled", "true")))
                                    && !"DISABLED".equals(p.get("State")),
                            Optional.ofNullable(p.get("Input")).map(String::valueOf)));
                    case "EventBridgeRule", "CloudWatchEvent" -> eventRules.add(new Specs.EventRuleTrigger(eventName,
                            (Map<String, Object>) p.getOrDefault("Pattern", Map.of())));
                    default -> throw new TemplateException(id + "." + eventName + ": event type "
                            + event.get("Type") + " is not supported by the local cloud");
                }
            }
        }
        return new FunctionSpec(id, String.valueOf(reference(id)),
                String.valueOf(props.get("Handler")),
                String.valueOf(props.get("CodeUri")),
                intOf(props.getOrDefault("MemorySize", 128)),
                intOf(props.getOrDefault("Timeout", 3)),
                environment, s3, routes, schedules, listOf(props.get("Policies")),
                intOf(props.getOrDefault("ReservedConcurrentExecutions", 0)), eventRules);
    }

    private static S3Trigger s3Trigger(String eventName, Map<String, Object> p) {
        String prefix = "";
        String suffix = "";
        if (p.get("Filter") instanceof Map<?, ?> filter && filter.get("S3Key") instanceof Map<?, ?> key) {
            for (Object rule : listOf(key.get("Rules"))) {
                Map<?, ?> r = (Map<?, ?>) rule;
                if ("prefix".equalsIgnoreCase(String.valueOf(r.get("Name")))) {
                    prefix = String.valueOf(r.get("Value"));
                } else if ("suffix".equalsIgnoreCase(String.valueOf(r.get("Name")))) {
                    suffix = String.valueOf(r.get("Value"));
                }
            }
        }
        Object events = p.get("Events");
        List<String> names = events instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(events));
        return new S3Trigger(eventName, String.valueOf(p.get("Bucket")), names, prefix, suffix);
    }

    /** Ref: parameters, pseudo parameters, then resources by their physical id. */
    private Object reference(String name) {
        switch (name) {
            case "AWS::StackName": return stackName;
            case "AWS::AccountId": return LOCAL_ACCOUNT;
            case "AWS::Region": return LOCAL_REGION;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::StackId": return "arn:aws:cloudformation:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT + ":stack/" + stackName + "/local";
            default: break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Map<String, Object> body = resources.get(name);
        if (body == null && isGeneratedRole(name)) {
            return stackName + "-" + name; // SAM creates {Function}Role for a function that names no Role
        }
        if (body == null) {
            throw new TemplateException("Ref to unknown parameter or resource " + name);
        }
        Map<String, Object> props = properties(name);
        return switch (String.valueOf(body.get("Type"))) {
            case "AWS::S3::Bucket" -> props.getOrDefault("BucketName", stackName + "-" + name.toLowerCase());
            case "AWS::DynamoDB::Table" -> props.getOrDefault("TableName", stackName + "-" + name);
            case "AWS::SQS::Queue" -> "http://localhost/" + LOCAL_ACCOUNT + "/"
                    + props.getOrDefault("QueueName", stackName + "-" + name);
            case "AWS::Serverless::Function" -> props.getOrDefault("FunctionName", stackName + "-" + name);
            // Ref of a secret is its ARN; AWS appends six random characters to the name, locally a fixed six.
            case "AWS::SecretsManager::Secret" -> "arn:aws:secretsmanager:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT
                    + ":secret:" + props.getOrDefault("Name", stackName + "-" + name) + "-local0";
            default -> name; // API ids, policies, log groups: the logical id stands in locally
        };
    }

    private boolean isGeneratedRole(String name) {
        if (!name.endsWith("Role")) {
            return false;
        }
        Map<String, Object> function = resources.get(name.substring(0, name.length() - "Role".length()));
        return function != null && "AWS::Serverless::Function".equals(String.valueOf(function.get("Type")))
                && !(function.get("Properties") instanceof Map<?, ?> props && props.containsKey("Role"));
    }

    private Object attribute(String resource, String attribute) {
        Map<String, Object> body = resources.get(resource);
        if (body == null) {
            throw new TemplateException("GetAtt on unknown resource " + resource);
        }
        String type = String.valueOf(body.get("Type"));
        String physical = String.valueOf(reference(resource));
        if (attribute.equals("Arn")) {
            return switch (type) {
                case "AWS::S3::Bucket" -> "arn:aws:s3:::" + physical;
                case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT + ":table/" + physical;
                case "AWS::SQS::Queue" -> "arn:aws:sqs:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT + ":"
                        + physical.substring(physical.lastIndexOf('/') + 1);
                case "AWS::Serverless::Function" -> "arn:aws:lambda:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT + ":function:" + physical;
                case "AWS::IAM::Role" -> "arn:aws:iam::" + LOCAL_ACCOUNT + ":role/" + stackName + "-" + resource;
                default -> "arn:aws:local:::" + resource;
            };
        }
        if (attribute.equals("QueueName")) {
            return physical.substring(physical.lastIndexOf('/') + 1);
        }
        return physical + "." + attribute;
    }

    private Map<String, String> parameterValues(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        section("Parameters").forEach((name, definition) -> {
            Object fallback = definition instanceof Map<?, ?> d ? d.get("Default") : null;
            String value = overrides.containsKey(name) ? overrides.get(name) : fallback == null ? null : String.valueOf(fallback);
            if (value == null) {
                throw new TemplateException("parameter " + name + " has no default and no value was given");
            }
            values.put(name, value);
        });
        overrides.keySet().stream().filter(name -> !values.containsKey(name)).findFirst().ifPresent(name -> {
            throw new TemplateException("no parameter named " + name + " in the template");
        });
        return Map.copyOf(values);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resource(String logicalId) {
        Map<String, Object> body = resources.get(logicalId);
        if (body == null) {
            throw new TemplateException("no resource " + logicalId);
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    private <T> Map<String, T> section(String name) {
        Object value = raw.get(name);
        return value instanceof Map<?, ?> map ? (Map<String, T>) map : Map.of();
    }

    /** Globals then the resource's own properties; maps merge key by key, anything else is replaced. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deepMerge(Map<String, Object> base, Object overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        if (overlay instanceof Map<?, ?> over) {
            over.forEach((key, value) -> {
                Object existing = merged.get(String.valueOf(key));
                boolean mergeable = existing instanceof Map<?, ?> && value instanceof Map<?, ?> m
                        && !(m.size() == 1 && isIntrinsic(String.valueOf(m.keySet().iterator().next())));
                merged.put(String.valueOf(key), mergeable
                        ? deepMerge((Map<String, Object>) existing, value) : value);
            });
        }
        return merged;
    }

    private static boolean isIntrinsic(String key) {
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    private static List<Object> listOf(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }

    private static int intOf(Object value) {
        return Integer.parseInt(String.valueOf(value));
    }
}
