package io.shopsense.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.store.Json;
import java.util.Map;

/** HTTP API responses: JSON bodies, and errors as {@code {error, message}} that never echo an exception. */
public final class ApiResponses {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "application/json",
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");

    private ApiResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return raw(status, body instanceof String text ? text : JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            return internalError();
        }
    }

    /** A body that is already JSON text (e.g. a stored profile), sent without re-encoding. */
    public static APIGatewayV2HTTPResponse raw(int status, String jsonText) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(HEADERS).withBody(jsonText).build();
    }

    public static APIGatewayV2HTTPResponse error(ApiException e) {
        ObjectNode body = JSON.createObjectNode().put("error", e.error()).put("message", e.getMessage());
        return raw(e.status(), body.toString());
    }

    /** The only answer to an unexpected failure: generic, with no detail from the exception. */
    public static APIGatewayV2HTTPResponse internalError() {
        return raw(500, "{\"error\":\"internal_error\",\"message\":\"something went wrong; it has been logged\"}");
    }
}
