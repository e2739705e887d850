package io.shopsense.function.marketingapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.shopsense.http.ApiException;
import io.shopsense.http.ApiRequest;
import io.shopsense.http.ApiResponses;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Telemetry;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * marketing-api: the HTTP API routes of {@code template.yaml}. Decodes and validates the request, calls one
 * {@link MarketingApi} method, maps the result; domain errors become 4xx JSON, anything else a generic 500.
 */
public final class MarketingApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Telemetry telemetry = Telemetry.forFunction("marketing-api");
    private final MarketingApi api;
    private final Dashboard dashboard;

    public MarketingApiHandler() {
        this(Wiring.fromEnv());
    }

    private MarketingApiHandler(Wiring wiring) {
        this(fromEnv(wiring), new Dashboard(wiring.dataBucket(),
                new Dashboard.Shop(wiring.shopCurrency(), wiring.shopZone())));
    }

    MarketingApiHandler(MarketingApi api, Dashboard dashboard) {
        this.api = api;
        this.dashboard = dashboard;
    }

    private static MarketingApi fromEnv(Wiring wiring) {
        return new MarketingApi(
                wiring.recommendationStore(),
                wiring.profileStore(),
                wiring.adPlanStore(),
                wiring.dataBucket(),
                wiring.clock(),
                wiring.shopZone(),
                wiring::shopSecret); // fetched on the first erasure or segment page, not at cold start
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        return ApiResponses.handle(telemetry, request, context, outcome -> route(request));
    }

    private APIGatewayV2HTTPResponse route(ApiRequest request) {
        return switch (request.route()) {
            case "GET /users/{id}/recommendations" -> {
                String userId = request.id("id");
                yield ApiResponses.json(200, api.recommendations(userId,
                        request.caller().customerFor(userId).isPresent(), request.intQuery("n", 10, 1, 50),
                        request.query("category"), excluded(request)));
            }
            case "GET /users/{id}/profile" -> ApiResponses.raw(200, api.profile(request.id("id")));
            case "GET /items/{id}/similar" -> ApiResponses.json(200, api.similar(request.id("id"),
                    request.intQuery("n", 10, 1, 20)));
            case "GET /segments/{name}" -> ApiResponses.json(200, api.segment(
                    request.pathParameter("name").orElse(""), request.intQuery("limit", 25, 1, 100),
                    request.query("cursor").orElse(null)));
            case "GET /campaigns/{id}/plan" -> ApiResponses.json(200, api.plan(request.id("id"),
                    request.dateQuery("date")));
            case "POST /campaigns/{id}/results" -> ApiResponses.json(202, api.postResults(request.id("id"),
                    request.jsonBody()));
            case "POST /campaigns" -> ApiResponses.json(202, api.createCampaign(request.body()));
            case "GET /campaigns/{id}/uplift" -> ApiResponses.raw(200, api.uplift(
                    request.pathParameter("id").orElse("")));
            case "GET /dashboard/campaigns" -> ApiResponses.json(200, dashboard.campaigns());
            case "DELETE /users/{id}" -> ApiResponses.json(202, api.deleteUser(request.id("id")));
            case "GET /dashboard/profiles" -> ApiResponses.json(200, dashboard.profiles());
            case "GET /dashboard/data-health" -> ApiResponses.json(200, dashboard.dataHealth());
            case "GET /dashboard/recommendations" -> ApiResponses.json(200, dashboard.recommendations());
            case "GET /dashboard/ads" -> ApiResponses.json(200, dashboard.ads(
                    request.query("campaign").map(id -> ApiRequest.checkId("campaign", id)), request.dateQuery("date")));
            case "GET /dashboard/assistant" -> ApiResponses.json(200, dashboard.assistant());
            case "GET /dashboard/audiences" -> ApiResponses.json(200, dashboard.audiences());
            case "GET /dashboard/reviews" -> ApiResponses.json(200, dashboard.reviews());   // issue #17
            case "GET /audiences" -> ApiResponses.json(200, api.audiences());
            case "GET /audiences/{name}" -> ApiResponses.json(200, api.audience(
                    request.pathParameter("name").orElse(""), request.intQuery("limit", 25, 1, 100),
                    request.query("cursor").orElse(null)));
            default -> throw ApiException.notFound("no route " + request.route());
        };
    }

    private static Set<String> excluded(ApiRequest request) {
        Set<String> ids = request.query("exclude").map(list -> Arrays.stream(list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(id -> ApiRequest.checkId("exclude", id)).collect(Collectors.toSet())).orElse(Set.of());
        if (ids.size() > 100) {
            throw ApiException.badRequest("exclude lists at most 100 item ids");
        }
        return ids;
    }
}
