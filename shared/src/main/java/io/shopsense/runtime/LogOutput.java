package io.shopsense.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Where a function's log lines go. In Lambda: standard output, one JSON object per line, which Lambda's JSON log
 * format passes through unchanged and CloudWatch reads Embedded Metric Format from. The local cloud hosts many
 * functions in one JVM, so it binds each invocation's thread to that function's own log store
 * ({@code .shopsense/logs/…}), which can also answer what the operators' view shows ({@link #operations()}).
 */
public final class LogOutput {
    /** Receives whole lines, each one JSON object without a line break. */
    @FunctionalInterface
    public interface Sink {
        void write(String jsonLine);
    }

    /**
     * What the operators see of the whole stack, where the host can tell (the local cloud): the newest outcome record
     * of each function (by function name, as a JSON line) and how many events the dead-letter queue holds.
     */
    public record Operations(Map<String, String> lastOutcomes, int deadLetters) {
        public Operations {
            lastOutcomes = Map.copyOf(lastOutcomes);
        }
    }

    private record Binding(Sink sink, Supplier<Operations> operations) {
    }

    private static final ThreadLocal<Binding> BOUND = new ThreadLocal<>();
    private static final Sink STANDARD_OUTPUT = line -> {
        synchronized (System.out) {
            System.out.println(line);
        }
    };

    private LogOutput() {
    }

    /** Writes one line to the bound sink, or to standard output. */
    public static void write(String jsonLine) {
        Binding binding = BOUND.get();
        (binding == null ? STANDARD_OUTPUT : binding.sink()).write(jsonLine);
    }

    /** The stack's operations view, when the host offers one (locally); empty in Lambda (CloudWatch has it). */
    public static Optional<Operations> operations() {
        Binding binding = BOUND.get();
        return binding == null || binding.operations() == null ? Optional.empty()
                : Optional.ofNullable(binding.operations().get());
    }

    /** Runs {@code invocation} with this thread's log lines going to {@code sink} (the local cloud, tests). */
    public static <T> T bind(Sink sink, Supplier<Operations> operations, Callable<T> invocation) throws Exception {
        Binding previous = BOUND.get();
        BOUND.set(new Binding(sink, operations));
        try {
            return invocation.call();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }
}
