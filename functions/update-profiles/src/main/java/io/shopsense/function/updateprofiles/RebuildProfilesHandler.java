package io.shopsense.function.updateprofiles;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.pipeline.Wiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The nightly profile rebuild: refits BG/NBD, Gamma-Gamma, RFM and engagement over every stored customer and rescores
 * them all. The date is the shop's latest activity, or {@code detail.asOf} when the event gives one (a manual rerun).
 */
public final class RebuildProfilesHandler implements RequestHandler<ScheduledEvent, RebuildProfilesHandler.Rebuilt> {

    /** What the rebuild did. */
    public record Rebuilt(int customers, int updated, int unchanged, String asOf) {
    }

    private final ProfileUpdater updater;

    public RebuildProfilesHandler() {
        this(Wiring.fromEnv().profileUpdater());
    }

    RebuildProfilesHandler(ProfileUpdater updater) {
        this.updater = updater;
    }

    @Override
    public Rebuilt handleRequest(ScheduledEvent event, Context context) {
        try {
            ProfileUpdater.Result result = updater.rebuild(requestedDate(event));
            return new Rebuilt(result.customers(), result.updated(), result.unchanged(), String.valueOf(result.asOf()));
        } catch (IOException e) {
            throw new UncheckedIOException("profile rebuild failed", e);
        }
    }

    private static LocalDate requestedDate(ScheduledEvent event) {
        Object asOf = event.getDetail() == null ? null : event.getDetail().get("asOf");
        if (asOf == null) {
            return null;
        }
        try {
            return LocalDate.parse(asOf.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("detail.asOf must be a date (YYYY-MM-DD), was " + asOf);
        }
    }
}
