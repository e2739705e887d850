package io.shopsense.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.concurrent.atomic.AtomicInteger;

/** Test function: always fails, so the local cloud must retry it twice and then dead-letter the event. */
public final class FailingHandler implements RequestHandler<S3Event, Void> {
    public static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @Override
    public Void handleRequest(S3Event event, Context context) {
        ATTEMPTS.incrementAndGet();
        throw new IllegalStateException("cannot process " + event.getRecords().get(0).getS3().getObject().getKey());
    }
}
