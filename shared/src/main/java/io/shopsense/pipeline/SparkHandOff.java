package io.shopsense.pipeline;

import io.shopsense.store.IngestionLedger;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.SparkJobLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hand-off of a nightly job to Spark (docs/architecture.md §7): the scheduled function first measures its input
 * (clean event rows from the ledger's running totals, bytes from the clean objects) and, past either threshold, starts the
 * same work as a Spark job run instead of doing it, recording the run under {@code spark/runs/} for the loader that
 * the run's end invokes ({@link SparkResultLoader}).
 *
 * <p>Idempotent: the run's client token is a hash of the job, its date and every clean events object (key, size,
 * ETag), so a redelivered schedule finds the run the first delivery started instead of starting a second one.
 */
public final class SparkHandOff {
    /** The jobs of the jobs jar that a function may hand off. */
    public enum Job {
        PROFILES("profiles"), RECS("recs"), CLEAN("clean");

        private final String code;

        Job(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Job ofCode(String code) {
            for (Job job : values()) {
                if (job.code.equals(code)) {
                    return job;
                }
            }
            throw new IllegalArgumentException("unknown Spark job " + code + " (known: profiles, recs, clean)");
        }
    }

    /**
     * Where and when to hand off.
     *
     * @param applicationId the EMR Serverless application; empty means never hand off
     * @param bucketName    the data bucket the job reads ({@code s3://bucket/clean/…}) and writes ({@code spark/…})
     * @param jobsJarKey    the jobs jar's key in the bucket
     * @param rowsThreshold hand off when the clean event rows exceed this
     * @param bytesThreshold hand off when the clean event objects' bytes exceed this
     */
    public record Settings(String applicationId, String bucketName, String jobsJarKey, long rowsThreshold,
                           long bytesThreshold) {
        public static final Settings NEVER = new Settings("", "", "", Long.MAX_VALUE, Long.MAX_VALUE);

        public boolean enabled() {
            return applicationId != null && !applicationId.isBlank();
        }
    }

    /**
     * What the function measured before deciding.
     *
     * @param rows        clean event rows the upload manifests report
     * @param bytes       bytes of the clean events objects
     * @param latestEvent the latest event time the manifests report; null without any
     * @param inputs      the clean events objects' identity (key, size, ETag), one line each
     */
    public record InputSize(long rows, long bytes, Instant latestEvent, List<String> inputs) {
    }

    /**
     * A started run, kept at {@code spark/runs/{jobRunId}.json}: what the loader needs to find and write its outputs.
     *
     * @param outputPrefix where the job writes ({@code spark/{job}/{token}/})
     * @param asOf         the profiles' date, or the recommendations' split date (the day after the latest event)
     */
    public record RunRecord(String job, String jobRunId, String clientToken, String outputPrefix, LocalDate asOf,
                            long rows, long bytes, Instant requestedAt) {
    }

    /** A hand-off made: the run and the outcome record's decision. */
    public record HandedOff(RunRecord run, String decision) {
    }

    static final String PROFILES_FILE = "profiles.jsonl";
    static final String PROFILE_MODELS_FILE = "models.json";

    private final ObjectStore bucket;
    private final java.util.function.Supplier<IngestionLedger.Totals> totals;
    private final SparkJobLauncher launcher;
    private final Settings settings;
    private final Clock clock;

    /** @param totals the running totals clean-upload keeps in the ledger ({@link IngestionLedger#totals}, one read) */
    public SparkHandOff(ObjectStore bucket, java.util.function.Supplier<IngestionLedger.Totals> totals,
                        SparkJobLauncher launcher, Settings settings,
                        Clock clock) {
        this.bucket = bucket;
        this.totals = totals;
        this.launcher = launcher;
        this.settings = settings;
        this.clock = clock;
    }

