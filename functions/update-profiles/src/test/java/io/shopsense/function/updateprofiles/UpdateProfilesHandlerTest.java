package io.shopsense.function.updateprofiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.pipeline.Erasures;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.ProfileStore.StoredProfile;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler on the real S3 put event of a clean events object from events/, over a bucket on disk. */
class UpdateProfilesHandlerTest {
    /** The decoded key of events/s3-put-clean-events.json ({@code %3D} is the partition's {@code =}). */
    private static final String KEY = "clean/events/dt=2010-12-01/3f2a9c0d5b7e4a61.jsonl.gz";
    private static final String SOURCE = "3f2a9c0d5b7e4a61";

    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private InMemoryProfileStore profiles;
    private UpdateProfilesHandler handler;
    private final InvocationContext context = new InvocationContext("update-profiles", 1024, 300);

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(bucketDir);
        profiles = new InMemoryProfileStore();
        ShopSecret secret = ShopSecret.of("a test secret of at least 32 bytes!".getBytes(StandardCharsets.UTF_8));
        handler = new UpdateProfilesHandler(new ProfileUpdater(bucket, profiles, ProfileConfig.defaults(),
                Clock.fixed(Instant.parse("2026-11-28T09:05:00Z"), ZoneOffset.UTC), new Erasures(bucket, secret)));
    }

    @Test
    void aCleanEventsObject_isFoldedIntoEachCustomersProfile_underItsDecodedKey() throws Exception {
        put(purchase(1, "17850", 6, 2.55), purchase(2, "17850", 6, 3.39), purchase(3, "13047", 2, 7.65));

        List<UpdateProfilesHandler.Folded> folded = handler.handleRequest(event(), context);

        assertThat(folded).containsExactly(new UpdateProfilesHandler.Folded(KEY, 2, 2, 0, "2010-12-01"));
        StoredProfile first = profiles.get("17850").orElseThrow();
        assertThat(first.profile().revenue()).isCloseTo(6 * 2.55 + 6 * 3.39, within(1e-9));
        assertThat(first.profile().orders()).isEqualTo(1); // one invoice, two lines
        assertThat(profiles.get("13047").orElseThrow().profile().revenue())
                .isCloseTo(2 * 7.65, within(1e-9));
    }

    @Test
    void theSameEventDeliveredAgain_foldsNothing() throws Exception {
        put(purchase(1, "17850", 6, 2.55));
        handler.handleRequest(event(), context);
        Map<String, StoredProfile> before = Map.of("17850", profiles.get("17850").orElseThrow());

        List<UpdateProfilesHandler.Folded> again = handler.handleRequest(event(), context);

        assertThat(again).containsExactly(new UpdateProfilesHandler.Folded(KEY, 1, 0, 1, "2010-12-01"));
        assertThat(profiles.get("17850").orElseThrow()).isEqualTo(before.get("17850"));
    }

    // --- reviews (issue #17) ---
    @Test
    void aCleanReviewsObject_foldsTheRatingsIntoTheReviewersProfiles_underItsDecodedKey() throws Exception {
        put(purchase(1, "17850", 6, 2.55));
        handler.handleRequest(event(), context);
        String reviews = "clean/reviews/dt=2010-12-20/8b1d4e7f2a6c9035.jsonl.gz";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (var r : List.of(review("17850", "item-1", 4), review("17850", "item-9", 1))) {
                gzip.write((CanonicalJson.reviewLine(r) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        bucket.put(reviews, bytes.toByteArray(), "application/gzip");

        List<UpdateProfilesHandler.Folded> folded = handler.handleRequest(
                EventLoader.loadS3Event("../../events/s3-put-clean-reviews.json"), context);

        assertThat(folded).extracting(UpdateProfilesHandler.Folded::key, UpdateProfilesHandler.Folded::updated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(reviews, 1));
        var profile = profiles.get("17850").orElseThrow().profile();
        assertThat(profile.ratingsGiven()).isEqualTo(2);
        assertThat(profile.averageRatingGiven()).isEqualTo(2.5);
        assertThat(profile.orders()).isEqualTo(1);
    }

    private static io.shopsense.model.Review review(String user, String item, int stars) {
        return new io.shopsense.model.Review(user + item, user, item, stars, null, "text",
                Instant.parse("2010-12-20T10:00:00Z"), "8b1d4e7f2a6c9035", 1);
    }

    private static S3Event event() {
        return EventLoader.loadS3Event("../../events/s3-put-clean-events.json");
    }

    private static Event purchase(int row, String user, int quantity, double price) {
        return new Event("%016x".formatted(row), user, "item-" + row, EventType.PURCHASE, quantity, price, "GBP",
                Instant.parse("2010-12-01T08:26:00Z"), "536365", null, null, SOURCE, row);
    }

    private void put(Event... events) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (Event e : events) {
                gzip.write((CanonicalJson.eventLine(e) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        bucket.put(KEY, bytes.toByteArray(), "application/gzip");
    }
}
