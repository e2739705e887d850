package io.shopsense.pipeline;

import io.shopsense.model.Profile;
import io.shopsense.profile.ProfileModels;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.RecommendationStore.BuildStamp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * load-spark-results: when a handed-off job run ends ({@link SparkHandOff}), writes its outputs under
 * {@code spark/{job}/{token}/} into the tables through the stores the Lambda path writes with
 * ({@link ProfileUpdater#applyRebuilt}, {@link RecommendationStore}). A run that did not succeed is a failure:
 * {@link JobRunFailed} is thrown, so the invocation fails, is retried and reaches the dead-letter queue and the
 * data-health panel like any other failed function.
 */
public final class SparkResultLoader {
    /** A job run that ended FAILED or CANCELLED (or a state the loader does not know). */
    public static final class JobRunFailed extends RuntimeException {
        public JobRunFailed(String message) {
            super(message);
        }
    }

    /** What a load wrote. */
    public record Loaded(String job, String jobRunId, int rows, int updated, String asOf) {
    }

    private final ObjectStore bucket;
    private final ProfileUpdater profiles;
    private final RecommendationStore recommendations;
    /** A handed-off upload's finish (manifest and ledger); null where no upload is handed off. */
    private final SparkCleanLoader uploads;

    public SparkResultLoader(ObjectStore bucket, ProfileUpdater profiles, RecommendationStore recommendations) {
        this(bucket, profiles, recommendations, null);
    }

    public SparkResultLoader(ObjectStore bucket, ProfileUpdater profiles, RecommendationStore recommendations,
                             SparkCleanLoader uploads) {
        this.bucket = bucket;
        this.profiles = profiles;
        this.recommendations = recommendations;
        this.uploads = uploads;
    }

    /**
     * Loads the outputs of the run, or fails when it did not succeed.
     *
     * @param state        the run's final state ({@code SUCCESS}, {@code FAILED}, {@code CANCELLED})
     * @param stateDetails the service's reason, for the failure's message
     */
    public Loaded load(String jobRunId, String state, String stateDetails) throws IOException {
        SparkHandOff.RunRecord run = runRecord(jobRunId);
        if (!"SUCCESS".equals(state)) {
            throw new JobRunFailed("Spark job run " + jobRunId + " (" + (run == null ? "unknown job" : run.job())
                    + ") ended " + state + (stateDetails == null || stateDetails.isBlank() ? "" : ": " + stateDetails));
        }
        if (run == null) {
            // the function records the run right after starting it: a missing record is worth a retry
            throw new IllegalStateException("no record of Spark job run " + jobRunId + " under spark/runs/");
        }
        return switch (SparkHandOff.Job.ofCode(run.job())) {
            case PROFILES -> loadProfiles(run);
            case RECS -> loadRecommendations(run);
            case CLEAN -> {
                if (uploads == null) {
                    throw new IllegalStateException("this loader finishes no handed-off uploads");
                }
                yield uploads.finish(run);
            }
        };
    }

    private Loaded loadProfiles(SparkHandOff.RunRecord run) throws IOException {
        ProfileModels models;
        try (InputStream in = bucket.open(run.outputPrefix() + SparkHandOff.PROFILE_MODELS_FILE)) {
            models = Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(), ProfileModels.class);
        }
        List<Profile> rebuilt = lines(run.outputPrefix() + SparkHandOff.PROFILES_FILE,
                line -> Json.read(line, Profile.class));
        ProfileUpdater.Result result = profiles.applyRebuilt(run.asOf(), models, rebuilt);
        return new Loaded(run.job(), run.jobRunId(), result.customers(), result.updated(), run.asOf().toString());
    }

    /**
     * The job's files are what build-recommendations stores ({@link RecommendationTables}: lists with scores and
     * reasons, the cold-start list, similar items, the catalogue rows), written by the same code. The stamp is the
     * run's: its token (a fingerprint of the input) and its start time.
     */
    private Loaded loadRecommendations(SparkHandOff.RunRecord run) throws IOException {
        RecommendationTables tables = RecommendationTables.read(bucket, run.outputPrefix());
        tables.writeTo(recommendations, new BuildStamp(run.clientToken(),
                run.requestedAt().truncatedTo(ChronoUnit.SECONDS)));
        int customers = (int) tables.lists().stream()
                .filter(list -> !list.userId().equals(RecommendationStore.COLD_START_USER)).count();
        return new Loaded(run.job(), run.jobRunId(), customers, customers, run.asOf().toString());
    }

    private SparkHandOff.RunRecord runRecord(String jobRunId) throws IOException {
        String key = SparkHandOff.runKey(jobRunId);
        Optional<ObjectStore.ObjectInfo> found = bucket.find(key);
        if (found.isEmpty()) {
            return null;
        }
        try (InputStream in = bucket.open(key)) {
            return Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), SparkHandOff.RunRecord.class);
        }
    }

    /** A line reader that may fail on a line (an unreadable output fails the load, and so the invocation). */
    @FunctionalInterface
    private interface LineReader<T> {
        T read(String line) throws IOException;
    }

    private <T> List<T> lines(String key, LineReader<T> reader) throws IOException {
        List<T> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(bucket.open(key), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    out.add(reader.read(line));
                }
            }
        }
        return out;
    }

}
