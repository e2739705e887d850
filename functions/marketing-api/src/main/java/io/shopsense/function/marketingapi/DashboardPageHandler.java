package io.shopsense.function.marketingapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.shopsense.http.ApiException;
import io.shopsense.http.ApiRequest;
import io.shopsense.http.ApiResponses;
import io.shopsense.telemetry.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * dashboard-page: the shop owner's dashboard, four static files from this jar on open routes ({@code GET /dashboard},
 * {@code /dashboard/app.js}, {@code /dashboard/messages.js} (the page's words in Chinese), {@code /dashboard/app.css}).
 * It holds no data and no permissions: the page asks for the API token and loads every panel from the authorised
 * {@code /dashboard/…} routes of marketing-api. The content security policy keeps every request on this origin, so no
 * shop data leaves the stack.
 */
public final class DashboardPageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Scripts, styles and requests only from this origin; no frames, forms, plugins or inline code. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String contentType, String body) {
    }

    private final Telemetry telemetry = Telemetry.forFunction("dashboard-page");
    private final Map<String, Asset> assets;

    public DashboardPageHandler() {
        this.assets = Map.of(
                "GET /dashboard", new Asset("text/html; charset=utf-8", resource("index.html")),
                "GET /dashboard/app.js", new Asset("text/javascript; charset=utf-8", resource("app.js")),
                "GET /dashboard/messages.js", new Asset("text/javascript; charset=utf-8", resource("messages.js")),
                "GET /dashboard/app.css", new Asset("text/css; charset=utf-8", resource("app.css")));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        return ApiResponses.handle(telemetry, request, context, outcome -> {
            Asset asset = assets.get(request.route());
            if (asset == null) {
                throw ApiException.notFound("no route " + request.route());
            }
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(asset.body())
                    .withHeaders(Map.of(
                            "Content-Type", asset.contentType(),
                            "Cache-Control", "no-cache",
                            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                            "X-Content-Type-Options", "nosniff",
                            "Referrer-Policy", "no-referrer",
                            "X-Frame-Options", "DENY"))
                    .build();
        });
    }

    private static String resource(String name) {
        try (InputStream in = DashboardPageHandler.class.getResourceAsStream("dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard/" + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
