package io.shopsense.function.updateprofiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.shopsense.pipeline.ForgetSweep;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;

/**
 * forget-customers: S3 {@code ObjectCreated} on {@code manifests/erasures/} (a new erasure record). Sweeps every erased
 * customer out of the clean event history, rejects, the assistant's unanswered questions and the customer tables. The record
 * names no one, so the sweep removes every erased customer it meets; a re-delivered event finds nothing left.
 */
public final class ForgetCustomersHandler implements RequestHandler<S3Event, ForgetSweep.Result> {
    private final Telemetry telemetry = Telemetry.forFunction("forget-customers");
    private final ForgetSweep sweep;

    public ForgetCustomersHandler() {
        this(fromWiring(Wiring.fromEnv()));
    }

    ForgetCustomersHandler(ForgetSweep sweep) {
        this.sweep = sweep;
    }

    private static ForgetSweep fromWiring(Wiring wiring) {
        return new ForgetSweep(wiring.dataBucket(), wiring.erasures(), wiring.profileStore(),
                wiring.recommendationStore());
    }

    @Override
    public ForgetSweep.Result handleRequest(S3Event event, Context context) {
        return telemetry.run(context, Trigger.s3(event), outcome -> {
            ForgetSweep.Result result = sweep.sweep();
            outcome.fact("erased", result.erased()).fact("removedByPlace", result.removedByPlace())
                    .fact("objectsRewritten", result.objectsRewritten())
                    .decision(result.objectsRewritten() == 0 ? "skipped: nothing left to forget" : "swept");
            return result;
        });
    }
}
