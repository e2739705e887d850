package io.shopsense.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.shopsense.runtime.Environment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class SdkPrimingTest {
    /** An endpoint nobody listens on: a request that reached the network would fail to connect. */
    private static final Environment OFFLINE = Environment.of(Map.of(
            "AWS_ENDPOINT_URL", "http://127.0.0.1:9", "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret"));

    @Test
    void everyStoreOperation_runsThroughTheSdkOfflineAndSucceeds() {
        assertThatCode(() -> SdkPriming.s3(OFFLINE)).doesNotThrowAnyException();
        assertThatCode(() -> SdkPriming.dynamoDb(OFFLINE)).doesNotThrowAnyException();
        assertThatCode(() -> SdkPriming.secretsManager(OFFLINE)).doesNotThrowAnyException();
    }

    @Test
    void cannedClient_readsTheRequestBodyAndAnswers200WithItsBody() throws Exception {
        ByteArrayInputStream sent = new ByteArrayInputStream("payload".getBytes(StandardCharsets.UTF_8));
        HttpExecuteRequest request = HttpExecuteRequest.builder()
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(java.net.URI.create("http://x/k")).build())
                .contentStreamProvider(() -> sent).build();

        HttpExecuteResponse response = new CannedHttpClient("{}".getBytes(StandardCharsets.UTF_8))
                .prepareRequest(request).call();

        assertThat(response.httpResponse().statusCode()).isEqualTo(200);
        assertThat(new String(response.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{}");
        assertThat(sent.available()).isZero();
    }
}
