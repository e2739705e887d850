package io.shopsense.store.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.shopsense.store.Json;
import io.shopsense.store.SparkJobLauncher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** StartJobRun as the service documents it, against a loopback server that records what arrives. */
class EmrServerlessLauncherTest {
    private static final SparkJobLauncher.JobRun RUN = new SparkJobLauncher.JobRun("shopsense-profiles-2011-12-09",
            "profiles-0123456789abcdef0123456789abcdef", "s3://shop-data/jobs/shopsense-jobs-emr.jar",
            List.of("profiles", "--events", "s3://shop-data", "--as-of", "2011-12-09"),
            "--class io.shopsense.jobs.SparkJobs");

    private HttpServer server;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private volatile int status = 200;
    private volatile String answer = "{\"applicationId\":\"00app\",\"jobRunId\":\"00run1\",\"arn\":\"arn\"}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            seen.put("method", exchange.getRequestMethod());
            seen.put("path", exchange.getRequestURI().getPath());
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("contentLength", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Length")));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            if (status != 200) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", "ResourceNotFoundException");
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private EmrServerlessLauncher launcher() {
        return new EmrServerlessLauncher(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "eu-west-1",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "00app",
                "arn:aws:iam::123456789012:role/shopsense-SparkJobRole");
    }

    @Test
    void start_postsTheDocumentedBody_signedForEmrServerless_andReturnsTheJobRunId() throws Exception {
        String jobRunId = launcher().start(RUN);

        assertThat(jobRunId).isEqualTo("00run1");
        assertThat(seen).containsEntry("method", "POST").containsEntry("path", "/applications/00app/jobruns");
        assertThat(seen.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/emr-serverless/aws4_request", "SignedHeaders=", "Signature=");
        assertThat(seen.get("contentLength")).isEqualTo(Integer.toString(seen.get("body").getBytes(StandardCharsets.UTF_8).length));
        JsonNode body = Json.MAPPER.readTree(seen.get("body"));
        assertThat(body.path("clientToken").asText()).isEqualTo(RUN.clientToken());
        assertThat(body.path("executionRoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/shopsense-SparkJobRole");
        assertThat(body.path("name").asText()).isEqualTo("shopsense-profiles-2011-12-09");
        JsonNode submit = body.path("jobDriver").path("sparkSubmit");
        assertThat(submit.path("entryPoint").asText()).isEqualTo("s3://shop-data/jobs/shopsense-jobs-emr.jar");
        assertThat(submit.path("entryPointArguments")).extracting(JsonNode::asText)
                .containsExactly("profiles", "--events", "s3://shop-data", "--as-of", "2011-12-09");
        assertThat(submit.path("sparkSubmitParameters").asText()).isEqualTo("--class io.shopsense.jobs.SparkJobs");
    }

    @Test
    void start_aRefusal_failsNamingTheStatusAndTheServicesError() {
        status = 404;
        answer = "{\"message\":\"Application 00app does not exist\"}";

        assertThatThrownBy(() -> launcher().start(RUN)).isInstanceOf(IOException.class)
                .hasMessageContaining("404").hasMessageContaining("ResourceNotFoundException")
                .hasMessageContaining("Application 00app does not exist");
    }
}
