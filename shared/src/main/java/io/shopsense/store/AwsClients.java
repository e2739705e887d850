package io.shopsense.store;

import io.shopsense.runtime.Environment;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the SDK clients every function uses, once per container. One code path serves AWS, LocalStack and the local
 * cloud: the endpoint comes from {@code AWS_ENDPOINT_URL_S3}/{@code AWS_ENDPOINT_URL_DYNAMODB}/{@code AWS_ENDPOINT_URL}
 * /{@code AWS_ENDPOINT_URL_SECRETS_MANAGER} (ignored when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}), the HTTP client is always the light URLConnection one.
 */
public final class AwsClients {
    private static final String DEFAULT_REGION = "us-east-1";

    private AwsClients() {
    }

    public static S3Client s3(Environment env) {
        return s3(env, httpClient(), credentials(env));
    }

    /** The same client over another HTTP client and credentials (SnapStart priming: {@link SdkPriming}). */
    static S3Client s3(Environment env, SdkHttpClient http, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .httpClient(http)
                .region(region(env))
                .credentialsProvider(credentials);
        endpoint(env, "AWS_ENDPOINT_URL_S3").ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder.build();
    }

    public static DynamoDbClient dynamoDb(Environment env) {
        return dynamoDb(env, httpClient(), credentials(env));
    }

    static DynamoDbClient dynamoDb(Environment env, SdkHttpClient http, AwsCredentialsProvider credentials) {
        var builder = DynamoDbClient.builder()
                .httpClient(http)
                .region(region(env))
                .credentialsProvider(credentials);
        endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Secrets Manager, for the shop secret (read once per container, then closed). */
    public static SecretsManagerClient secretsManager(Environment env) {
        return secretsManager(env, httpClient(), credentials(env));
    }

    static SecretsManagerClient secretsManager(Environment env, SdkHttpClient http,
                                               AwsCredentialsProvider credentials) {
        var builder = SecretsManagerClient.builder()
                .httpClient(http)
                .region(region(env))
                .credentialsProvider(credentials);
        endpoint(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * EMR Serverless {@code StartJobRun} for one application and execution role, through the same HTTP client,
     * region and credentials as every other client ({@code AWS_ENDPOINT_URL_EMR_SERVERLESS} overrides the endpoint).
     */
    public static SparkJobLauncher emrServerless(Environment env, String applicationId, String executionRoleArn) {
        Region region = region(env);
        return new io.shopsense.store.emr.EmrServerlessLauncher(httpClient(), credentials(env), region.id(),
                endpoint(env, "AWS_ENDPOINT_URL_EMR_SERVERLESS")
                        .orElseGet(() -> io.shopsense.store.emr.EmrServerlessLauncher.defaultEndpoint(region.id())),
                applicationId, executionRoleArn);
    }

    /** The endpoint a service-specific or general variable names, if any (the SDK's own convention). */
    static Optional<URI> endpoint(Environment env, String serviceVariable) {
        if (env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false").equalsIgnoreCase("true")) {
            return Optional.empty();
        }
        return env.optional(serviceVariable).or(() -> env.optional("AWS_ENDPOINT_URL")).map(URI::create);
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    private static Region region(Environment env) {
        return Region.of(env.optional("AWS_REGION").or(() -> env.optional("AWS_DEFAULT_REGION")).orElse(DEFAULT_REGION));
    }

    private static AwsCredentialsProvider credentials(Environment env) {
        // In Lambda the default chain reads the role's credentials; the local cloud binds static ones.
        if (env.isProcessEnvironment()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String id = env.require("AWS_ACCESS_KEY_ID");
        String secret = env.require("AWS_SECRET_ACCESS_KEY");
        return StaticCredentialsProvider.create(env.optional("AWS_SESSION_TOKEN")
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(id, secret, token))
                .orElseGet(() -> AwsBasicCredentials.create(id, secret)));
    }
}
