package io.shopsense.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** Test function: answers its first call, then fails with an {@link Error} (as a handler out of stack would). */
public final class ErrorThrowingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private int calls;

    @Override
    public synchronized APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (calls++ > 0) {
            throw new StackOverflowError("call " + calls + " of " + event.getRouteKey());
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(event.getRawPath()).build();
    }
}
