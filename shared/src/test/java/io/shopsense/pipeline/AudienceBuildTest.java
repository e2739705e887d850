package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.EmailAddresses;
import io.shopsense.model.Profile;
import io.shopsense.model.Segment;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.ProfileStore.StoredProfile;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing audiences to a bucket on disk, and forgetting an erased customer in what was published. */
class AudienceBuildTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 29);
    private static final String GONE = EmailAddresses.pseudonym("gone@shop.test");

    @TempDir
    Path dir;
    private DirectoryObjectStore bucket;
    private InMemoryProfileStore profiles;
    private final Set<String> lateIds = new java.util.HashSet<>();

    @BeforeEach
    void setUp() {
        bucket = new DirectoryObjectStore(dir);
        profiles = new InMemoryProfileStore();
        for (int i = 0; i < 230; i++) {
            String id = i == 7 ? GONE : i % 2 == 0 ? EmailAddresses.pseudonym("c" + i + "@shop.test") : "id-" + i;
            profiles.put(new StoredProfile(id, 1, null, profile(id, i % 4 == 0 ? Segment.LOYAL : Segment.LOST, 1000 - i)),
                    0);
            if (i >= 100) {
                lateIds.add(id);
            }
        }
    }

    @Test
    void forget_removesTheCustomerFromPagesExportsAndCounts_andASecondForgetFindsNothing() throws Exception {
        AudienceBuild build = new AudienceBuild(bucket, profiles, () -> id -> false);
        build.build();
        AudienceIndex before = AudienceBuild.index(bucket).orElseThrow();

        long removed = build.forget(Set.of(GONE)::contains);

        AudienceIndex after = AudienceBuild.index(bucket).orElseThrow();
        AudienceIndex.Entry lost = after.entry("segment-lost");
        assertThat(lost.size()).isEqualTo(before.entry("segment-lost").size() - 1);
        assertThat(lost.withEmail()).isEqualTo(before.entry("segment-lost").withEmail() - 1);
        assertThat(after.customers()).isEqualTo(before.customers() - 1);
        assertThat(AudienceBuild.members(bucket, after, lost, 0, lost.size()))
                .hasSize(lost.size()).noneMatch(m -> m.userId().equals(GONE));
        assertThat(removed).isPositive();
        for (Map.Entry<String, String> file : published().entrySet()) {
            assertThat(file.getValue()).as(file.getKey()).doesNotContain(GONE.substring(2));
        }
        Map<String, String> once = published();
        assertThat(build.forget(Set.of(GONE)::contains)).isZero();
        assertThat(published()).isEqualTo(once);
    }

    @Test
    void aRebuildOfAShrunkAudience_leavesNoMemberInThePagesItNoLongerUses() throws Exception {
        new AudienceBuild(bucket, profiles, () -> id -> false).build();
        assertThat(AudienceBuild.index(bucket).orElseThrow().entry("segment-lost").pages()).isEqualTo(2);

        // the customers from 100 on (the second page's) are gone by the next build, and so is GONE
        new AudienceBuild(bucket, profiles, () -> id -> id.equals(GONE) || lateIds.contains(id)).build();

        AudienceIndex.Entry lost = AudienceBuild.index(bucket).orElseThrow().entry("segment-lost");
        assertThat(lost.pages()).isEqualTo(1);
        String secondPage = Files.readString(dir.resolve(Layout.audienceMembersKey("segment-lost", 1)));
        assertThat(secondPage).contains("\"members\":[]");
        for (Map.Entry<String, String> file : published().entrySet()) {
            if (file.getKey().contains("members")) {
                assertThat(file.getValue()).as(file.getKey()).doesNotContain(GONE);
            }
        }
    }

    @Test
    void forget_leavesTheSegmentsAsAFreshBuildWithoutTheCustomerWouldPublishThem() throws Exception {
        new AudienceBuild(bucket, profiles, () -> id -> false).build();
        new AudienceBuild(bucket, profiles, () -> id -> false).forget(GONE::equals);
        Map<String, String> forgotten = published();

        new AudienceBuild(bucket, profiles, () -> GONE::equals).build();

        Map<String, String> rebuilt = published();
        assertThat(rebuilt.get("exports/audiences/segment-lost/2026-11-29/ids.csv"))
                .isEqualTo(forgotten.get("exports/audiences/segment-lost/2026-11-29/ids.csv"));
        assertThat(rebuilt.get("exports/audiences/segment-loyal/2026-11-29/meta.csv"))
                .isEqualTo(forgotten.get("exports/audiences/segment-loyal/2026-11-29/meta.csv"));
        assertThat(rebuilt.get("audiences/members/segment-lost/00001.json"))
                .isEqualTo(forgotten.get("audiences/members/segment-lost/00001.json"));
    }

    private Map<String, String> published() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return files;
    }

    private static Profile profile(String id, Segment segment, double clv) {
        return new Profile(id, AS_OF, 3, 2, clv, AS_OF.minusDays(60), AS_OF.minusDays(3), 2, 2, clv, 0, clv / 2, 57.0,
                12, null, Map.of(), null, segment, 0.8, 0.1, 0.3, 1.2, 0.4, clv / 2, clv, List.of(), List.of(), 0);
    }
}
