package io.shopsense.function.trackevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.pipeline.Erasures;
import io.shopsense.pipeline.ProfileUpdater;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.Json;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** track-events with the real {@code POST /events} event: kept, or dropped as ERASED once the customer is erased. */
class TrackEventsHandlerTest {
    private static final ShopSecret SECRET = ShopSecret.of("a test secret of at least 32 bytes!".getBytes());
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2011-12-09T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private InMemoryProfileStore profiles;
    private Erasures erasures;
    private TrackEventsHandler handler;

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(bucketDir);
        profiles = new InMemoryProfileStore();
        erasures = new Erasures(bucket, SECRET);
        handler = new TrackEventsHandler(new LiveEvents(CLOCK, "GBP"),
                new ProfileUpdater(bucket, profiles, ProfileConfig.defaults(), CLOCK, erasures),
                new EventBatcher(bucket, CLOCK), erasures);
    }

    @Test
    void postEvents_ofACustomer_updatesTheirProfile() throws Exception {
        JsonNode body = post();

        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("dropped").isEmpty()).isTrue();
        assertThat(profiles.get("12347")).isPresent();
    }

    @Test
    void postEvents_ofAnErasedCustomer_isDroppedAsErased_andNothingOfItIsKept() throws Exception {
        erasures.record("12347", Map.of(), CLOCK.instant());

        JsonNode body = post();

        assertThat(body.path("accepted").asInt()).isZero();
        assertThat(body.at("/dropped/ERASED").asInt()).isEqualTo(1);
        assertThat(body.toString()).doesNotContain("12347");
        assertThat(profiles.get("12347")).isEmpty();
        assertThat(bucket.list("clean/")).isEmpty();
    }

    private JsonNode post() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                EventLoader.loadApiGatewayHttpEvent("../../events/http-post-events.json"),
                new InvocationContext("test", 1024, 10));
        assertThat(response.getStatusCode()).isEqualTo(202);
        return Json.MAPPER.readTree(response.getBody());
    }
}
