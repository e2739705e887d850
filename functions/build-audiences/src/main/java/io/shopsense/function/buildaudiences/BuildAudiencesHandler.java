package io.shopsense.function.buildaudiences;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.shopsense.pipeline.AudienceBuild;
import io.shopsense.pipeline.Wiring;
import io.shopsense.telemetry.Metric;
import io.shopsense.telemetry.Telemetry;
import io.shopsense.telemetry.Trigger;

/**
 * build-audiences: S3 {@code ObjectCreated} on {@code reports/profiles/summary.json}, which the profile rebuild writes
 * after it has rescored every customer. The event only says "profiles are fresh": the build reads the profiles, the
 * shop's rule files and the erasure records itself, so a re-delivered event rebuilds the same bytes.
 */
public final class BuildAudiencesHandler implements RequestHandler<S3Event, AudienceBuild.Outcome> {
    private final Telemetry telemetry = Telemetry.forFunction("build-audiences");
    private final AudienceBuild build;

    public BuildAudiencesHandler() {
        this(Wiring.fromEnv().audienceBuild());
    }

    BuildAudiencesHandler(AudienceBuild build) {
        this.build = build;
    }

    @Override
    public AudienceBuild.Outcome handleRequest(S3Event event, Context context) {
        return telemetry.run(context, Trigger.s3(event), outcome -> {
            AudienceBuild.Outcome built = build.build();
            outcome.decision(built.status()).count(Metric.AUDIENCES_BUILT, built.audiences())
                    .fact("customers", built.customers()).fact("asOf", built.asOf());
            if (built.rejectedRules() > 0) {
                outcome.warn("rules_rejected", built.rejectedRules() + " audience rule file(s) were rejected;"
                        + " audiences/index.json says why");
            }
            return built;
        });
    }
}