    /** A hand-off that never happens (no Spark application configured). */
    public static SparkHandOff never(ObjectStore bucket, Clock clock) {
        return new SparkHandOff(bucket, () -> IngestionLedger.Totals.NONE, run -> {
            throw new IllegalStateException("no Spark application configured");
        }, Settings.NEVER, clock);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Measures the input and, past a threshold, starts the job run.
     *
     * @param requestedAsOf the profiles' date a manual rerun asks for; null for the shop's latest activity
     * @param extraArguments the job's own settings (e.g. {@code --k 50}), after the common ones
     * @return empty when the function should do the work itself
     */
    public Optional<HandedOff> consider(Job job, LocalDate requestedAsOf, List<String> extraArguments)
            throws IOException {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        InputSize input = measure();
        String reason;
        if (input.rows() > settings.rowsThreshold()) {
            reason = input.rows() + " rows > threshold " + settings.rowsThreshold();
        } else if (input.bytes() > settings.bytesThreshold()) {
            reason = input.bytes() + " bytes > threshold " + settings.bytesThreshold();
        } else {
            return Optional.empty();
        }
        if (input.latestEvent() == null && requestedAsOf == null) {
            return Optional.empty(); // nothing dated to work on: the function's own "no data" path says so
        }
        LocalDate asOf = asOf(job, requestedAsOf, input);
        String token = clientToken(job, asOf, input, extraArguments);
        String prefix = Layout.sparkOutputPrefix(job.code(), token);
        String root = bucketRoot();
        List<String> arguments = new ArrayList<>(List.of(job.code(), "--events", root));
        if (job == Job.PROFILES) {
            arguments.addAll(List.of("--as-of", asOf.toString(), "--out", root + "/" + prefix + PROFILES_FILE,
                    "--models-out", root + "/" + prefix + PROFILE_MODELS_FILE));
        } else {
            // what the nightly build stores, under the prefix (RecommendationTables); its settings come as arguments
            arguments.addAll(List.of("--split-date", asOf.toString(), "--tables-out", root + "/" + prefix));
        }
        arguments.addAll(extraArguments);
        RunRecord run = start(job, token, asOf, arguments, input.rows(), input.bytes());
        return Optional.of(new HandedOff(run, "handed off: " + reason));
    }

    /**
     * Starts a run of the jobs jar (or finds the one {@code token} started) and records it for the loader.
     *
     * @param arguments the job and its arguments, outputs under {@code Layout.sparkOutputPrefix(job, token)}
     */
    RunRecord start(Job job, String token, LocalDate asOf, List<String> arguments, long rows, long bytes)
            throws IOException {
        String jobRunId = launcher.start(new SparkJobLauncher.JobRun("shopsense-" + job.code() + "-" + asOf, token,
                bucketRoot() + "/" + settings.jobsJarKey(), arguments, "--class io.shopsense.jobs.SparkJobs"));
        RunRecord run = new RunRecord(job.code(), jobRunId, token, Layout.sparkOutputPrefix(job.code(), token), asOf,
                rows, bytes, clock.instant());
        bucket.put(runKey(jobRunId), Json.write(run).getBytes(StandardCharsets.UTF_8), "application/json");
        return run;
    }

    /** The bucket as the job names it: {@code s3://bucket}. */
    String bucketRoot() {
        return "s3://" + settings.bucketName();
    }

    /** The run record's key. */
    public static String runKey(String jobRunId) {
        return Layout.sparkRunKey(jobRunId);
    }

    /**
     * Rows and latest event from the running totals clean-upload keeps in the ledger (files cleaned whole; one read,
     * however many uploads there were), bytes from the listing of the clean events objects (live events included),
     * which the client token needs anyway.
     */
    InputSize measure() throws IOException {
        IngestionLedger.Totals counted = totals.get();
        long bytes = 0;
        List<String> inputs = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : TrainingData.cleanObjects(bucket, TrainingData.EVENTS_PREFIX)) {
            bytes += info.size();
            inputs.add(info.key() + "\t" + info.size() + "\t" + info.eTag());
        }
        return new InputSize(counted.rows(), bytes, counted.latestEvent(), inputs);
    }

    /**
     * Profiles: the requested date, else the latest event's day capped at today (as {@link ProfileUpdater#rebuild}).
     * Recommendations: the day after the latest event (the nightly build's end of history).
     */
    private LocalDate asOf(Job job, LocalDate requestedAsOf, InputSize input) {
        LocalDate today = LocalDate.now(clock);
        if (job == Job.PROFILES) {
            if (requestedAsOf != null) {
                return requestedAsOf;
            }
            LocalDate latest = input.latestEvent().atOffset(ZoneOffset.UTC).toLocalDate();
            return latest.isAfter(today) ? today : latest;
        }
        Instant latest = input.latestEvent() != null ? input.latestEvent()
                : requestedAsOf.atStartOfDay(ZoneOffset.UTC).toInstant();
        return latest.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
    }

    /**
     * 32 hex digits of SHA-256 over job, date, the job's own settings and inputs, after the job's name (EMR allows 64
     * characters): changed settings start a new run.
     */
    static String clientToken(Job job, LocalDate asOf, InputSize input, List<String> extraArguments) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((job.code() + "\n" + asOf + "\n" + String.join("\u0000", extraArguments) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (String line : input.inputs()) {
                sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return job.code() + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
