package io.shopsense.local.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shopsense.local.template.Specs.FunctionSpec;
import io.shopsense.local.template.Specs.HttpRoute;
import io.shopsense.local.template.StackTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the template's {@code HttpApi} routes on loopback the way API Gateway HTTP APIs do: each request becomes a
 * payload format 2.0 event (route key, path parameters, query string, headers, cookies, body with
 * {@code isBase64Encoded}), the route's function answers synchronously, and its response is mapped back. Routes
 * need a JWT the {@link JwtAuthorizer} accepts (with one of the route's {@code AuthorizationScopes}) unless the
 * template says {@code Authorizer: NONE}; its verified claims reach the function under
 * {@code requestContext.authorizer.jwt}, as on AWS. A URL that does not decode (a bad percent-escape, bytes that are
 * not UTF-8) is a 400 with the API's {@code {error, message}} JSON (the {@link MalformedUrlGuard} in front answers
 * those the JDK's server would refuse with HTML). With the API's
 * {@code CorsConfiguration}, it answers CORS preflight requests itself and adds the CORS headers to responses for an
 * allowed origin, as API Gateway does (the functions never see a preflight).
 */
public final class HttpApiGateway implements AutoCloseable {
    /** API Gateway's payload limit for HTTP APIs. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code requestContext.time} as API Gateway writes it: {@code 03/Dec/2026:09:00:00 +0000}. */
    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private record Route(HttpRoute route, FunctionSpec function, String[] segments) {
    }

    /**
     * An HTTP API's {@code CorsConfiguration}: the allowed origins ({@code *} for any), methods and request headers,
     * and how long a browser may cache a preflight answer.
     */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       int maxAgeSeconds) {
        public Cors {
            allowOrigins = List.copyOf(allowOrigins);
            allowMethods = List.copyOf(allowMethods);
            allowHeaders = List.copyOf(allowHeaders);
        }

        /** No CORS: browsers on other origins are refused by their own same-origin rule. */
        public static Cors none() {
            return new Cors(List.of(), List.of(), List.of(), 0);
        }

        /** From the template's resolved {@code CorsConfiguration} map (null: none). */
        public static Cors of(Object configuration) {
            if (!(configuration instanceof Map<?, ?> map)) {
                return none();
            }
            Object maxAge = map.get("MaxAge");
            return new Cors(strings(map.get("AllowOrigins")), strings(map.get("AllowMethods")),
                    strings(map.get("AllowHeaders")), maxAge == null ? 0 : Integer.parseInt(String.valueOf(maxAge)));
        }

        boolean allows(String origin) {
            return origin != null && (allowOrigins.contains("*") || allowOrigins.contains(origin));
        }

        private static List<String> strings(Object value) {
            return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        }
    }

    private final FunctionHost host;
    private final Cors cors;
    private final JwtAuthorizer authorizer;
    private final List<Route> routes = new ArrayList<>();
    private final HttpServer server;
    private final MalformedUrlGuard front;
    private final ExecutorService workers;

    /** @param authorizer the API's JWT authoriser; null when the template declares none (authorised routes refuse) */
    public HttpApiGateway(FunctionHost host, JwtAuthorizer authorizer, int port, int threads, Cors cors)
            throws IOException {
        this.host = host;
        this.cors = cors;
        this.authorizer = authorizer;
        for (FunctionSpec function : host.functions()) {
            for (HttpRoute route : function.routes()) {
                routes.add(new Route(route, function, segments(route.path())));
            }
        }
        // Literal segments beat parameters, as in API Gateway: /users/me before /users/{id}.
        routes.sort(Comparator.comparingInt((Route r) -> -literalCount(r.segments())));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "http-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
        front = new MalformedUrlGuard(port, server.getAddress());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + front.port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (method.equals("OPTIONS") && origin != null
                    && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
                preflight(exchange, origin);
                return;
            }
            if (cors.allows(origin)) {
                // Set before the function's headers are copied: API Gateway's CORS headers win over the function's.
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().add("Vary", "Origin");
            }
            Map<String, String> pathParameters = new LinkedHashMap<>();
            Optional<Route> match;
            Map<String, List<String>> query;
            try {
                match = match(method, path, pathParameters);
                query = queryParameters(exchange.getRequestURI().getRawQuery());
            } catch (MalformedUrlException malformed) {
                sendError(exchange, 400, "bad_request", malformed.getMessage());
                return;
            }
            if (match.isEmpty()) {
                send(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            Route route = match.get();
            JwtAuthorizer.Decision decision = null;
            if (route.route().authorized()) {
                decision = authorizer == null
                        ? new JwtAuthorizer.Decision(401, "unauthorized", "the template declares no JWT authoriser",
                        Map.of(), List.of())
                        : authorizer.authorize(exchange.getRequestHeaders().get("Authorization"), route.route().scopes());
                if (!decision.allowed()) {
                    sendError(exchange, decision.status(), decision.error(), decision.message());
                    return;
                }
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            String event = event(exchange, route, pathParameters, query, decision, body);
            String response;
            try {
                response = host.invoke(route.function().logicalId(), event);
            } catch (Exception | Error failure) {
                LocalLog.log("ERROR", "function", route.function().name(),
                        "route", route.route().method() + " " + route.route().path(),
                        "error", failure.getClass().getName() + ": " + failure.getMessage());
                send(exchange, 500, "{\"message\":\"Internal Server Error\"}");
                return;
            }
            respond(exchange, response);
        }
    }

    /**
     * A CORS preflight, answered by the gateway as API Gateway does when the API has a CORS configuration: 204 with
     * the allowed methods and headers for an allowed origin, 204 without CORS headers (so the browser refuses) for
     * any other.
     */
    private void preflight(HttpExchange exchange, String origin) throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (cors.allows(origin)) {
            out.set("Access-Control-Allow-Origin", origin);
            out.set("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
            out.set("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
            if (cors.maxAgeSeconds() > 0) {
                out.set("Access-Control-Max-Age", Integer.toString(cors.maxAgeSeconds()));
            }
            out.add("Vary", "Origin");
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private Optional<Route> match(String method, String rawPath, Map<String, String> parameters) {
        String[] parts = segments(rawPath);
        for (Route route : routes) {
            String routeMethod = route.route().method();
            if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            if (matches(route.segments(), parts, found)) {
                parameters.putAll(found);
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String[] pattern, String[] parts, Map<String, String> parameters) {
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("+}")) {
                if (i >= parts.length) {
                    return false;
                }
                List<String> rest = new ArrayList<>();
                for (int j = i; j < parts.length; j++) {
                    rest.add(decode(parts[j], false));
                }
                parameters.put(p.substring(1, p.length() - 2), String.join("/", rest));
                return true;
            }
            if (i >= parts.length) {
                return false;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                parameters.put(p.substring(1, p.length() - 1), decode(parts[i], false));
            } else if (!p.equals(parts[i])) {
                return false;
            }
        }
        return pattern.length == parts.length;
    }

    /** The API Gateway HTTP API payload format 2.0 event; {@code decision} is the authoriser's (null: open route). */
    private String event(HttpExchange exchange, Route route, Map<String, String> pathParameters,
                         Map<String, List<String>> query, JwtAuthorizer.Decision decision, byte[] body) {
        URI uri = exchange.getRequestURI();
        String routeKey = route.route().method() + " " + route.route().path();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0").put("routeKey", routeKey).put("rawPath", uri.getRawPath())
                .put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery());
        Headers requestHeaders = exchange.getRequestHeaders();
        List<String> cookies = new ArrayList<>();
        ObjectNode headers = event.putObject("headers");
        requestHeaders.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> {
                    for (String cookie : v.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                });
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach((name, values) -> q.put(name, String.join(",", values)));
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        long now = System.currentTimeMillis();
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", StackTemplate.LOCAL_ACCOUNT).put("apiId", "local")
                .put("domainName", "127.0.0.1").put("domainPrefix", "local")
                .put("requestId", UUID.randomUUID().toString()).put("routeKey", routeKey).put("stage", "$default")
                .put("time", apiTime(now)).put("timeEpoch", now);
        context.putObject("http").put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                .put("path", uri.getRawPath()).put("protocol", exchange.getProtocol())
                .put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress())
                .put("userAgent", Optional.ofNullable(requestHeaders.getFirst("User-Agent")).orElse(""));
        if (decision != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            decision.claims().forEach(claims::put);
            decision.scopes().forEach(jwt.putArray("scopes")::add);
        }
        if (body.length > 0) {
            Optional<String> text = utf8Text(requestHeaders.getFirst("Content-Type"), body);
            event.put("body", text.orElseGet(() -> Base64.getEncoder().encodeToString(body)));
            event.put("isBase64Encoded", text.isEmpty());
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    private void respond(HttpExchange exchange, String responseJson) throws IOException {
        JsonNode response;
        try {
            response = JSON.readTree(responseJson);
        } catch (IOException notJson) {
            send(exchange, 500, "{\"message\":\"Internal Server Error\"}");
            return;
        }
        if (response == null || !response.has("statusCode")) {
            // Payload 2.0 without a statusCode: API Gateway answers 200 with the value as a JSON body.
            send(exchange, 200, responseJson == null || responseJson.equals("null") ? "" : responseJson);
            return;
        }
        Headers out = exchange.getResponseHeaders();
        // With a CORS configuration, API Gateway ignores the CORS headers a function returns.
        boolean gatewayCors = !cors.allowOrigins().isEmpty();
        response.path("headers").fields().forEachRemaining(h -> {
            if (!(gatewayCors && h.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-"))) {
                out.set(h.getKey(), h.getValue().asText());
            }
        });
        response.path("multiValueHeaders").fields().forEachRemaining(h -> h.getValue()
                .forEach(v -> out.add(h.getKey(), v.asText())));
        response.path("cookies").forEach(cookie -> out.add("Set-Cookie", cookie.asText()));
        JsonNode bodyNode = response.get("body");
        byte[] body = bodyNode == null || bodyNode.isNull() ? new byte[0]
                : response.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(bodyNode.asText())
                : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        if (!out.containsKey("Content-Type") && body.length > 0) {
            out.set("Content-Type", "application/json");
        }
        int status = response.path("statusCode").asInt(200);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }

    /** A refusal in the API's own error shape, {@code {"error", "message"}}. */
    private static void sendError(HttpExchange exchange, int status, String error, String message) throws IOException {
        send(exchange, status, JSON.createObjectNode().put("error", error).put("message", message).toString());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
    }

    /** The body, or null when it is larger than API Gateway accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    /** Text content types that decode as UTF-8 pass as text; anything else is base64, as API Gateway does. */
    private static Optional<String> utf8Text(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean textual = type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("x-www-form-urlencoded") || type.contains("javascript");
        if (!textual) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException binary) {
            return Optional.empty();
        }
    }

    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** A URL that does not decode; answered 400 like any other bad request. */
    static final class MalformedUrlException extends RuntimeException {
        MalformedUrlException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Percent-decodes one path segment or query part strictly: a {@code %} not followed by two hex digits, or bytes
     * that are not UTF-8, make the URL malformed ({@code +} is a space in the query only, as in forms).
     */
    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0) {
            return plusIsSpace ? text.replace('+', ' ') : text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (low < 0) {
                    throw new MalformedUrlException("the URL has a malformed percent-escape");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new MalformedUrlException("the URL's percent-escapes are not UTF-8");
        }
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static int literalCount(String[] segments) {
        int count = 0;
        for (String s : segments) {
            if (!s.startsWith("{")) {
                count++;
            }
        }
        return count;
    }

    static String apiTime(long epochMillis) {
        return API_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    @Override
    public void close() {
        front.close();
        server.stop(0);
        workers.shutdownNow();
    }
}
