package io.shopsense.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One HTTP API request with validated accessors: every id, number, date and body the API reads goes through here, and
 * anything malformed becomes a 400 naming the parameter.
 */
public final class ApiRequest {
    /** Ids as shops write them (order numbers, SKUs, hashed emails): letters, digits and {@code . _ : @ -}. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    public static final int MAX_BODY_BYTES = 256 * 1024;

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

    public static String checkId(String name, String value) {
        if (!ID.matcher(value).matches()) {
            throw ApiException.badRequest(name + " must be 1 to 128 letters, digits or . _ : @ -");
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

    /** The body parsed as JSON; 400 when it is missing or not JSON. */
    public com.fasterxml.jackson.databind.JsonNode jsonBody() {
        try {
            return io.shopsense.store.Json.MAPPER.readTree(body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("body is not valid JSON");
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
