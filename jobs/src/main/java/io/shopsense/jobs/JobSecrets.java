package io.shopsense.jobs;

import io.shopsense.security.ShopSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The shop secret for a clean job that must drop erased customers' rows, as clean-upload does: their erasure records
 * are named by a keyed hash of the id, so every executor hashes with the secret. Read once per JVM, from Secrets
 * Manager (an ARN: the job role may read that one secret; {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} points at the
 * local cloud's stand-in) or from a file (the local cloud's generated secret, for {@code ./shopsense spark clean}).
 */
final class JobSecrets {
    private static final Map<String, ShopSecret> SECRETS = new ConcurrentHashMap<>();

    private JobSecrets() {
    }

    static ShopSecret shopSecret(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("erasure records exist: --shop-secret must name the shop secret");
        }
        return SECRETS.computeIfAbsent(source, JobSecrets::read);
    }

    private static ShopSecret read(String source) {
        if (!source.startsWith("arn:")) {
            try {
                return ShopSecret.ofText(Files.readString(Path.of(source), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shop secret from " + source, e);
            }
        }
        String[] arn = source.split(":", 7); // arn:partition:secretsmanager:region:account:secret:name
        if (arn.length < 7 || arn[3].isEmpty()) {
            throw new IllegalArgumentException("not a Secrets Manager ARN: " + source);
        }
        var builder = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(arn[3])).credentialsProvider(DefaultCredentialsProvider.builder().build());
        Sessions.secretsEndpoint().ifPresent(builder::endpointOverride);
        try (SecretsManagerClient secrets = builder.build()) {
            return ShopSecret.ofText(secrets.getSecretValue(b -> b.secretId(source)).secretString());
        }
    }
}
