package io.shopsense.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of a resolved template the local cloud acts on, as plain records. */
public final class Specs {
    private Specs() {
    }

    /** An S3 bucket with its physical name. */
    public record BucketSpec(String logicalId, String name) {
    }

    /** A Secrets Manager secret: its name and the ARN functions are given. */
    public record SecretSpec(String logicalId, String name, String arn) {
    }

    /** A key attribute of a table or index: name, type (S, N, B) and role (HASH or RANGE). */
    public record KeyAttribute(String name, String type, String keyType) {
    }

    /** A global secondary index. */
    public record IndexSpec(String name, List<KeyAttribute> keys) {
    }

    /** A DynamoDB table, with the attribute that TTL uses, if any. */
    public record TableSpec(String logicalId, String name, List<KeyAttribute> keys, List<IndexSpec> indexes,
                            Optional<String> ttlAttribute) {
    }

    /** An S3 notification a function subscribes to: bucket, event patterns like {@code s3:ObjectCreated:*}, filters. */
    public record S3Trigger(String eventName, String bucket, List<String> events, String prefix, String suffix) {
        /** True when an object event with this name and key in this bucket is one the trigger asked for. */
        public boolean matches(String bucketName, String s3EventName, String key) {
            return bucket.equals(bucketName)
                    && key.startsWith(prefix) && key.endsWith(suffix)
                    && events.stream().anyMatch(pattern -> pattern.endsWith("*")
                    ? s3EventName.startsWith(pattern.substring(0, pattern.length() - 1))
                    : s3EventName.equals(pattern));
        }
    }

    /**
     * An HTTP API route; {@code authorized} is false only where the route says {@code Authorizer: NONE}, and
     * {@code scopes} are its {@code AuthorizationScopes} (a token needs one of them; none listed: any valid token).
     */
    public record HttpRoute(String eventName, String method, String path, boolean authorized, List<String> scopes) {
        public HttpRoute {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * The HTTP API's JWT authoriser as API Gateway runs it: tokens must be signed by the issuer, name it in
     * {@code iss}, carry one of the audiences in {@code aud}, and be unexpired.
     */
    public record JwtAuthorizerSpec(String name, String issuer, List<String> audiences) {
        public JwtAuthorizerSpec {
            audiences = List.copyOf(audiences);
        }
    }

    /** A schedule: {@code rate(…)} or {@code cron(…)}, and the constant input if the template gives one. */
    public record ScheduleTrigger(String eventName, String expression, boolean enabled, Optional<String> input) {
    }

    /**
     * An EventBridge rule on another service's events ({@code EventBridgeRule}): the pattern as the template gives it
     * (field to list of accepted values, nested for {@code detail}).
     */
    public record EventRuleTrigger(String eventName, Map<String, Object> pattern) {
        public EventRuleTrigger {
            pattern = Map.copyOf(pattern);
        }

        /** Whether an event matches: every field of the pattern names one of its values (EventBridge's exact match). */
        public boolean matches(Map<String, Object> event) {
            return matches(pattern, event);
        }

        @SuppressWarnings("unchecked")
        private static boolean matches(Map<String, Object> pattern, Map<String, Object> event) {
            for (Map.Entry<String, Object> field : pattern.entrySet()) {
                Object value = event.get(field.getKey());
                if (field.getValue() instanceof Map<?, ?> nested) {
                    if (!(value instanceof Map<?, ?> inner)
                            || !matches((Map<String, Object>) nested, (Map<String, Object>) inner)) {
                        return false;
                    }
                } else if (!(field.getValue() instanceof List<?> accepted) || value == null
                        || accepted.stream().noneMatch(a -> String.valueOf(a).equals(String.valueOf(value)))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A function with what the local cloud needs to host it. */
    public record FunctionSpec(
            String logicalId,
            String name,
            String handler,
            String codeUri,
            int memoryMb,
            int timeoutSeconds,
            Map<String, String> environment,
            List<S3Trigger> s3Triggers,
            List<HttpRoute> routes,
            List<ScheduleTrigger> schedules,
            List<Object> policies,
            int reservedConcurrency,
            List<EventRuleTrigger> eventRules) {
        public FunctionSpec {
            eventRules = eventRules == null ? List.of() : List.copyOf(eventRules);
        }
    }
}
