package io.shopsense.function.trackevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.shopsense.http.ApiRequest;
import io.shopsense.http.ApiResponses;
import io.shopsense.model.Event;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.pipeline.Wiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * track-events: {@code POST /events}. Validates live events (400 naming the field otherwise), folds them into the
 * customers' profiles at once (exactly once per eventId: a retried event changes nothing), and batches them into
 * {@code clean/events/} for training.
 */
public final class TrackEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final LiveEvents parser;
    private final ProfileUpdater profiles;
    private final EventBatcher batcher;

    public TrackEventsHandler() {
        this(Wiring.fromEnv());
    }

    private TrackEventsHandler(Wiring wiring) {
        this(new LiveEvents(wiring.clock(), wiring.env().require("SHOP_CURRENCY")), wiring.profileUpdater(),
                new EventBatcher(wiring.dataBucket(), wiring.clock()));
    }

    TrackEventsHandler(LiveEvents parser, ProfileUpdater profiles, EventBatcher batcher) {
        this.parser = parser;
        this.profiles = profiles;
        this.batcher = batcher;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        return ApiResponses.handle(request, context, () -> {
            List<Event> events = parser.parse(request.jsonBody());
            ProfileUpdater.Result folded = profiles.fold(events);
            List<String> written = batcher.add(events);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", events.size());
            answer.put("eventIds", events.stream().map(Event::eventId).toList());
            answer.put("profilesUpdated", folded.updated());
            answer.put("alreadyRecorded", folded.unchanged());
            answer.put("trainingObjectsWritten", written);
            return ApiResponses.json(202, answer);
        });
    }
}
