package io.shopsense.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM on a function's shaded jar: builds the handler the way Lambda does (public no-argument
 * constructor, environment from the process), invokes it once with an event file, and prints the milliseconds from
 * JVM start to the first response. With {@code --bare} it only builds the SDK clients every function builds, which
 * is the floor a handler's cold start is compared with.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        if (args[0].equals("--bare")) {
            var env = io.shopsense.runtime.Environment.current();
            io.shopsense.store.AwsClients.s3(env).listBuckets();
            io.shopsense.store.AwsClients.dynamoDb(env).listTables();
        } else {
            Class<?> type = Class.forName(args[0]);
            Object handler = type.getConstructor().newInstance();
            Class<?> input = inputType(type);
            Object event = LambdaEventSerializers.serializerFor(input, ColdStartProbe.class.getClassLoader())
                    .fromJson(Files.readString(Path.of(args[1])));
            type.getMethod("handleRequest", Object.class, Context.class).invoke(handler, event, new ProbeContext());
        }
        System.out.println(System.currentTimeMillis() - jvmStart);
    }

    private static Class<?> inputType(Class<?> handler) {
        for (Type candidate : handler.getGenericInterfaces()) {
            if (candidate instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return (Class<?>) p.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(handler + " is not a RequestHandler");
    }

    /** The least context a handler needs: a request id, a logger and generous remaining time. */
    private static final class ProbeContext implements Context {
        @Override public String getAwsRequestId() { return "cold-start-probe"; }
        @Override public String getLogGroupName() { return "probe"; }
        @Override public String getLogStreamName() { return "probe"; }
        @Override public String getFunctionName() { return "probe"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "probe"; }
        @Override public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() { return null; }
        @Override public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 60_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            return new com.amazonaws.services.lambda.runtime.LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { System.err.println(new String(message)); }
            };
        }
    }
}
