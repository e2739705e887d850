package io.shopsense.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never opens a connection: it reads each request's body, as a real client would, and answers
 * 200 with one fixed body. SnapStart priming ({@link SdkPriming}) runs the SDK's whole request path through it
 * (marshalling, signing, interceptors, endpoint rules, unmarshalling) so those classes are in the snapshot, without
 * sending anything.
 */
final class CannedHttpClient implements SdkHttpClient {
    private final byte[] body;

    CannedHttpClient(byte[] body) {
        this.body = body.clone();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                request.contentStreamProvider().ifPresent(provider -> drain(provider.newStream()));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Length", Integer.toString(body.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing is in flight.
            }
        };
    }

    private static void drain(InputStream in) {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return "canned";
    }

    @Override
    public void close() {
        // No connections.
    }
}
