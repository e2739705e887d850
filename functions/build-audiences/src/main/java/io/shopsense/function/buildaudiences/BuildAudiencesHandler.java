package io.shopsense.function.buildaudiences;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import io.shopsense.pipeline.AudienceBuild;
import io.shopsense.pipeline.Wiring;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * build-audiences: S3 {@code ObjectCreated} on {@code reports/profiles/summary.json}, which the profile rebuild writes
 * after it has rescored every customer. The event only says "profiles are fresh": the build reads the profiles, the
 * shop's rule files and the erasure records itself, so a re-delivered event rebuilds the same bytes.
 */
public final class BuildAudiencesHandler implements RequestHandler<S3Event, AudienceBuild.Outcome> {
    private final AudienceBuild build;

    public BuildAudiencesHandler() {
        this(Wiring.fromEnv().audienceBuild());
    }

    BuildAudiencesHandler(AudienceBuild build) {
        this.build = build;
    }

    @Override
    public AudienceBuild.Outcome handleRequest(S3Event event, Context context) {
        try {
            return build.build();
        } catch (IOException e) {
            throw new UncheckedIOException("audience build failed", e);
        }
    }
}
