package io.shopsense.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The environment variables a function was configured with. In Lambda these are the process environment; the local
 * cloud hosts many functions in one JVM, so it binds each function's variables (from {@code template.yaml}) to the
 * thread that constructs the handler. Handlers read their configuration once, in their constructor, through
 * {@code pipeline.Wiring}. This is the one place in the project that reads the process environment
 * ({@code ArchitectureTest} holds it): the command line and the benchmarks read theirs through
 * {@code local.LocalSettings}, the Spark jobs through {@link #process()}.
 */
public final class Environment {
    private static final ThreadLocal<Map<String, String>> BOUND = new ThreadLocal<>();

    private final Map<String, String> variables;
    private final boolean processEnvironment;

    private Environment(Map<String, String> variables, boolean processEnvironment) {
        this.variables = variables;
        this.processEnvironment = processEnvironment;
    }

    /** The variables bound to this thread by the local cloud, or else the process environment. */
    public static Environment current() {
        Map<String, String> bound = BOUND.get();
        return bound != null ? new Environment(bound, false) : process();
    }

    /** The process environment, never a function's bound variables (the command line, benchmarks, Spark jobs). */
    public static Environment process() {
        return new Environment(System.getenv(), true);
    }

    /** An environment over the given variables only (tests, the command line). */
    public static Environment of(Map<String, String> variables) {
        return new Environment(Map.copyOf(variables), false);
    }

    /** Runs {@code construction} with {@code variables} as this thread's environment, e.g. to build a handler. */
    public static <T> T bind(Map<String, String> variables, Supplier<T> construction) {
        Map<String, String> previous = BOUND.get();
        BOUND.set(Map.copyOf(variables));
        try {
            return construction.get();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    /** The variable's value; fails at start, naming the variable, when the template did not set it. */
    public String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing environment variable " + name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    public String getOrDefault(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** True when these are the real process variables (in Lambda), false when bound by the local cloud or a test. */
    public boolean isProcessEnvironment() {
        return processEnvironment;
    }
}
