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
 * is the floor a handler's cold start is compared with. With {@code --primed} after the event file it runs the
 * handler's SnapStart priming ({@link io.shopsense.runtime.Priming}) first and prints only the milliseconds from
 * then to the first response: what a start restored from a primed snapshot would still pay, short of the restore,
 * which only AWS can measure.
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
            if (args.length > 2 && args[2].equals("--primed")) {
                io.shopsense.runtime.Priming.runAll();
                jvmStart = System.currentTimeMillis();
            }
            Class<?> input = inputType(type);
            Object event = LambdaEventSerializers.serializerFor(input, ColdStartProbe.class.getClassLoader())
                    .fromJson(Files.readString(Path.of(args[1])));
            type.getMethod("handleRequest", Object.class, Context.class).invoke(handler, event, new io.shopsense.runtime.InvocationContext("cold-start-probe", 1024, 60));
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
}
