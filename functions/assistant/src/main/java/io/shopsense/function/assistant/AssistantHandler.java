package io.shopsense.function.assistant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.assistant.Answer;
import io.shopsense.assistant.Assistant;
import io.shopsense.assistant.AssistantConfig;
import io.shopsense.assistant.OrderLookup;
import io.shopsense.http.ApiException;
import io.shopsense.http.ApiRequest;
import io.shopsense.http.ApiResponses;
import io.shopsense.model.Event;
import io.shopsense.pipeline.CleanRows;
import io.shopsense.pipeline.CurrentAssistant;
import io.shopsense.pipeline.Erasures;
import io.shopsense.pipeline.Layout;
import io.shopsense.pipeline.UnansweredLog;
import io.shopsense.pipeline.Wiring;
import io.shopsense.security.ErasedCustomers;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * assistant: {@code POST /assistant/ask {question, userId?}}. Searches the newest index of the FAQ and catalogue
 * that assistant-index stored ({@link CurrentAssistant}: read on first use, then looked for by ETag at most every
 * {@code ASSISTANT_INDEX_CHECK_SECONDS}); order answers only for the caller's own customer
 * ({@link io.shopsense.http.Caller}), from the customer's clean events, loaded on the first
 * such question. Below the confidence threshold it says it does not know and offers the shop's contact, and keeps
 * the question for the dashboard ({@link UnansweredLog}).
 */
public final class AssistantHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_QUESTION_CHARS = 2_000;

    private final Telemetry telemetry = Telemetry.forFunction("assistant");
    private final Supplier<Assistant> assistant;
    private final OrderLookup orders;
    private final UnansweredLog unanswered;
    private final ZoneId shopZone;

    public AssistantHandler() {
        this(Wiring.fromEnv());
    }

    private AssistantHandler(Wiring wiring) {
        this(new CurrentAssistant(wiring.dataBucket(), AssistantConfig.withContact(wiring.shopContact())
                        .withLocale(wiring.shopCurrency(), wiring.shopZone()),
                        wiring.assistantIndexCheck(),
                        Clock.systemUTC()),
                ordersFrom(wiring.dataBucket(), wiring.erasures()),
                new UnansweredLog(wiring.dataBucket(), wiring.erasures()::load), wiring.shopZone());
    }

    AssistantHandler(Supplier<Assistant> assistant, OrderLookup orders, UnansweredLog unanswered, ZoneId shopZone) {
        this.assistant = assistant;
        this.orders = orders;
        this.unanswered = unanswered;
        this.shopZone = shopZone;
    }

    /**
     * Order lookups over the clean events, read once on first use and grouped by customer. Each lookup first asks
     * the erasure records (one listing): an erased customer has no orders, and their events leave this container's
     * memory too, so forgetting does not wait for the forget sweep or a new container.
     */
    static OrderLookup ordersFrom(ObjectStore bucket, Erasures erasures) {
        Map<String, List<Event>> loaded = new java.util.HashMap<>();
        boolean[] read = {false};
        return userId -> {
            ErasedCustomers erased = erasures.load();
            synchronized (loaded) {
                if (!read[0]) {
                    try {
                        CleanRows.allEvents(bucket, Layout.cleanPrefix("events")).stream()
                                .filter(e -> e.userId() != null)
                                .forEach(e -> loaded.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read clean events", e);
                    }
                    read[0] = true;
                }
                if (!erased.isEmpty()) {
                    loaded.keySet().removeIf(erased::contains);
                }
                return erased.contains(userId) ? List.of() : List.copyOf(loaded.getOrDefault(userId, List.of()));
            }
        };
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        return ApiResponses.handle(telemetry, request, context, outcome -> {
            JsonNode body = request.jsonBody();
            if (body == null || !body.isObject() || !body.path("question").isTextual()
                    || body.path("question").asText().isBlank()) {
                throw ApiException.badRequest("body must be {\"question\": \"…\", \"userId\": optional}");
            }
            String question = body.path("question").asText();
            if (question.length() > MAX_QUESTION_CHARS) {
                throw ApiException.badRequest("question must be at most " + MAX_QUESTION_CHARS + " characters");
            }
            String userId = body.hasNonNull("userId")
                    ? ApiRequest.checkId("userId", body.path("userId").asText()) : null;
            // Orders are told only to the customer the token names (or to the back office): a storefront asking
            // about anyone else gets what an anonymous visitor gets.
            String customer = request.caller().customerFor(userId).orElse(null);
            Answer answer = assistant.get().ask(question, customer, orders);
            // Kept before answering, so no gap is answered without being kept; a replayed request is the same object.
            unanswered.record(answer, request.requestId(), request.time(), shopZone);
            outcome.count(answer.answered() ? Metric.ASSISTANT_ANSWERED : Metric.ASSISTANT_UNANSWERED, 1)
                    .decision(answer.kind().code());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("answer", answer.text());
            out.put("answered", answer.answered());
            out.put("kind", answer.kind().code());
            out.put("confidence", answer.confidence());
            out.put("passage", answer.passage());
            return ApiResponses.json(200, out);
        });
    }
}
