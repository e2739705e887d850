package io.shopsense.telemetry;

import java.util.List;

/**
 * Every metric the functions publish, in CloudWatch Embedded Metric Format under {@link #NAMESPACE}. The template's
 * alarms and dashboard name these (ProjectTemplateTest checks each alarm against this list and the code that emits
 * it). A metric's value travels in the outcome record under {@link #metricName()}, so the log line and the metric
 * are one fact.
 */
public enum Metric {
    // Every invocation (Telemetry writes them; no handler code needed).
    INVOCATIONS("invocations", Unit.COUNT, Scope.EVERY_FUNCTION),
    FAILURES("failures", Unit.COUNT, Scope.EVERY_FUNCTION),
    COLD_STARTS("coldStarts", Unit.COUNT, Scope.EVERY_FUNCTION),
    DURATION("durationMs", Unit.MILLISECONDS, Scope.FUNCTION),
    // HTTP API handlers (ApiResponses writes them), by route and summed over the stack.
    API_REQUESTS("apiRequests", Unit.COUNT, Scope.ROUTE),
    API_4XX("api4xx", Unit.COUNT, Scope.ROUTE),
    API_5XX("api5xx", Unit.COUNT, Scope.ROUTE),
    // What one function did.
    ROWS_IN("rowsIn", Unit.COUNT, Scope.FUNCTION),
    ROWS_CLEAN("rowsClean", Unit.COUNT, Scope.FUNCTION),
    ROWS_REJECTED("rowsRejected", Unit.COUNT, Scope.FUNCTION),
    ROWS_REJECTED_BY_REASON("rowsRejectedByReason", Unit.COUNT, Scope.REASON),
    PROFILES_UPDATED("profilesUpdated", Unit.COUNT, Scope.FUNCTION),
    RECOMMENDATIONS_BUILT("recommendationsBuilt", Unit.COUNT, Scope.FUNCTION),
    VALIDATION_NDCG("validationNdcg", Unit.NONE, Scope.FUNCTION),
    PLAN_EXPECTED_CONVERSIONS("planExpectedConversions", Unit.COUNT, Scope.FUNCTION),
    ASSISTANT_ANSWERED("assistantAnswered", Unit.COUNT, Scope.FUNCTION),
    ASSISTANT_UNANSWERED("assistantUnanswered", Unit.COUNT, Scope.FUNCTION),
    EVENTS_ACCEPTED("eventsAccepted", Unit.COUNT, Scope.FUNCTION),
    AUDIENCES_BUILT("audiencesBuilt", Unit.COUNT, Scope.FUNCTION),
    // A nightly job handed to Spark (EMR Serverless) instead of run in the function (docs/architecture.md §7).
    SPARK_HANDOFFS("sparkHandOffs", Unit.COUNT, Scope.FUNCTION);

    /** The CloudWatch namespace of every metric here. */
    public static final String NAMESPACE = "shopsense";
    /** Dimension: the stack (one account may hold several shops' stacks). */
    public static final String SERVICE = "service";
    /** Dimension: the function's short name, e.g. {@code clean-upload}. */
    public static final String FUNCTION = "function";
    /** Dimension: an HTTP API route, e.g. {@code GET /users/{id}/recommendations}. */
    public static final String ROUTE = "route";
    /** Dimension: a reject reason code. */
    public static final String REASON = "reason";

    /** CloudWatch's unit names. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds"), NONE("None");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    /** Which dimension sets a metric is published with. */
    public enum Scope {
        /** per function. */
        FUNCTION(List.of(List.of(Metric.SERVICE, Metric.FUNCTION))),
        /** per function and summed over the stack; written for every invocation. */
        EVERY_FUNCTION(List.of(List.of(Metric.SERVICE, Metric.FUNCTION), List.of(Metric.SERVICE))),
        /** per route and summed over the stack. */
        ROUTE(List.of(List.of(Metric.SERVICE, Metric.FUNCTION, Metric.ROUTE), List.of(Metric.SERVICE))),
        /** per function and reject reason (its own line per reason). */
        REASON(List.of(List.of(Metric.SERVICE, Metric.FUNCTION, Metric.REASON)));

        private final List<List<String>> dimensionSets;

        Scope(List<List<String>> dimensionSets) {
            this.dimensionSets = dimensionSets;
        }

        public List<List<String>> dimensionSets() {
            return dimensionSets;
        }
    }

    private final String metricName;
    private final Unit unit;
    private final Scope scope;

    Metric(String metricName, Unit unit, Scope scope) {
        this.metricName = metricName;
        this.unit = unit;
        this.scope = scope;
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    public Scope scope() {
        return scope;
    }

    /** True for the metrics Telemetry or ApiResponses write themselves, whichever handler runs. */
    public boolean writtenByTheRuntime() {
        return scope == Scope.EVERY_FUNCTION || scope == Scope.ROUTE || this == DURATION;
    }
}
