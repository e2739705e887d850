package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.ProfileStore.StoredProfile;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileUpdaterTest {
    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private InMemoryProfileStore profiles;
    private ProfileUpdater updater;

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(bucketDir);
        profiles = new InMemoryProfileStore();
        updater = new ProfileUpdater(bucket, profiles, ProfileConfig.defaults(),
                Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC),
                new Erasures(bucket, io.shopsense.security.ShopSecret.of(new byte[32])));
    }

    @Test
    void foldCleanObject_onePurchaseEachDay_inTwoPartitionsOfOneUpload_countsBothDays() throws Exception {
        put("clean/events/dt=2011-01-03/s1.jsonl.gz", purchase("e1", "anna", "2011-01-03T10:00:00Z", "s1"));
        put("clean/events/dt=2011-01-10/s1.jsonl.gz", purchase("e2", "anna", "2011-01-10T10:00:00Z", "s1"));

        updater.foldCleanObject("clean/events/dt=2011-01-03/s1.jsonl.gz");
        updater.foldCleanObject("clean/events/dt=2011-01-10/s1.jsonl.gz");

        StoredProfile anna = profiles.get("anna").orElseThrow();
        assertThat(anna.profile().frequency()).isEqualTo(2);
        assertThat(anna.profile().revenue()).isEqualTo(2 * 3 * 2.5);
        assertThat(anna.profile().asOf()).hasToString("2011-01-10");
        assertThat(anna.version()).isEqualTo(2);
    }

    @Test
    void foldCleanObject_replayed_changesNothing() throws Exception {
        put("clean/events/dt=2011-01-03/s1.jsonl.gz", purchase("e1", "anna", "2011-01-03T10:00:00Z", "s1"),
                purchase("e2", "ben", "2011-01-03T11:00:00Z", "s1"));
        updater.foldCleanObject("clean/events/dt=2011-01-03/s1.jsonl.gz");
        List<StoredProfile> before = dump();

        ProfileUpdater.Result replay = updater.foldCleanObject("clean/events/dt=2011-01-03/s1.jsonl.gz");

        assertThat(replay.updated()).isZero();
        assertThat(replay.unchanged()).isEqualTo(2);
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void liveEvents_batchedIntoACleanObjectLater_areNotFoldedTwice() throws Exception {
        Event live = purchase("live-1", "anna", "2011-01-03T10:00:00Z", null);
        updater.fold(List.of(live));
        put("clean/events/dt=2011-01-03/live-batch.jsonl.gz", live);

        updater.foldCleanObject("clean/events/dt=2011-01-03/live-batch.jsonl.gz");

        assertThat(profiles.get("anna").orElseThrow().profile().units()).isEqualTo(3);
    }

    @Test
    void rebuild_fitsAndStoresModels_andASecondRebuildWritesNothing() throws Exception {
        put("clean/events/dt=2011-01-03/s1.jsonl.gz", purchase("e1", "anna", "2011-01-03T10:00:00Z", "s1"),
                purchase("e2", "ben", "2011-01-03T11:00:00Z", "s1"));
        put("clean/events/dt=2011-02-03/s1.jsonl.gz", purchase("e3", "anna", "2011-02-03T10:00:00Z", "s1"));
        updater.foldCleanObject("clean/events/dt=2011-01-03/s1.jsonl.gz");
        updater.foldCleanObject("clean/events/dt=2011-02-03/s1.jsonl.gz");

        ProfileUpdater.Result first = updater.rebuild(null);
        List<StoredProfile> afterFirst = dump();
        ProfileUpdater.Result second = updater.rebuild(null);

        assertThat(first.asOf()).hasToString("2011-02-03");
        assertThat(bucket.find(Layout.PROFILE_MODELS_KEY)).isPresent();
        assertThat(updater.loadModels()).isPresent();
        assertThat(second.updated()).isZero();
        assertThat(dump()).isEqualTo(afterFirst);
    }

    @Test
    void rebuild_writesTheProfileSummary_replayedIdentically_withMovementSinceTheRebuildBefore() throws Exception {
        put("clean/events/dt=2011-01-03/s1.jsonl.gz", purchase("e1", "anna", "2011-01-03T10:00:00Z", "s1"),
                purchase("e2", "ben", "2011-01-03T11:00:00Z", "s1"));
        updater.foldCleanObject("clean/events/dt=2011-01-03/s1.jsonl.gz");

        updater.rebuild(java.time.LocalDate.parse("2011-01-03"));
        byte[] first = bucket.open(Layout.PROFILE_SUMMARY_KEY).readAllBytes();
        updater.rebuild(java.time.LocalDate.parse("2011-01-03"));
        byte[] replay = bucket.open(Layout.PROFILE_SUMMARY_KEY).readAllBytes();
        put("clean/events/dt=2011-01-04/s2.jsonl.gz", purchase("e3", "cleo", "2011-01-04T10:00:00Z", "s2"));
        updater.foldCleanObject("clean/events/dt=2011-01-04/s2.jsonl.gz");
        updater.rebuild(java.time.LocalDate.parse("2011-01-04"));
        ProfileSummary later = io.shopsense.store.Json.MAPPER.readValue(
                bucket.open(Layout.PROFILE_SUMMARY_KEY), ProfileSummary.class);
        ProfileSummary earlier = io.shopsense.store.Json.MAPPER.readValue(first, ProfileSummary.class);

        assertThat(replay).isEqualTo(first);
        assertThat(earlier.customers()).isEqualTo(2);
        assertThat(earlier.segments().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(earlier.clv().counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(earlier.churn().counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(earlier.movement().since()).isNull();
        assertThat(later.movement().since()).hasToString("2011-01-03");
        earlier.segments().forEach((segment, count) -> assertThat(later.movement().change().get(segment))
                .as(segment).isEqualTo(later.segments().get(segment) - count));
        assertThat(later.movement().change().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    }

    private List<StoredProfile> dump() {
        List<StoredProfile> all = new ArrayList<>();
        profiles.scan(all::add);
        return all;
    }

    // --- reviews (issue #17) ---
    @Test
    void foldReviewObject_keepsEachItemsLatestRating_andTheAverageGiven_andAReplayChangesNothing() throws Exception {
        put("clean/events/dt=2011-01-03/s1.jsonl.gz", purchase("e1", "anna", "2011-01-03T10:00:00Z", "s1"));
        updater.foldCleanObject("clean/events/dt=2011-01-03/s1.jsonl.gz");
        putReviews("clean/reviews/dt=2011-01-05/r1.jsonl.gz",
                review("anna", "i1", 5, "2011-01-05T10:00:00Z"), review("anna", "i2", 2, "2011-01-05T11:00:00Z"),
                review("anna", "i1", 3, "2011-01-04T10:00:00Z"),   // older than the 5: it does not count
                review("cleo", "i1", 4, "2011-01-05T12:00:00Z"),   // no profile yet: one is made
                review(null, "i1", 1, "2011-01-05T13:00:00Z"));    // anonymous: nobody's profile

        ProfileUpdater.Result first = updater.foldReviewObject("clean/reviews/dt=2011-01-05/r1.jsonl.gz");
        List<StoredProfile> after = dump();
        ProfileUpdater.Result replay = updater.foldReviewObject("clean/reviews/dt=2011-01-05/r1.jsonl.gz");

        assertThat(first.updated()).isEqualTo(2);
        var anna = profiles.get("anna").orElseThrow().profile();
        assertThat(anna.ratingsGiven()).isEqualTo(2);
        assertThat(anna.averageRatingGiven()).isEqualTo(3.5);   // (5 + 2) / 2
        assertThat(anna.frequency()).isEqualTo(1);              // the purchase is still there
        assertThat(profiles.get("cleo").orElseThrow().profile().averageRatingGiven()).isEqualTo(4.0);
        assertThat(replay.updated()).isZero();
        assertThat(dump()).isEqualTo(after);
    }

    private static io.shopsense.model.Review review(String user, String item, int stars, String ts) {
        return new io.shopsense.model.Review(Integer.toHexString((user + item + ts).hashCode()), user, item, stars,
                null, "text", Instant.parse(ts), "r1", 1);
    }

    private void putReviews(String key, io.shopsense.model.Review... reviews) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (io.shopsense.model.Review r : reviews) {
                gzip.write((CanonicalJson.reviewLine(r) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        bucket.put(key, bytes.toByteArray(), "application/x-ndjson");
    }

    @Test
    void foldCleanObject_afterTheCatalogue_givesCategoryAffinities() throws Exception {
        putCatalogue("clean/catalog/dt=2011-01-01/c1.jsonl.gz", "85123A", "candles-and-lights");
        put("clean/events/dt=2011-01-03/s1.jsonl.gz", purchase("e1", "anna", "2011-01-03T10:00:00Z", "s1"));

        updater.foldCleanObject("clean/events/dt=2011-01-03/s1.jsonl.gz");

        assertThat(profiles.get("anna").orElseThrow().profile().topCategories())
                .extracting(io.shopsense.model.Affinity::key).containsExactly("candles-and-lights");
    }

    @Test
    void rebuild_givesCategoryAffinities_toEventsFoldedBeforeTheCatalogueArrived_andAReplayWritesNothing()
            throws Exception {
        put("clean/events/dt=2011-01-03/s1.jsonl.gz", purchase("e1", "anna", "2011-01-03T10:00:00Z", "s1"));
        updater.foldCleanObject("clean/events/dt=2011-01-03/s1.jsonl.gz");
        assertThat(profiles.get("anna").orElseThrow().profile().topCategories()).isEmpty();
        // An orders export's catalogue rows name no category; the shop's catalogue upload does.
        putCatalogue("clean/catalog/dt=2011-01-05/c1.jsonl.gz", "85123A", "candles-and-lights");
        putCatalogue("clean/catalog/dt=2011-01-06/o2.jsonl.gz", "85123A", null);

        updater.rebuild(null);
        List<StoredProfile> afterFirst = dump();
        ProfileUpdater.Result replay = updater.rebuild(null);

        io.shopsense.model.Profile anna = profiles.get("anna").orElseThrow().profile();
        assertThat(anna.topCategories()).extracting(io.shopsense.model.Affinity::key)
                .containsExactly("candles-and-lights");
        assertThat(anna.topCategories().get(0).score()).isEqualTo(anna.topItems().get(0).score());
        assertThat(replay.updated()).isZero();
        assertThat(dump()).isEqualTo(afterFirst);
    }

    private void putCatalogue(String key, String itemId, String category) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write((CanonicalJson.itemLine(new io.shopsense.model.Item(itemId, "WHITE HANGING HEART T-LIGHT HOLDER",
                    category, 2.55, true, true)) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bucket.put(key, bytes.toByteArray(), "application/x-ndjson");
    }

    private static Event purchase(String id, String user, String ts, String sourceId) {
        return new Event(id, user, "85123A", EventType.PURCHASE, 3, 2.5, "GBP", Instant.parse(ts), "o-" + id,
                null, null, sourceId, 1);
    }

    private void put(String key, Event... events) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Event e : events) {
                gzip.write((CanonicalJson.eventLine(e) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        bucket.put(key, bytes.toByteArray(), "application/x-ndjson");
    }
}
