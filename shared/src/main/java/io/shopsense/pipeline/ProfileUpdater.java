package io.shopsense.pipeline;

import io.shopsense.model.Event;
import io.shopsense.model.Review;
import io.shopsense.model.Profile;
import io.shopsense.profile.BgNbdFit;
import io.shopsense.profile.CustomerAggregate;
import io.shopsense.profile.GammaGammaFit;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.profile.ProfileFolder;
import io.shopsense.profile.ProfileModels;
import io.shopsense.profile.ProfileRebuild;
import io.shopsense.profile.ProfileScorer;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.ProfileStore;
import io.shopsense.store.ProfileStore.StoredProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * update-profiles' and track-events' work: fold new events into each customer's stored aggregate and rescore the
 * profile; and the rebuild: refit the BG/NBD, Gamma-Gamma, RFM and engagement models over every stored aggregate and
 * rescore everyone.
 *
 * <p>Exactly-once without transactions: an aggregate remembers which sources it folded (a clean object, or a single
 * live event), so replaying a file folds nothing; each write is conditional on the version that was read, and a
 * lost race re-reads and folds again.
 *
 * <p>Profiles are scored as of the shop's latest activity (capped at today), so an imported history is not judged
 * against today's date.
 */
public final class ProfileUpdater {
    private static final java.util.regex.Pattern DATED_SUMMARY = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(Layout.PROFILE_SUMMARIES) + "\\d{4}-\\d{2}-\\d{2}\\.json");
    private static final int MAX_RACES = 5;
    private static final int WRITERS = 8;
    /** Customers read per batch when applying a rebuild made elsewhere (DynamoDB's BatchGetItem limit). */
    private static final int BATCH_READ = 100;

    /** What a fold or rebuild changed. */
    public record Result(int customers, int updated, int unchanged, LocalDate asOf) {
        /** Nothing to fold. */
        public static final Result NOTHING = new Result(0, 0, 0, null);
    }

    private final ObjectStore bucket;
    private final ProfileStore profiles;
    private final ProfileConfig config;
    private final Clock clock;
    private final Erasures erasures;

    public ProfileUpdater(ObjectStore bucket, ProfileStore profiles, ProfileConfig config, Clock clock,
                          Erasures erasures) {
        this.erasures = erasures;
        this.bucket = bucket;
        this.profiles = profiles;
        this.config = config;
        this.clock = clock;
    }

    /** Folds one clean events object ({@code clean/events/dt=…/{sourceId}.jsonl.gz}). */
    public Result foldCleanObject(String key) throws IOException {
        List<Event> events = CleanRows.events(bucket, key);
        String partition = key.substring(0, key.lastIndexOf('/'));
        List<Event> keyed = new ArrayList<>(events.size());
        for (Event e : events) {
            // One upload spans many partitions: each partition is its own source, or a customer seen on two days
            // of the same upload would have the second day skipped. Live events keep their own key (no sourceId).
            keyed.add(e.sourceId() == null ? e : withSource(e, e.sourceId() + "@" + partition));
        }
        return fold(keyed, withCatalogue());
    }

    /**
     * The configuration with the clean catalogue's categories (falling back to the configured lookup), read afresh:
     * a catalogue uploaded since the last call counts at once. track-events folds without it (a read per live event
     * would cost more than the event); the nightly rebuild derives every customer's categories again.
     */
    private ProfileConfig withCatalogue() throws IOException {
        Map<String, String> catalogue = TrainingData.itemCategories(bucket);
        if (catalogue.isEmpty()) {
            return config;
        }
        java.util.function.Function<String, String> configured = config.categoryOf();
        return config.withCategoryOf(itemId -> {
            String category = catalogue.get(itemId);
            return category != null ? category : configured.apply(itemId);
        });
    }

    /**
     * Folds one clean reviews object ({@code clean/reviews/dt=…/{sourceId}.jsonl.gz}) into its reviewers' profiles:
     * each keeps the customer's latest rating per item and shows their average rating given. Idempotent by content
     * (a replay finds every rating already there); a reviewer with no profile yet gets one (scored like a browser
     * who never bought), so a review cleaned before the orders is not lost.
     */
    public Result foldReviewObject(String key) throws IOException {
        io.shopsense.security.ErasedCustomers erased = erasures.load();
        Map<String, List<Review>> byUser = new LinkedHashMap<>();
        for (Review review : CleanRows.read(bucket, key, io.shopsense.clean.CanonicalJson::readReview)) {
            if (!review.isAnonymous() && !erased.contains(review.userId())) {
                byUser.computeIfAbsent(review.userId(), k -> new ArrayList<>()).add(review);
            }
        }
        if (byUser.isEmpty()) {
            return Result.NOTHING;
        }
        Optional<ProfileModels> stored = loadModels();
        Map<String, StoredProfile> existing = profiles.getAll(byUser.keySet());
        LocalDate latest = byUser.values().stream().flatMap(List::stream)
                .map(r -> r.ts().atOffset(ZoneOffset.UTC).toLocalDate()).max(Comparator.naturalOrder()).orElseThrow();
        LocalDate asOf = asOf(stored.map(ProfileModels::asOf).orElse(latest));
        ProfileFolder folder = new ProfileFolder(config);
        ProfileModels models = stored.orElseGet(() -> new ProfileRebuild(config).fitModels(existing.values().stream()
                .map(StoredProfile::aggregate).toList(), asOf));
        ProfileScorer scorer = new ProfileScorer(config, models);
        return foldEach(byUser.keySet(), asOf,
                userId -> foldRatings(folder, scorer, asOf, userId, byUser.get(userId), existing.get(userId)));
    }

    private boolean foldRatings(ProfileFolder folder, ProfileScorer scorer, LocalDate asOf, String userId,
                                List<Review> reviews, StoredProfile current) {
        for (int race = 0; race < MAX_RACES; race++) {
            CustomerAggregate before = current == null ? null : current.aggregate();
            CustomerAggregate after = folder.foldReviews(before, userId, reviews);
            if (after.equals(before)) {
                return false;
            }
            long version = current == null ? 0 : current.version();
            // a stored profile keeps its date; a new one is scored as of the reviews
            LocalDate date = current == null ? asOf : current.profile().asOf();
            if (profiles.put(new StoredProfile(userId, version + 1, after, scorer.score(after, date)), version)) {
                return true;
            }
            current = profiles.get(userId).orElse(null);
        }
        throw new IllegalStateException("profile " + userId + " kept changing under " + MAX_RACES + " attempts");
    }

    /** Folds live events (track-events): categories as configured, the catalogue left to the nightly rebuild. */
    public Result fold(List<Event> events) throws IOException {
        return fold(events, config);
    }

    private Result fold(List<Event> events, ProfileConfig config) throws IOException {
        io.shopsense.security.ErasedCustomers erased = erasures.load();
        Map<String, List<Event>> byUser = new LinkedHashMap<>();
        for (Event event : events) {
            if (!event.isAnonymous() && !erased.contains(event.userId())) {
                byUser.computeIfAbsent(event.userId(), k -> new ArrayList<>()).add(event);
            }
        }
        if (byUser.isEmpty()) {
            return Result.NOTHING;
        }
        LocalDate latest = events.stream().map(e -> e.ts().atOffset(ZoneOffset.UTC).toLocalDate())
                .max(Comparator.naturalOrder()).orElseThrow();
        Optional<ProfileModels> stored = loadModels();
        LocalDate asOf = asOf(stored.map(ProfileModels::asOf).filter(d -> d.isAfter(latest)).orElse(latest));
        Map<String, StoredProfile> existing = profiles.getAll(byUser.keySet());
        ProfileFolder folder = new ProfileFolder(config);
        ProfileModels models = stored.orElseGet(() -> provisionalModels(folder, byUser, existing, asOf));
        ProfileScorer scorer = new ProfileScorer(config, models);
        return foldEach(byUser.keySet(), asOf,
                userId -> foldOne(folder, scorer, asOf, userId, byUser.get(userId), existing.get(userId)));
    }

    private boolean foldOne(ProfileFolder folder, ProfileScorer scorer, LocalDate asOf, String userId,
                            List<Event> events, StoredProfile current) {
        for (int race = 0; race < MAX_RACES; race++) {
            CustomerAggregate before = current == null ? null : current.aggregate();
            CustomerAggregate after = folder.fold(before, userId, events);
            if (after.equals(before)) {
                return false; // every source already folded: a replay
            }
            long version = current == null ? 0 : current.version();
            Profile profile = scorer.score(after, asOf);
            if (profiles.put(new StoredProfile(userId, version + 1, after, profile), version)) {
                return true;
            }
            current = profiles.get(userId).orElse(null);
        }
        throw new IllegalStateException("profile " + userId + " kept changing under " + MAX_RACES + " attempts");
    }

    /**
     * Refits every model over all stored aggregates as of {@code requestedAsOf} (null: the shop's latest activity),
     * stores the models under {@code models/profiles/} and rescores every customer.
     */
    public Result rebuild(LocalDate requestedAsOf) throws IOException {
        List<StoredProfile> all = new ArrayList<>();
        profiles.scan(all::add);
        if (all.isEmpty()) {
            return new Result(0, 0, 0, requestedAsOf);
        }
        LocalDate asOf = requestedAsOf != null ? requestedAsOf : asOf(all.stream()
                .map(p -> p.aggregate().lastSeen()).filter(java.util.Objects::nonNull)
                .map(t -> t.atOffset(ZoneOffset.UTC).toLocalDate()).max(Comparator.naturalOrder())
                .orElse(LocalDate.now(clock)));
        ProfileModels models = new ProfileRebuild(config).fitModels(all.stream().map(StoredProfile::aggregate).toList(),
                asOf);
        writeModels(asOf, models);
        ProfileScorer scorer = new ProfileScorer(config, models);
        // Events folded before the catalogue named their items' categories (or live events) count from here on.
        ProfileFolder categories = new ProfileFolder(withCatalogue());
        int[] counts = new int[2];
        List<Profile> rescored = new ArrayList<>(all.size());
        runInParallel(all, stored -> {
            Rescored result = rescore(categories::withCategoriesFromItems, aggregate -> scorer.score(aggregate, asOf),
                    stored);
            synchronized (counts) {
                counts[result.changed() ? 0 : 1]++;
                rescored.add(result.profile());
            }
        });
        writeSummary(asOf, rescored);
        return new Result(all.size(), counts[0], counts[1], asOf);
    }

    /**
     * The rebuild done elsewhere (a Spark job run, {@link SparkResultLoader}): its models and its profiles written as
     * {@link #rebuild} writes its own (models, conditional writes that skip unchanged profiles, the dashboard's
     * summary). Review ratings are the stored aggregate's (the job reads events only). A customer the table does not
     * hold yet is left to the fold that will bring their aggregate, and counted as neither updated nor unchanged.
     */
    public Result applyRebuilt(LocalDate asOf, ProfileModels models, List<Profile> rebuilt) throws IOException {
        writeModels(asOf, models);
        int[] counts = new int[2];
        List<Profile> rescored = new ArrayList<>(rebuilt.size());
        for (int from = 0; from < rebuilt.size(); from += BATCH_READ) {
            List<Profile> chunk = rebuilt.subList(from, Math.min(rebuilt.size(), from + BATCH_READ));
            Map<String, StoredProfile> stored = profiles.getAll(chunk.stream().map(Profile::userId).toList());
            runInParallel(chunk, profile -> {
                StoredProfile current = stored.get(profile.userId());
                if (current == null) {
                    return;
                }
                Rescored result = rescore(aggregate -> aggregate,
                        aggregate -> ProfileScorer.withRatingsOf(profile, aggregate), current);
                synchronized (counts) {
                    counts[result.changed() ? 0 : 1]++;
                    rescored.add(result.profile());
                }
            });
        }
        writeSummary(asOf, rescored);
        return new Result(rebuilt.size(), counts[0], counts[1], asOf);
    }

    /** The models as the update functions load them ({@code latest.json}) and a dated copy. */
    private void writeModels(LocalDate asOf, ProfileModels models) {
        byte[] json = Json.write(withoutTimings(models)).getBytes(StandardCharsets.UTF_8);
        bucket.put(Layout.PROFILE_MODELS_KEY, json, "application/json");
        bucket.put(Layout.profileModelKey(asOf), json, "application/json");
    }

    /**
     * The dashboard's view of this rebuild ({@link ProfileSummary}): {@code reports/profiles/{asOf}.json} and a copy
     * as {@code summary.json}. Movement is measured against the newest dated summary before {@code asOf}, so a
     * replayed rebuild writes the same bytes.
     */
    private void writeSummary(LocalDate asOf, List<Profile> rescored) throws IOException {
        Optional<String> previousKey = bucket.list(Layout.PROFILE_SUMMARIES).stream().map(ObjectStore.ObjectInfo::key)
                .filter(key -> DATED_SUMMARY.matcher(key).matches())
                .filter(key -> key.compareTo(Layout.profileSummaryKey(asOf)) < 0)
                .max(Comparator.naturalOrder());
        Optional<ProfileSummary> previous = Optional.empty();
        if (previousKey.isPresent()) {
            try (var in = bucket.open(previousKey.get())) {
                previous = Optional.of(Json.MAPPER.readValue(in, ProfileSummary.class));
            } catch (com.fasterxml.jackson.core.JacksonException unreadable) {
                previous = Optional.empty(); // a summary of another shape: movement starts again from here
            }
        }
        byte[] json = Json.write(ProfileSummary.of(asOf, rescored, previous)).getBytes(StandardCharsets.UTF_8);
        bucket.put(Layout.profileSummaryKey(asOf), json, "application/json");
        bucket.put(Layout.PROFILE_SUMMARY_KEY, json, "application/json");
    }

    /** A customer's profile after the rebuild, and whether it had to be written. */
    private record Rescored(Profile profile, boolean changed) {
    }

    /**
     * Writes a customer's {@code refresh}ed aggregate and its {@code scoring}, retrying when another writer got there
     * first; nothing is written when neither changed.
     */
    private Rescored rescore(java.util.function.UnaryOperator<CustomerAggregate> refresh,
                             java.util.function.Function<CustomerAggregate, Profile> scoring, StoredProfile stored) {
        StoredProfile current = stored;
        for (int race = 0; race < MAX_RACES; race++) {
            CustomerAggregate aggregate = refresh.apply(current.aggregate());
            Profile profile = scoring.apply(aggregate);
            if (profile.equals(current.profile()) && aggregate.equals(current.aggregate())) {
                return new Rescored(profile, false); // a replayed rebuild writes nothing
            }
            if (profiles.put(new StoredProfile(current.userId(), current.version() + 1, aggregate, profile),
                    current.version())) {
                return new Rescored(profile, true);
            }
            current = profiles.get(current.userId()).orElseThrow();
        }
        throw new IllegalStateException("profile " + stored.userId() + " kept changing under " + MAX_RACES + " attempts");
    }

    public Optional<ProfileModels> loadModels() throws IOException {
        if (bucket.find(Layout.PROFILE_MODELS_KEY).isEmpty()) {
            return Optional.empty();
        }
        try (var in = bucket.open(Layout.PROFILE_MODELS_KEY)) {
            return Optional.of(Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), ProfileModels.class));
        }
    }

    /** Before the first rebuild: models fitted on the customers at hand, replaced by the next rebuild. */
    private ProfileModels provisionalModels(ProfileFolder folder, Map<String, List<Event>> byUser,
                                            Map<String, StoredProfile> existing, LocalDate asOf) {
        List<CustomerAggregate> aggregates = new ArrayList<>();
        byUser.forEach((userId, events) -> {
            StoredProfile stored = existing.get(userId);
            aggregates.add(folder.fold(stored == null ? null : stored.aggregate(), userId, events));
        });
        return new ProfileRebuild(config).fitModels(aggregates, asOf);
    }

    /**
     * The models as stored: the fits' wall-clock times (benchmark figures) left out, so a replayed or retried rebuild
     * writes the same bytes.
     */
    static ProfileModels withoutTimings(ProfileModels models) {
        BgNbdFit bg = models.bgNbd();
        GammaGammaFit gg = models.gammaGamma();
        return new ProfileModels(models.asOf(),
                bg == null ? null : new BgNbdFit(bg.model(), bg.logLikelihood(), bg.customers(), bg.evaluations(), 0),
                gg == null ? null : new GammaGammaFit(gg.model(), gg.logLikelihood(), gg.customers(), gg.evaluations(), 0),
                models.rfm(), models.engagement());
    }

    private LocalDate asOf(LocalDate latestActivity) {
        LocalDate today = LocalDate.now(clock);
        return latestActivity.isAfter(today) ? today : latestActivity;
    }

    private static Event withSource(Event e, String sourceId) {
        return new Event(e.eventId(), e.userId(), e.itemId(), e.type(), e.quantity(), e.unitPrice(), e.currency(),
                e.ts(), e.orderId(), e.channel(), e.sessionId(), sourceId, e.sourceRow());
    }

    /** Folds each customer in parallel (one conditional write each) and counts whose profile changed. */
    private Result foldEach(java.util.Set<String> users, LocalDate asOf,
                            java.util.function.Predicate<String> foldCustomer) {
        int[] counts = new int[2];
        runInParallel(new ArrayList<>(users), userId -> {
            boolean changed = foldCustomer.test(userId);
            synchronized (counts) {
                counts[changed ? 0 : 1]++;
            }
        });
        return new Result(users.size(), counts[0], counts[1], asOf);
    }

    private static <T> void runInParallel(List<T> work, java.util.function.Consumer<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(WRITERS, Math.max(1, work.size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : work) {
                futures.add(pool.submit(() -> task.accept(item)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
