package io.shopsense.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.store.Json;
import io.shopsense.telemetry.Outcome;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;
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

    /** One call of a route, answering as every handler must; it may note counts in the invocation's outcome. */
    @FunctionalInterface
    public interface Route {
        APIGatewayV2HTTPResponse answer(Outcome outcome) throws Exception;
    }

    /**
     * Runs one request as one invocation of {@code telemetry}'s function: a refusal ({@link ApiException}) becomes
     * its 4xx; anything else is logged with its stack trace, the request id and route for the operator and answered
     * with a generic 500 that tells the caller nothing about the internals. The outcome record carries the route and
     * status (the API's request, 4xx and 5xx metrics).
     */
    public static APIGatewayV2HTTPResponse handle(Telemetry telemetry, ApiRequest request, Context context,
                                                  Route route) {
        Trigger trigger = Trigger.http(request.route());
        return telemetry.run(context, trigger, outcome -> {
            APIGatewayV2HTTPResponse response;
            try {
                response = route.answer(outcome);
            } catch (ApiException refused) {
                response = error(refused);
            } catch (Exception | Error failure) {
                telemetry.logFailure(context, trigger, failure);
                response = internalError();
            }
            outcome.http(request.route(), response.getStatusCode());
            return response;
        });
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
