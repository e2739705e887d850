package io.shopsense.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.shopsense.runtime.Environment;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.AwsClients;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs in a fresh JVM on a function's shaded jar and prints the milliseconds from JVM start to the first response.
 * Four modes, all given the same environment the local cloud gives the function:
 * <ul>
 * <li>{@code HANDLER EVENT}: ours. Builds the handler as Lambda does (public no-argument constructor), decodes the
 * event file into the handler's input type with AWS's own Lambda serialisers, and invokes it once.</li>
 * <li>{@code --bare HANDLER EVENT SERVICES}: the baseline, a bare SDK handler of the same trigger. It decodes the same
 * event file into the same input type the same way (Lambda's runtime does that for any {@code RequestHandler<T, …>},
 * so a bare handler of that trigger pays it too), builds the SDK clients the function builds (SERVICES, a comma list
 * of {@code s3}, {@code dynamodb}, {@code secretsmanager}) and makes one call with each. Ours / bare is then what
 * our code adds to a handler of that trigger.</li>
 * <li>{@code --clients-only}: the first baseline, kept so the old ratio can be read beside the new one: an S3 and a
 * DynamoDB client with one call each, no event.</li>
 * <li>{@code HANDLER EVENT --primed}: the handler's SnapStart priming ({@link io.shopsense.runtime.Priming}) runs
 * first, and only the milliseconds from then to the first response are printed: what a start restored from a primed
 * snapshot still pays, short of the restore, which only AWS can measure.</li>
 * </ul>
 */
public final class ColdStartProbe {
    /** The SDK services a function may build a client of (store.AwsClients), as their IAM action prefixes. */
    public static final List<String> SERVICES = List.of("s3", "dynamodb", "secretsmanager");

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        switch (args[0]) {
            case "--clients-only" -> callEach(List.of("s3", "dynamodb"));
            case "--bare" -> {
                decode(inputType(Class.forName(args[1])), Path.of(args[2]));
                callEach(List.of(args[3].split(",")));
            }
            default -> {
                Class<?> type = Class.forName(args[0]);
                Object handler = type.getConstructor().newInstance();
                if (args.length > 2 && args[2].equals("--primed")) {
                    io.shopsense.runtime.Priming.runAll();
                    jvmStart = System.currentTimeMillis();
                }
                Object event = decode(inputType(type), Path.of(args[1]));
                type.getMethod("handleRequest", Object.class, Context.class)
                        .invoke(handler, event, new InvocationContext("cold-start-probe", 1024, 60));
            }
        }
        System.out.println(System.currentTimeMillis() - jvmStart);
    }

    /** The event file as Lambda's Java runtime hands it to a handler of {@code input}: AWS's own serialisers. */
    static Object decode(Class<?> input, Path eventFile) throws IOException {
        return LambdaEventSerializers.serializerFor(input, ColdStartProbe.class.getClassLoader())
                .fromJson(Files.readString(eventFile));
    }

    /** One call with a client of each service, as the smallest handler using it would make. */
    private static void callEach(List<String> services) {
        Environment env = Environment.current();
        for (String service : services) {
            switch (service.toLowerCase(Locale.ROOT)) {
                case "s3" -> AwsClients.s3(env).listBuckets();
                case "dynamodb" -> AwsClients.dynamoDb(env).listTables();
                case "secretsmanager" -> {
                    try (var secrets = AwsClients.secretsManager(env)) {
                        secrets.getSecretValue(b -> b.secretId(env.require("SHOP_SECRET_ARN")));
                    }
                }
                default -> throw new IllegalArgumentException("no client for service '" + service + "'");
            }
        }
    }

    /** The {@code T} of the handler's {@code RequestHandler<T, R>}. */
    static Class<?> inputType(Class<?> handler) {
        for (Type candidate : handler.getGenericInterfaces()) {
            if (candidate instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return (Class<?>) p.getActualTypeArguments()[0];
            }
        }
        throw new IllegalArgumentException(handler + " is not a RequestHandler");
    }
}
