package io.shopsense.local.cloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.local.cloud.DeadLetters.DeadLetter;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.runtime.Environment;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.runtime.LogOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Hosts the template's functions in this JVM the way Lambda does: one handler instance per function, built on its
 * first invocation (the cold start) with the function's environment; events in and responses out as JSON through
 * AWS's own event serialisers; asynchronous invocations retried twice and then sent to the dead-letter queue, and
 * held back while a function's reserved concurrency is in use.
 */
public final class FunctionHost implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final int ASYNC_ATTEMPTS = 3; // the first try and Lambda's two retries
    private static final long THROTTLE_WAIT_MILLIS = 20;

    private final Map<String, FunctionSpec> functions = new TreeMap<>();
    private final Function<FunctionSpec, Map<String, String>> cloudEnvironment;
    private final List<Duration> retryDelays;
    private final DeadLetters deadLetters;
    private final FunctionLogs logs;
    /** Handler invocations made, by short name: what the outcome records must account for. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> invocations = new ConcurrentHashMap<>();
    private final Map<String, HostedHandler> handlers = new ConcurrentHashMap<>();
    /** AWS's serialisers of Lambda event classes, built once per class (each build copies a Jackson mapper). */
    private static final Map<Class<?>, PojoSerializer<Object>> EVENT_SERIALIZERS = new ConcurrentHashMap<>();
    /** Functions with {@code ReservedConcurrentExecutions}: at most that many asynchronous invocations at once. */
    private final Map<String, Semaphore> reservations = new TreeMap<>();
    private final ScheduledExecutorService async;
    private final Object idleMonitor = new Object();
    private int pending;

    /**
     * @param cloudEnvironment the variables a function sees on top of its template environment (endpoints, region,
     *                         credentials of the local cloud)
     * @param retryDelays      the waits before the two retries of an asynchronous invocation
     */
    public FunctionHost(List<FunctionSpec> specs, Function<FunctionSpec, Map<String, String>> cloudEnvironment,
                        List<Duration> retryDelays, DeadLetters deadLetters, FunctionLogs logs, int concurrency) {
        specs.forEach(spec -> functions.put(spec.logicalId(), spec));
        specs.stream().filter(spec -> spec.reservedConcurrency() > 0)
                .forEach(spec -> reservations.put(spec.logicalId(), new Semaphore(spec.reservedConcurrency())));
        this.cloudEnvironment = cloudEnvironment;
        this.retryDelays = List.copyOf(retryDelays);
        this.deadLetters = deadLetters;
        this.logs = logs;
        this.async = Executors.newScheduledThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "lambda-async");
            thread.setDaemon(true);
            return thread;
        });
    }

    public List<FunctionSpec> functions() {
        return List.copyOf(functions.values());
    }

    /** Finds a function by logical id or physical name. */
    public FunctionSpec function(String name) {
        FunctionSpec spec = functions.get(name);
        if (spec != null) {
            return spec;
        }
        return functions.values().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function named " + name + "; the template has "
                        + functions.keySet()));
    }

    /** The environment a function sees: the template's variables, then the local cloud's. */
    public Map<String, String> environment(FunctionSpec spec) {
        Map<String, String> env = new TreeMap<>(spec.environment());
        env.putAll(cloudEnvironment.apply(spec));
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        return env;
    }

    /**
     * A synchronous invocation (RequestResponse): the handler's response as JSON, or its exception. What the function
     * logs goes to its own log ({@link FunctionLogs}), as Lambda sends each function's output to its log group.
     */
    public String invoke(String functionName, String eventJson) throws Exception {
        FunctionSpec spec = function(functionName);
        invocations.computeIfAbsent(FunctionLogs.shortName(spec.logicalId()),
                name -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        return LogOutput.bind(line -> logs.append(spec, line),
                () -> new LogOutput.Operations(logs.lastOutcomes(), deadLetters.count()),
                () -> invokeHandler(spec, eventJson));
    }

    private String invokeHandler(FunctionSpec spec, String eventJson) throws Exception {
        HostedHandler hosted = handlers.computeIfAbsent(spec.logicalId(), id -> host(spec));
        return hosted.invoke(eventJson, new InvocationContext(spec.name(), spec.memoryMb(), spec.timeoutSeconds()));
    }

    /**
     * A handler instance with its event reader and response writer, resolved once on the cold start as Lambda's
     * runtime does: per-invocation reflection and serialiser building (a Jackson mapper copy each) cost more than
     * the marketing API's own work.
     */
    @FunctionalInterface
    private interface HostedHandler {
        String invoke(String eventJson, Context context) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private HostedHandler host(FunctionSpec spec) {
        Object handler = instantiate(spec);
        if (handler instanceof RequestStreamHandler streaming) {
            return (eventJson, context) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                streaming.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out,
                        context);
                return out.toString(StandardCharsets.UTF_8);
            };
        }
        if (handler instanceof RequestHandler<?, ?>) {
            RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
            EventReader reader = reader(requestHandlerTypes(handler.getClass())[0]);
            return (eventJson, context) -> toJson(typed.handleRequest(reader.read(eventJson), context));
        }
        throw new IllegalStateException(spec.handler() + " implements neither RequestHandler nor RequestStreamHandler");
    }

    /**
     * An asynchronous invocation (Event): queued, retried twice after failures, then sent to the dead-letter queue.
     */
    public void invokeAsync(String functionName, String eventJson) {
        FunctionSpec spec = function(functionName);
        synchronized (idleMonitor) {
            pending++;
        }
        async.execute(() -> attempt(spec, eventJson, 1));
    }

    private void attempt(FunctionSpec spec, String eventJson, int attempt) {
        Semaphore reserved = reservations.get(spec.logicalId());
        if (reserved != null && !reserved.tryAcquire()) {
            // Throttled by the function's reserved concurrency: Lambda keeps the event queued, not counted as a try.
            async.schedule(() -> attempt(spec, eventJson, attempt), THROTTLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            invoke(spec.logicalId(), eventJson);
            done();
        } catch (Exception | Error failure) {
            LocalLog.log("WARN", "function", spec.name(), "attempt", Integer.toString(attempt),
                    "error", failure.getClass().getName() + ": " + failure.getMessage());
            if (attempt < ASYNC_ATTEMPTS) {
                Duration delay = retryDelays.get(Math.min(attempt - 1, retryDelays.size() - 1));
                async.schedule(() -> attempt(spec, eventJson, attempt + 1), delay.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                deadLetters.add(new DeadLetter(spec.name(), eventJson, failure.getClass().getName(),
                        String.valueOf(failure.getMessage()), attempt, Instant.now()));
                done();
            }
        } finally {
            if (reserved != null) {
                reserved.release();
            }
        }
    }

    private void done() {
        synchronized (idleMonitor) {
            pending--;
            idleMonitor.notifyAll();
        }
    }

    /** Waits until no asynchronous invocation is queued, running or waiting for a retry. */
    public void awaitIdle(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idleMonitor) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(pending + " asynchronous invocations still pending after " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(idleMonitor, left);
            }
        }
    }

    /** How many times each function (short name) was invoked, retries included. */
    public Map<String, Integer> invocationCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        invocations.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    public FunctionLogs logs() {
        return logs;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    private Object instantiate(FunctionSpec spec) {
        String className = spec.handler().contains("::")
                ? spec.handler().substring(0, spec.handler().indexOf("::")) : spec.handler();
        return Environment.bind(environment(spec), () -> {
            try {
                Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
                return type.getConstructor().newInstance();
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(spec.name() + " failed to start: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(spec.name() + ": cannot load handler " + className, e);
            }
        });
    }

    /** The I and O of {@code RequestHandler<I, O>} as the handler class declares them. */
    static Type[] requestHandlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type candidate : c.getGenericInterfaces()) {
                if (candidate instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }

    /** Reads an event JSON into a handler's input type. */
    @FunctionalInterface
    private interface EventReader {
        Object read(String json) throws Exception;
    }

    private static EventReader reader(Type type) {
        if (type instanceof Class<?> c && isLambdaEvent(c)) {
            PojoSerializer<Object> serializer = eventSerializer(c);
            return serializer::fromJson;
        }
        com.fasterxml.jackson.databind.ObjectReader reader = JSON.readerFor(JSON.constructType(type));
        return reader::readValue;
    }

    private static String toJson(Object value) throws Exception {
        if (value != null && isLambdaEvent(value.getClass())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            eventSerializer(value.getClass()).toJson(value, out);
            return out.toString(StandardCharsets.UTF_8);
        }
        return JSON.writeValueAsString(value);
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> eventSerializer(Class<?> type) {
        return EVENT_SERIALIZERS.computeIfAbsent(type, c -> LambdaEventSerializers.serializerFor((Class<Object>) c,
                FunctionHost.class.getClassLoader()));
    }

    private static boolean isLambdaEvent(Class<?> type) {
        return type.getName().startsWith("com.amazonaws.services.lambda.runtime.events.");
    }

    @Override
    public void close() {
        async.shutdownNow();
        logs.close();
    }
}
