package io.shopsense.store.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.store.Json;
import io.shopsense.store.SparkJobLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * EMR Serverless {@code StartJobRun} over its REST API ({@code POST /applications/{applicationId}/jobruns}), signed
 * with the SDK's own SigV4 signer (service {@code emr-serverless}) and sent through the SDK HTTP client the other
 * clients use. A plain client because the SDK's {@code emrserverless} module is not available to this build; it
 * covers the one call the functions make.
 */
public final class EmrServerlessLauncher implements SparkJobLauncher {
    static final String SIGNING_NAME = "emr-serverless";

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI endpoint;
    private final String applicationId;
    private final String executionRoleArn;

    /**
     * @param endpoint {@code https://emr-serverless.{region}.amazonaws.com}, or a local stand-in
     */
    public EmrServerlessLauncher(SdkHttpClient http, AwsCredentialsProvider credentials, String region, URI endpoint,
                                 String applicationId, String executionRoleArn) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
        this.applicationId = applicationId;
        this.executionRoleArn = executionRoleArn;
    }

    /** The service's public endpoint in a region. */
    public static URI defaultEndpoint(String region) {
        return URI.create("https://emr-serverless." + region + ".amazonaws.com");
    }

    @Override
    public String start(JobRun run) throws IOException {
        byte[] body = Json.MAPPER.writeValueAsBytes(requestBody(run, executionRoleArn));
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/applications/" + URLEncoder.encode(applicationId, StandardCharsets.UTF_8)
                        + "/jobruns"))
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null)).build()).call();
        JsonNode answer;
        try (InputStream in = response.responseBody().map(InputStream.class::cast)
                .orElse(InputStream.nullInputStream())) {
            byte[] bytes = in.readAllBytes();
            answer = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
        }
        int status = response.httpResponse().statusCode();
        if (status / 100 != 2) {
            // the service's error type and message name what was wrong (no secret is in them)
            throw new IOException("StartJobRun on application " + applicationId + " answered " + status + " "
                    + response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse("")
                    + " " + answer.path("message").asText(answer.path("Message").asText("")));
        }
        String jobRunId = answer.path("jobRunId").asText("");
        if (jobRunId.isEmpty()) {
            throw new IOException("StartJobRun on application " + applicationId + " answered without a jobRunId");
        }
        return jobRunId;
    }

    /** The documented request body: clientToken, executionRoleArn, jobDriver.sparkSubmit, name. */
    static ObjectNode requestBody(JobRun run, String executionRoleArn) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("clientToken", run.clientToken());
        body.put("executionRoleArn", executionRoleArn);
        body.put("name", run.name());
        ObjectNode sparkSubmit = body.putObject("jobDriver").putObject("sparkSubmit");
        sparkSubmit.put("entryPoint", run.entryPoint());
        run.entryPointArguments().forEach(sparkSubmit.putArray("entryPointArguments")::add);
        sparkSubmit.put("sparkSubmitParameters", run.sparkSubmitParameters());
        return body;
    }
}
