package io.shopsense.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopsense.runtime.Environment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Test function: answers with what it received, so tests can check the HTTP API v2 event the gateway built. */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String stageLabel = Environment.current().require("STAGE_LABEL");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ObjectNode body = JSON.createObjectNode();
        body.put("routeKey", event.getRouteKey());
        body.put("stage", stageLabel);
        body.set("pathParameters", JSON.valueToTree(event.getPathParameters()));
        body.set("query", JSON.valueToTree(event.getQueryStringParameters()));
        body.set("cookies", JSON.valueToTree(event.getCookies()));
        body.put("isBase64Encoded", event.getIsBase64Encoded());
        if (event.getBody() != null) {
            byte[] bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                    : event.getBody().getBytes(StandardCharsets.UTF_8);
            body.put("bodyBytes", bytes.length);
            body.put("bodyText", new String(bytes, StandardCharsets.UTF_8));
        }
        body.put("method", event.getRequestContext().getHttp().getMethod());
        var authorizer = event.getRequestContext().getAuthorizer();
        if (authorizer != null && authorizer.getJwt() != null) {
            body.set("claims", JSON.valueToTree(authorizer.getJwt().getClaims()));
            body.set("scopes", JSON.valueToTree(authorizer.getJwt().getScopes()));
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(event.getRawPath().endsWith("/teapot") ? 418 : 200)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Echo", "yes"))
                .withBody(body.toString())
                .build();
    }
}
