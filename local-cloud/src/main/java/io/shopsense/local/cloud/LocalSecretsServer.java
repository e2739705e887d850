package io.shopsense.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopsense.local.template.Specs.SecretSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's Secrets Manager secrets on a loopback port, speaking the part of the service's JSON protocol the
 * functions use ({@code secretsmanager.GetSecretValue}), so the functions make the same SDK call they make in AWS
 * (and the least-privilege audit sees it). Each value is generated once, like {@code GenerateSecretString}, and kept
 * in a key file readable by its owner only ({@code secrets/{name}}, mode 0600) under the state directory, so erasure
 * records written before a restart are still recognised after it; without a state directory it lives in memory.
 */
public final class LocalSecretsServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final HttpServer server;
    private final Map<String, SecretSpec> byIdOrName = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private LocalSecretsServer(List<SecretSpec> secrets, Path directory) throws IOException {
        for (SecretSpec secret : secrets) {
            byIdOrName.put(secret.arn(), secret);
            byIdOrName.put(secret.name(), secret);
            values.put(secret.arn(), directory == null ? generate() : keyFile(directory.resolve(secret.name())));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param directory where the key files live, or null to keep the values in memory only */
    public static LocalSecretsServer start(List<SecretSpec> secrets, Path directory) throws IOException {
        return new LocalSecretsServer(secrets, directory);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                answer(exchange, 400, error("UnknownOperationException", "the local cloud serves GetSecretValue only"));
                return;
            }
            SecretSpec secret = body == null ? null : byIdOrName.get(body.path("SecretId").asText());
            if (secret == null) {
                answer(exchange, 400, error("ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret."));
                return;
            }
            ObjectNode value = JSON.createObjectNode()
                    .put("ARN", secret.arn())
                    .put("Name", secret.name())
                    .put("VersionId", "00000000-0000-0000-0000-000000000001")
                    .put("SecretString", values.get(secret.arn()))
                    .put("CreatedDate", 0);
            value.putArray("VersionStages").add("AWSCURRENT");
            answer(exchange, 200, value);
        }
    }

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** 64 hex characters of fresh randomness, as the template's 64-character generated string. */
    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The key file's value, created (owner read/write only) with a fresh value when missing. */
    private static String keyFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, generate(), StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException kept) {
            // the value of an earlier run: erasure records keyed with it must keep matching
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
