package io.shopsense.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.model.Ids;
import io.shopsense.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API request with validated accessors: every id, number, date and body the API reads goes through here, and
 * anything malformed becomes a 400 naming the parameter.
 */
public final class ApiRequest {
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final JsonFactory STRICT_JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** The route key API Gateway matched, e.g. {@code GET /users/{id}/profile}. */
    public String route() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    /** Who is calling, as the API's authoriser verified it (see {@link Caller}). */
    public Caller caller() {
        return Caller.of(event);
    }

    public String requestId() {
        return event.getRequestContext() == null ? "" : String.valueOf(event.getRequestContext().getRequestId());
    }

    /** When API Gateway received the request ({@code requestContext.timeEpoch}); the same on a replayed event. */
    public Instant time() {
        var context = event.getRequestContext();
        if (context == null || context.getTimeEpoch() <= 0) {
            throw new IllegalStateException("the event has no requestContext.timeEpoch: not an HTTP API v2 event");
        }
        return Instant.ofEpochMilli(context.getTimeEpoch());
    }

    /** A path parameter that must be an id. */
    public String id(String name) {
        String value = pathParameter(name).orElseThrow(() -> ApiException.badRequest("missing path parameter " + name));
        return checkId(name, value);
    }

    /** {@code value} when it follows the one id rule ({@link Ids}), else a 400 naming {@code name} and the problem. */
    public static String checkId(String name, String value) {
        String problem = Ids.problem(value);
        if (problem != null) {
            throw ApiException.badRequest(name + " " + problem + "; ids are " + Ids.RULE);
        }
        return value;
    }

    public Optional<String> pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        return Optional.ofNullable(parameters == null ? null : parameters.get(name));
    }

    public Optional<String> query(String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value != null && value.length() > 2048) {
            throw ApiException.badRequest("query parameter " + name + " is too long");
        }
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    /** An integer query parameter within bounds, or the default when absent. */
    public int intQuery(String name, int fallback, int min, int max) {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value < min || value > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }

    public Optional<LocalDate> dateQuery(String name) {
        return query(name).map(text -> {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(name + " must be a date (YYYY-MM-DD)");
            }
        });
    }

    /** The body parsed as strict JSON ({@link #parseJson}); 400 when it is missing or not such JSON. */
    public JsonNode jsonBody() {
        return parseJson(body());
    }

    /**
     * The one parser of request JSON (API, assistant, live events): one JSON value and nothing after it, no object
     * with the same key twice (readers would disagree on which one counts). Anything else is a 400 saying which.
     */
    public static JsonNode parseJson(String text) {
        try (JsonParser parser = STRICT_JSON.createParser(text)) {
            JsonNode node = Json.MAPPER.readTree(parser);
            if (node == null) {
                throw ApiException.badRequest("body is empty: a JSON value is required");
            }
            long end = parser.currentLocation().getCharOffset();
            if (hasMoreTokens(parser)) {
                throw ApiException.badRequest("body has text after its JSON value (which ends at character " + end
                        + ")");
            }
            return node;
        } catch (StreamReadException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field '")) {
                String key = message.substring("Duplicate field '".length(), message.lastIndexOf('\''));
                throw ApiException.badRequest("body has the key \"" + (key.length() > 64 ? key.substring(0, 64) + "…"
                        : key) + "\" twice in one object");
            }
            throw ApiException.badRequest("body is not valid JSON (at character "
                    + (e.getLocation() == null ? 0 : e.getLocation().getCharOffset()) + ")");
        } catch (IOException e) {
            throw ApiException.badRequest("body is not valid JSON");
        }
    }

    private static boolean hasMoreTokens(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (StreamReadException e) {
            return true; // garbage that is not even a JSON token
        }
    }

    /** The request body as text (decoded when API Gateway base64-encoded it), bounded in size. */
    public String body() {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("a JSON body is required");
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("body is not valid base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "payload_too_large", "body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
