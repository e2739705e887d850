package io.shopsense.function.buildaudiences;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Affinity;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import io.shopsense.pipeline.AudienceBuild;
import io.shopsense.pipeline.AudienceIndex;
import io.shopsense.pipeline.Erasures;
import io.shopsense.security.ShopSecret;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.ProfileStore.StoredProfile;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler on the real S3 event of the profile rebuild's summary, over a directory standing in for the bucket and
 * the Profiles table in memory: 150 customers with e-mail pseudonyms, one erased, one rule file valid and one not.
 */
class BuildAudiencesHandlerTest {
    private static final Path EVENT = Path.of("../../events/s3-put-profile-summary.json");
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);
    private static final String ERASED = EmailAddresses.pseudonym("erased@shop.test");
    private static final ShopSecret SECRET = ShopSecret.of("a test secret of at least 32 bytes!".getBytes());

    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private BuildAudiencesHandler handler;
    private final InvocationContext context = new InvocationContext("test", 1024, 60);

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(bucketDir);
        InMemoryProfileStore profiles = new InMemoryProfileStore();
        for (int i = 0; i < 150; i++) {
            String id = i < 120 ? EmailAddresses.pseudonym("c" + i + "@shop.test") : "shop-" + i;
            profiles.put(new StoredProfile(id, 1, null, profile(id, i % 3 == 0 ? Segment.CHAMPIONS : Segment.LOST,
                    i)), 0);
        }
        profiles.put(new StoredProfile(ERASED, 1, null, profile(ERASED, Segment.CHAMPIONS, 10_000)), 0);
        Erasures erasures = new Erasures(bucket, SECRET);
        erasures.record(ERASED, Map.of("profile", false), java.time.Instant.parse("2026-11-29T12:00:00Z"));
        put("raw/audiences/big.json", "{\"name\":\"big\",\"where\":{\"field\":\"clv\",\"gte\":100}}");
        put("raw/audiences/broken.json", "{\"name\":\"broken\",\"where\":{\"field\":\"age\",\"gte\":30}}");
        handler = new BuildAudiencesHandler(new AudienceBuild(bucket, profiles, AudienceBuild.erasedIn(erasures)));
    }

    @Test
    void handleRequest_publishesEveryAudience_withExportsPagesAndTheRejectedRule() throws Exception {
        S3Event event = EventLoader.loadS3Event(EVENT.toString());

        AudienceBuild.Outcome outcome = handler.handleRequest(event, context);

        assertThat(outcome.status()).isEqualTo("built");
        assertThat(outcome.customers()).isEqualTo(150);
        assertThat(outcome.rejectedRules()).isEqualTo(1);
        AudienceIndex index = AudienceBuild.index(bucket).orElseThrow();
        assertThat(index.asOf()).isEqualTo(AS_OF);
        assertThat(index.rules().accepted()).containsExactly("raw/audiences/big.json");
        assertThat(index.rules().rejected()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("raw/audiences/broken.json");
            assertThat(r.reason()).startsWith("where.field: unknown field \"age\"");
        });
        AudienceIndex.Entry champions = index.entry("segment-champions");
        assertThat(champions.size()).isEqualTo(50);
        assertThat(champions.withEmail()).isEqualTo(40);
        assertThat(champions.targetable()).isFalse(); // 40 hashed e-mails, below the platforms' 100
        AudienceIndex.Entry lost = index.entry("segment-lost");
        assertThat(lost.size()).isEqualTo(100);
        assertThat(lost.withEmail()).isEqualTo(80);
        assertThat(index.entry("big").size()).isEqualTo(50);
        assertThat(champions.exports()).containsEntry("meta",
                "exports/audiences/segment-champions/2026-11-29/meta.csv").containsKeys("google", "ids");
        String meta = read(champions.exports().get("meta"));
        assertThat(meta).startsWith("email\n").hasLineCount(41);
        assertThat(read(champions.exports().get("google"))).startsWith("Email\n").hasLineCount(41);
        assertThat(read(champions.exports().get("ids"))).startsWith("customer_id\n").hasLineCount(51);
        assertThat(AudienceBuild.members(bucket, index, lost, 95, 10)).hasSize(5)
                .extracting(AudienceIndex.PageMember::clv).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void erasedCustomer_isInNoPageAndNoExport() throws Exception {
        handler.handleRequest(EventLoader.loadS3Event(EVENT.toString()), context);

        for (Map.Entry<String, String> file : everything().entrySet()) {
            assertThat(file.getValue()).as(file.getKey()).doesNotContain(ERASED, ERASED.substring(2));
        }
    }

    @Test
    void replay_writesIdenticalBytes() throws Exception {
        S3Event event = EventLoader.loadS3Event(EVENT.toString());
        handler.handleRequest(event, context);
        Map<String, String> first = everything();

        handler.handleRequest(event, context);

        assertThat(everything()).isEqualTo(first);
    }

    private Map<String, String> everything() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(bucketDir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String key = bucketDir.relativize(file).toString();
                if (key.startsWith("audiences") || key.startsWith("exports")) {
                    files.put(key, Files.readString(file));
                }
            }
        }
        assertThat(files).isNotEmpty();
        return files;
    }

    private void put(String key, String json) {
        bucket.put(key, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private String read(String key) throws Exception {
        try (var in = bucket.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Profile profile(String id, Segment segment, double clv) {
        return new Profile(id, AS_OF, 3, 2, clv, AS_OF.minusDays(60), AS_OF.minusDays(3), 2, 2, clv, 0, clv / 2, 57.0,
                12, null, Map.of(), null, segment, 0.8, 0.1, 0.3, 1.2, 0.4, clv / 2, clv,
                List.of(new Affinity("MUGS", clv / 10)), List.of(), 0);
    }
}
