package io.shopsense.function.trackevents;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.shopsense.http.ApiRequest;
import io.shopsense.http.ApiResponses;
import io.shopsense.model.Event;
import io.shopsense.clean.RejectReason;
import io.shopsense.pipeline.Erasures;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.security.ErasedCustomers;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * track-events: {@code POST /events}. Validates live events (400 naming the field otherwise), folds them into the
 * customers' profiles at once (exactly once per eventId: a retried event changes nothing), and batches them into
 * {@code clean/events/} for training. Events of erased customers are dropped and counted as {@code ERASED}.
 */
public final class TrackEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Telemetry telemetry = Telemetry.forFunction("track-events");
    private final LiveEvents parser;
    private final ProfileUpdater profiles;
    private final EventBatcher batcher;
    private final Erasures erasures;

    public TrackEventsHandler() {
        this(Wiring.fromEnv());
    }

    private TrackEventsHandler(Wiring wiring) {
        this(new LiveEvents(wiring.clock(), wiring.shopCurrency()), wiring.profileUpdater(),
                new EventBatcher(wiring.dataBucket(), wiring.clock()), wiring.erasures());
    }

    TrackEventsHandler(LiveEvents parser, ProfileUpdater profiles, EventBatcher batcher, Erasures erasures) {
        this.erasures = erasures;
        this.parser = parser;
        this.profiles = profiles;
        this.batcher = batcher;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        return ApiResponses.handle(telemetry, request, context, outcome -> {
            List<Event> parsed = parser.parse(request.jsonBody());
            ErasedCustomers erased = erasures.load();
            List<Event> events = parsed.stream().filter(e -> !erased.contains(e.userId())).toList();
            ProfileUpdater.Result folded = events.isEmpty() ? ProfileUpdater.Result.NOTHING : profiles.fold(events);
            List<String> written = events.isEmpty() ? List.of() : batcher.add(events);
            outcome.count(Metric.EVENTS_ACCEPTED, events.size()).count(Metric.PROFILES_UPDATED, folded.updated())
                    .rejected(RejectReason.ERASED.code(), parsed.size() - events.size());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", events.size());
            // Counted, nothing else kept: not the id, not the event.
            answer.put("dropped", parsed.size() == events.size() ? Map.of()
                    : Map.of(RejectReason.ERASED.code(), parsed.size() - events.size()));
            answer.put("eventIds", events.stream().map(Event::eventId).toList());
            answer.put("profilesUpdated", folded.updated());
            answer.put("alreadyRecorded", folded.unchanged());
            answer.put("trainingObjectsWritten", written);
            return ApiResponses.json(202, answer);
        });
    }
}
