package io.shopsense.function.assistant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.shopsense.pipeline.AssistantIndexes;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;

/**
 * assistant-index: S3 {@code ObjectCreated} on {@code clean/faq/} (each FAQ upload, published by clean-upload) and
 * {@code clean/catalog/}. Rebuilds the assistant's index from the whole FAQ and catalogue, once per event however
 * many objects it names, and stores it for the assistant to load. A function of its own, so the API-facing assistant
 * neither reads the FAQ and catalogue nor indexes them at its cold start, and holds no write access to the index.
 */
public final class AssistantIndexHandler implements RequestHandler<S3Event, AssistantIndexes.Outcome> {
    private final Telemetry telemetry = Telemetry.forFunction("assistant-index");
    private final AssistantIndexes indexes;

    public AssistantIndexHandler() {
        this(Wiring.fromEnv());
    }

    private AssistantIndexHandler(Wiring wiring) {
        this(new AssistantIndexes(wiring.dataBucket(), wiring.shopCurrency()));
    }

    AssistantIndexHandler(AssistantIndexes indexes) {
        this.indexes = indexes;
    }

    @Override
    public AssistantIndexes.Outcome handleRequest(S3Event event, Context context) {
        return telemetry.run(context, Trigger.s3(event), outcome -> {
            AssistantIndexes.Outcome built = indexes.rebuild();
            outcome.decision(built.status()).fact("faqEntries", built.faqEntries()).fact("products", built.products());
            return built;
        });
    }
}
