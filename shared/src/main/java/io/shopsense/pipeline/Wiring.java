package io.shopsense.pipeline;

import io.shopsense.clean.CleanLimits;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.recommend.EvaluationMode;
import io.shopsense.recommend.InteractionWeights;
import io.shopsense.recommend.PopularityRecommender;
import io.shopsense.recommend.RatingSettings;
import io.shopsense.store.dynamodb.DynamoAdPlanStore;
import io.shopsense.store.dynamodb.DynamoProfileStore;
import io.shopsense.store.dynamodb.DynamoRecommendationStore;
import io.shopsense.runtime.Environment;
import io.shopsense.runtime.Priming;
import io.shopsense.store.Json;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.AwsClients;
import io.shopsense.store.IngestionLedger;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.SdkPriming;
import io.shopsense.store.dynamodb.DynamoIngestionLedger;
import io.shopsense.store.s3.S3ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the services a function needs from the environment its template gives it, once per container. Every
 * variable is read here, by the name the template sets, and a missing one fails at start naming it.
 */
public final class Wiring {
    private final Environment env;
    private final Clock clock;
    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private ShopSecret shopSecret;

    private Wiring(Environment env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /**
     * A function's wiring. In a SnapStart init (Lambda sets {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) its
     * priming ({@link #prime()}) is registered to run before the snapshot, once the handler has built what it needs;
     * elsewhere nothing is registered, so a JVM hosting many handlers (the local cloud) keeps no wiring alive.
     */
    public static Wiring fromEnv() {
        Wiring wiring = new Wiring(Environment.current(), Clock.systemUTC());
        if (Priming.SNAP_START.equals(wiring.env.getOrDefault(Priming.INITIALIZATION_TYPE, "on-demand"))) {
            Priming.register("wiring", wiring::prime);
        }
        return wiring;
    }

    public static Wiring of(Environment env, Clock clock) {
        return new Wiring(env, clock);
    }

    public UploadCleaner uploadCleaner() {
        return new UploadCleaner(dataBucket(), ingestionLedger(), cleanSettings(), clock, erasures(),
                sparkCleanHandOff());
    }

    /**
     * clean-upload's hand-off of a large upload to the Spark clean job: past {@code SPARK_UPLOAD_BYTES_THRESHOLD}
     * bytes, with the hand-off's application (none when {@code SPARK_APPLICATION_ID} is empty); the job reads the
     * shop secret at {@code SHOP_SECRET_ARN} when erasure records exist.
     */
    public SparkCleanHandOff sparkCleanHandOff() {
        SparkHandOff handOff = sparkHandOff();
        if (!handOff.settings().enabled()) {
            return SparkCleanHandOff.never();
        }
        return new SparkCleanHandOff(handOff, dataBucket(), Long.parseLong(env.require("SPARK_UPLOAD_BYTES_THRESHOLD")),
                cleanSettings().dedupCapacity(), env.require("SHOP_SECRET_ARN"));
    }

    public UploadCleaner.Settings cleanSettings() {
        return new UploadCleaner.Settings(
                shopZone(),
                CleanLimits.DEFAULT,
                Duration.ofDays(Long.parseLong(env.require("DEDUP_WINDOW_DAYS"))),
                4_000_000,
                shopCurrency(),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public ProfileUpdater profileUpdater() {
        return new ProfileUpdater(dataBucket(), profileStore(), profileConfig(), clock, erasures());
    }

    /**
     * The hand-off to Spark of the nightly jobs (docs/architecture.md §7): {@code SPARK_APPLICATION_ID} (empty or
     * absent: never hand off), {@code SPARK_JOB_ROLE_ARN}, {@code SPARK_JOBS_JAR_KEY}, {@code SPARK_ROWS_THRESHOLD}
     * and {@code SPARK_BYTES_THRESHOLD}.
     */
    public SparkHandOff sparkHandOff() {
        String applicationId = env.getOrDefault("SPARK_APPLICATION_ID", "");
        if (applicationId.isBlank()) {
            return SparkHandOff.never(dataBucket(), clock);
        }
        SparkHandOff.Settings settings = new SparkHandOff.Settings(applicationId, env.require("DATA_BUCKET"),
                env.require("SPARK_JOBS_JAR_KEY"), Long.parseLong(env.require("SPARK_ROWS_THRESHOLD")),
                Long.parseLong(env.require("SPARK_BYTES_THRESHOLD")));
        return new SparkHandOff(dataBucket(), ingestionLedger()::totals, AwsClients.emrServerless(env, applicationId,
                env.require("SPARK_JOB_ROLE_ARN")), settings, clock);
    }

    /** load-spark-results: a finished job run's outputs into the profile and recommendation tables. */
    public SparkResultLoader sparkResultLoader() {
        return new SparkResultLoader(dataBucket(), profileUpdater(), recommendationStore(),
                new SparkCleanLoader(dataBucket(), ingestionLedger()));
    }

    /** build-audiences: profiles from the table, rules and erasure records from the bucket. */
    public AudienceBuild audienceBuild() {
        return new AudienceBuild(dataBucket(), profileStore(), AudienceBuild.erasedIn(erasures()));
    }

    // ---- campaigns ----
    /** launch-campaign: audiences and recommendations in, the frozen split and the treatment exports out. */
    public CampaignLaunch campaignLaunch() {
        return new CampaignLaunch(dataBucket(), recommendationStore(), AudienceBuild.erasedIn(erasures()));
    }

    /** measure-campaigns: the nightly uplift of every launched campaign. */
    public CampaignMeasurement campaignMeasurement() {
        return new CampaignMeasurement(dataBucket(), clock);
    }
    // ---- end campaigns ----

    public DynamoProfileStore profileStore() {
        return new DynamoProfileStore(dynamoDb(), env.require("PROFILES_TABLE"));
    }

    /** The Recommendations, SimilarItems and Items tables. */
    public DynamoRecommendationStore recommendationStore() {
        return new DynamoRecommendationStore(dynamoDb(), env.require("RECOMMENDATIONS_TABLE"),
                env.require("SIMILAR_ITEMS_TABLE"), env.require("ITEMS_TABLE"));
    }

    public DynamoAdPlanStore adPlanStore() {
        return new DynamoAdPlanStore(dynamoDb(), env.require("AD_PLANS_TABLE"));
    }

    /** optimize-ads' budget for a day no campaign's constraints set ({@code AD_DAILY_BUDGET}). */
    public double adDailyBudget() {
        return Double.parseDouble(env.require("AD_DAILY_BUDGET"));
    }

    /** Where the assistant sends a question it cannot answer ({@code SHOP_CONTACT}). */
    public String shopContact() {
        return env.require("SHOP_CONTACT");
    }

    /** How often the assistant looks for a newer index ({@code ASSISTANT_INDEX_CHECK_SECONDS}). */
    public Duration assistantIndexCheck() {
        return Duration.ofSeconds(Long.parseLong(env.require("ASSISTANT_INDEX_CHECK_SECONDS")));
    }

    /**
     * The nightly build's settings: the template's {@code RECS_HOLDOUT_DAYS}, {@code RECS_REPEAT_MODE},
     * {@code SALES_CALENDAR} (default none) and {@code RECS_MIN_CUSTOMERS} (default
     * {@value PopularityRecommender#DEFAULT_MIN_CUSTOMERS} where a caller's environment lacks it), and
     * {@code RECS_RATING_PRIOR_STRENGTH}, {@code RECS_RATING_MIN_REVIEWS}, {@code RECS_RATING_POOR_BELOW} (the
     * {@link RatingSettings#defaults()} where absent); top-50 and 20 similar items.
     */
    public RecommendationRefresh.Settings recommendationSettings() {
        String min = env.getOrDefault("RECS_MIN_CUSTOMERS",
                Integer.toString(PopularityRecommender.DEFAULT_MIN_CUSTOMERS));
        // the shop's sales calendar (issue 20): trending leaves its big sales days out
        io.shopsense.model.SalesCalendar calendar = io.shopsense.model.SalesCalendar.parse(
                env.getOrDefault("SALES_CALENDAR", "none"),
                java.time.ZoneId.of(env.getOrDefault("SHOP_TIMEZONE", "UTC")));
        RatingSettings d = RatingSettings.defaults();
        RatingSettings ratings = new RatingSettings(
                Double.parseDouble(env.getOrDefault("RECS_RATING_PRIOR_STRENGTH", Double.toString(d.priorStrength()))),
                Integer.parseInt(env.getOrDefault("RECS_RATING_MIN_REVIEWS", Integer.toString(d.minReviews()))),
                Double.parseDouble(env.getOrDefault("RECS_RATING_POOR_BELOW", Double.toString(d.poorBelow()))));
        return new RecommendationRefresh.Settings(Integer.parseInt(env.require("RECS_HOLDOUT_DAYS")),
                EvaluationMode.fromCode(env.require("RECS_REPEAT_MODE")),
                InteractionWeights.defaults().withSalesCalendar(calendar), 50, 20, Integer.parseInt(min), ratings);
    }

    /** Affinity half-life and CLV discount rate from the template; engagement weights keep their documented defaults. */
    public ProfileConfig profileConfig() {
        return ProfileConfig.defaults()
                .withAffinityHalfLife(Duration.ofDays(Long.parseLong(env.require("AFFINITY_HALF_LIFE_DAYS"))))
                .withMonthlyDiscountRate(Double.parseDouble(env.require("MONTHLY_DISCOUNT_RATE")));
    }

    /** ISO 4217 code of the shop's money: exports that name no currency are in it, and the dashboard shows it. */
    public String shopCurrency() {
        return env.require("SHOP_CURRENCY");
    }

    public ZoneId shopZone() {
        return ZoneId.of(env.require("SHOP_TIMEZONE"));
    }

    /** The shop's big sales days ({@code SALES_CALENDAR}: none, china, MM-DD=name, …), in its time zone. */
    public io.shopsense.model.SalesCalendar salesCalendar() {
        return io.shopsense.model.SalesCalendar.parse(env.getOrDefault("SALES_CALENDAR", "none"), shopZone());
    }

    public ObjectStore dataBucket() {
        return new S3ObjectStore(s3(), env.require("DATA_BUCKET"));
    }

    public IngestionLedger ingestionLedger() {
        return new DynamoIngestionLedger(dynamoDb(), env.require("INGESTIONS_TABLE"),
                Duration.ofDays(Long.parseLong(env.require("INGESTION_TTL_DAYS"))), clock);
    }

    /** The erasure records, keyed with the shop secret (fetched when first needed). */
    public Erasures erasures() {
        return new Erasures(dataBucket(), this::shopSecret);
    }

    /**
     * The shop secret, read from Secrets Manager ({@code SHOP_SECRET_ARN}) once per container: the only call to it,
     * so a warm invocation never pays for it.
     */
    public synchronized ShopSecret shopSecret() {
        if (shopSecret == null) {
            String arn = env.require("SHOP_SECRET_ARN");
            try (var secrets = AwsClients.secretsManager(env)) {
                shopSecret = ShopSecret.ofText(secrets.getSecretValue(b -> b.secretId(arn)).secretString());
            }
        }
        return shopSecret;
    }

    /**
     * Loads what the first request of any function would: Jackson's mapper with its time module (every stored object
     * and log line), and for each SDK client this container built (and the shop secret's) the whole request path of
     * every operation the stores make, run against a canned answer ({@link SdkPriming}). No request is sent and
     * nothing is read (priming runs before a snapshot that is restored for days).
     */
    void prime() {
        try {
            Json.MAPPER.readTree(Json.write(Map.of("at", Instant.EPOCH, "day", LocalDate.EPOCH, "n", List.of(1, 2.5))));
            Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode().put("level", "INFO").putObject("counts"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (s3 != null) {
            SdkPriming.s3(env);
        }
        if (dynamoDb != null) {
            SdkPriming.dynamoDb(env);
        }
        if (env.optional("SHOP_SECRET_ARN").isPresent()) {
            SdkPriming.secretsManager(env);
        }
    }

    public Clock clock() {
        return clock;
    }

    /** The container's one S3 client, built on first use. */
    public S3Client s3() {
        if (s3 == null) {
            s3 = AwsClients.s3(env);
        }
        return s3;
    }

    /** The container's one DynamoDB client, built on first use. */
    public DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = AwsClients.dynamoDb(env);
        }
        return dynamoDb;
    }
}
