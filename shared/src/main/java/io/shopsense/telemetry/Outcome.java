package io.shopsense.telemetry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one invocation did, filled in by the handler while it runs and written by {@link Telemetry} as one outcome
 * record when it ends: the decision taken, counts and values (each also a metric), other facts worth a line, and
 * the handled problems (each also its own WARN line).
 */
public final class Outcome {
    /** A handled problem: a stable code and a sentence for the operator. */
    public record Warning(String code, String message) {
    }

    private String decision;
    private String source;
    private String route;
    private Integer status;
    private final Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final Map<String, Long> durations = new LinkedHashMap<>();
    private final List<Warning> warnings = new ArrayList<>();

    Outcome(String source) {
        this.source = source;
    }

    /** What the function decided, in a few words: {@code "cleaned"}, {@code "skipped: input unchanged"}. */
    public Outcome decision(String decision) {
        this.decision = decision;
        return this;
    }

    /** The object, route or schedule this invocation worked on, when the trigger alone does not say it. */
    public Outcome source(String source) {
        this.source = source;
        return this;
    }

    /** Adds to a count (several objects in one event add up). */
    public Outcome count(Metric metric, long value) {
        metrics.merge(metric, (double) value, Double::sum);
        return this;
    }

    /** Sets a value such as a model's nDCG. */
    public Outcome value(Metric metric, double value) {
        metrics.put(metric, value);
        return this;
    }

    /** Adds rejected rows under their reason code (a metric per reason). */
    public Outcome rejected(String reason, long rows) {
        if (rows > 0) {
            rejectedByReason.merge(reason, rows, Long::sum);
        }
        return this;
    }

    /** A fact for the record that is not a metric (a date, a model's name, an object key). */
    public Outcome fact(String name, Object value) {
        facts.put(name, value);
        return this;
    }

    /** How long a named phase took. */
    public Outcome duration(String phase, long millis) {
        durations.merge(phase, millis, Long::sum);
        return this;
    }

    /** A problem the function handled (a file it could not read, a rule it skipped): logged as a WARN line. */
    public Outcome warn(String code, String message) {
        warnings.add(new Warning(code, message));
        return this;
    }

    /** An HTTP API invocation's route and status (ApiResponses sets these). */
    public Outcome http(String route, int status) {
        this.route = route;
        this.status = status;
        return this;
    }

    String decision() {
        return decision;
    }

    String source() {
        return source;
    }

    String route() {
        return route;
    }

    Integer status() {
        return status;
    }

    Map<Metric, Double> metrics() {
        return metrics;
    }

    Map<String, Long> rejectedByReason() {
        return rejectedByReason;
    }

    Map<String, Object> facts() {
        return facts;
    }

    Map<String, Long> durations() {
        return durations;
    }

    List<Warning> warnings() {
        return warnings;
    }
}
