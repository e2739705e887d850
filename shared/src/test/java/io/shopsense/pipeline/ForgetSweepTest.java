package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.clean.CleanReport;
import io.shopsense.clean.UploadManifest;
import io.shopsense.model.Recommendation;
import io.shopsense.model.Sha256;
import io.shopsense.model.UserRecommendations;
import io.shopsense.security.ShopSecret;
import io.shopsense.store.InMemoryProfileStore;
import io.shopsense.store.InMemoryRecommendationStore;
import io.shopsense.store.RecommendationStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forget sweep over a small bucket: every place loses the erased customer, and the manifest still reconciles. */
class ForgetSweepTest {
    private static final ShopSecret SECRET = ShopSecret.of("0123456789abcdef0123456789abcdef".getBytes());
    private static final String EVENTS = "clean/events/dt=2011-01-03/s1.jsonl.gz";

    @TempDir
    Path dir;
    private DirectoryObjectStore bucket;
    private Erasures erasures;
    private InMemoryRecommendationStore recommendations;
    private ForgetSweep sweep;

    @BeforeEach
    void setUp() throws Exception {
        bucket = new DirectoryObjectStore(dir);
        erasures = new Erasures(bucket, SECRET);
        recommendations = new InMemoryRecommendationStore();
        recommendations.putAll(List.of(new UserRecommendations("anna", "hybrid",
                List.of(new Recommendation("i1", 1.0, "trending")))),
                new RecommendationStore.BuildStamp("v1", Instant.parse("2026-11-28T03:00:00Z")));
        sweep = new ForgetSweep(bucket, erasures, new InMemoryProfileStore(), recommendations);
        putGzip(EVENTS, event("00000000000000a1", "anna", 1), event("00000000000000b2", "ben", 2),
                event("00000000000000a3", "anna", 3));
        bucket.put("rejects/events/s1.jsonl", (reject("anna,i9,not a date", "BAD_DATE", 4) + "\n"
                + reject("ben,i9,not a date", "BAD_DATE", 5) + "\n").getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
        bucket.put("manifests/s1.json", UploadManifest.of("raw/orders/x.csv", "events",
                report("s1", 3, Map.of("BAD_DATE", 2L), Map.of("events", 3L))).toJson(), "application/json");
        bucket.put("manifests/s1.eventids", ids(0xa1, 0xb2, 0xa3), "application/octet-stream");
        bucket.put(UnansweredLog.PREFIX + "2026-11-28/q1/r1.json",
                "{\"question\":\"Where is the order of anna?\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        bucket.put(UnansweredLog.PREFIX + "2026-11-28/q2/r2.json",
                "{\"question\":\"Do you ship to Japan?\"}".getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Test
    void sweep_removesTheCustomerFromPublishedAudiencesAndExports() throws Exception {
        java.time.LocalDate asOf = java.time.LocalDate.of(2011, 1, 3);
        InMemoryProfileStore before = new InMemoryProfileStore();
        for (String id : List.of("anna", "ben")) {
            before.put(new io.shopsense.store.ProfileStore.StoredProfile(id, 1, null, new io.shopsense.model.Profile(id,
                    asOf, 1, 2, 20, asOf.minusDays(30), asOf.minusDays(1), 2, 2, 20, 0, 10, 29.0, 10, null,
                    java.util.Map.of(), null, io.shopsense.model.Segment.LOYAL, 0.9, 0.5, 1, 3, 0.1, 10, 50,
                    List.of(), List.of(), 0)), 0);
        }
        new AudienceBuild(bucket, before, () -> id -> false).build(); // published before the erasure
        erasures.record("anna", java.util.Map.of("profile", true), Instant.parse("2026-11-29T10:00:00Z"));

        ForgetSweep.Result result = sweep.sweep();

        assertThat(result.removedByPlace().get("audiences")).isPositive();
        AudienceIndex index = AudienceBuild.index(bucket).orElseThrow();
        assertThat(index.entry("segment-loyal").size()).isEqualTo(1);
        assertThat(AudienceBuild.members(bucket, index, index.entry("segment-loyal"), 0, 10))
                .extracting(AudienceIndex.PageMember::userId).containsExactly("ben");
        try (var in = bucket.open("exports/audiences/segment-loyal/2011-01-03/ids.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("customer_id\nben\n");
        }
        assertThat(sweep.sweep().removedByPlace().get("audiences")).isZero();
    }

    @Test
    void sweep_removesTheCustomerEverywhere_andTheManifestStillReconciles() throws Exception {
        erasures.record("anna", Map.of(), Instant.parse("2026-11-28T12:00:00Z"));

        ForgetSweep.Result result = sweep.sweep();

        assertThat(gunzip(EVENTS)).doesNotContain("anna").contains("ben");
        assertThat(read("rejects/events/s1.jsonl")).doesNotContain("anna").contains("ben");
        assertThat(bucket.list(UnansweredLog.PREFIX)).hasSize(1);
        assertThat(recommendations.get("anna")).isEmpty();
        CleanReport report = manifest("manifests/s1.json").report(); // reading it checks that the rows reconcile
        assertThat(report.rowsIn()).isEqualTo(5);
        assertThat(report.rowsClean()).isEqualTo(1);
        assertThat(report.rowsRejected()).isEqualTo(1);
        assertThat(report.rowsErased()).isEqualTo(3);
        assertThat(report.rejectsByReason()).containsExactly(Map.entry("BAD_DATE", 1L));
        assertThat(report.outputsByKind()).containsExactly(Map.entry("events", 1L));
        assertThat(bytes("manifests/s1.eventids")).isEqualTo(ids(0xb2));
        assertThat(result.removedByPlace()).containsEntry("cleanEvents", 2L).containsEntry("rejects", 1L)
                .containsEntry("unansweredQuestions", 1L);
    }

    // --- reviews (issue #17) ---
    @Test
    void sweep_removesTheCustomersReviews_andTheReviewManifestStillReconciles() throws Exception {
        String key = "clean/reviews/dt=2011-01-04/s2.jsonl.gz";
        putGzip(key, io.shopsense.clean.CanonicalJson.reviewLine(new io.shopsense.model.Review("00000000000000c1",
                        "anna", "i1", 1, null, "broke at once", Instant.parse("2011-01-04T10:00:00Z"), "s2", 1)),
                io.shopsense.clean.CanonicalJson.reviewLine(new io.shopsense.model.Review("00000000000000c2", "ben",
                        "i1", 5, "Lovely", null, Instant.parse("2011-01-04T11:00:00Z"), "s2", 2)));
        bucket.put("manifests/s2.json", new UploadManifest("raw/reviews/r.csv", "reviews", true,
                report("s2", 2, Map.of(), Map.of("reviews", 2L))).toJson(), "application/json");
        erasures.record("anna", Map.of(), Instant.parse("2026-11-28T12:00:00Z"));

        ForgetSweep.Result result = sweep.sweep();

        assertThat(gunzip(key)).doesNotContain("anna").doesNotContain("broke").contains("ben");
        UploadManifest manifest = manifest("manifests/s2.json");
        assertThat(manifest.itemsCheckedAgainstCatalogue()).isTrue();
        assertThat(manifest.report().rowsClean()).isEqualTo(1);
        assertThat(manifest.report().rowsErased()).isEqualTo(1);
        assertThat(manifest.report().outputsByKind()).containsExactly(Map.entry("reviews", 1L));
        assertThat(result.removedByPlace()).containsEntry("cleanReviews", 1L);
        assertThat(sweep.sweep().removedByPlace()).containsEntry("cleanReviews", 0L);
    }

    @Test
    void sweep_again_findsNothingLeft() throws Exception {
        erasures.record("anna", Map.of(), Instant.parse("2026-11-28T12:00:00Z"));
        sweep.sweep();
        String manifest = read("manifests/s1.json");

        ForgetSweep.Result again = sweep.sweep();

        assertThat(again.removedByPlace().values()).allMatch(n -> n == 0);
        assertThat(read("manifests/s1.json")).isEqualTo(manifest);
    }

    @Test
    void sweep_rekeysARecordFromBeforeKeyedRecords_andDeletesTheReversibleOne() throws Exception {
        String unkeyed = Layout.legacyErasureKey(Sha256.hex("anna"));
        bucket.put(unkeyed, "{\"erasedAt\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        ForgetSweep.Result result = sweep.sweep();

        assertThat(result.rekeyed()).isEqualTo(1);
        assertThat(gunzip(EVENTS)).doesNotContain("anna");
        assertThat(bucket.find(unkeyed)).isEmpty();
        assertThat(erasures.load().contains("anna")).isTrue();
        assertThat(erasures.load().isLegacy("anna")).isFalse();
    }

    @Test
    void sweep_failingAfterItRewroteTheData_andRetried_stillRekeysTheRecordFromBefore() throws Exception {
        // given an unkeyed record, and a sweep that fails at the tables, after the clean history lost the customer
        String unkeyed = Layout.legacyErasureKey(Sha256.hex("anna"));
        bucket.put(unkeyed, "{\"erasedAt\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        boolean[] failed = {false};
        RecommendationStore failingOnce = new RecommendationStore() {
            @Override public void putAll(java.util.Collection<UserRecommendations> lists, BuildStamp stamp) {
                recommendations.putAll(lists, stamp);
            }
            @Override public void putAllSimilar(java.util.Collection<io.shopsense.model.SimilarItems> similar,
                                                BuildStamp stamp) {
                recommendations.putAllSimilar(similar, stamp);
            }
            @Override public void putCatalog(java.util.Collection<io.shopsense.model.Item> items) {
                recommendations.putCatalog(items);
            }
            @Override public java.util.Optional<UserRecommendations> get(String userId) {
                return recommendations.get(userId);
            }
            @Override public boolean delete(String userId) {
                if (!failed[0]) {
                    failed[0] = true;
                    throw new IllegalStateException("injected: the table is unreachable");
                }
                return recommendations.delete(userId);
            }
            @Override public java.util.Optional<io.shopsense.model.SimilarItems> similar(String itemId) {
                return recommendations.similar(itemId);
            }
            @Override public java.util.Optional<io.shopsense.model.Item> getItem(String itemId) {
                return recommendations.getItem(itemId);
            }
        };
        ForgetSweep failing = new ForgetSweep(bucket, erasures, new InMemoryProfileStore(), failingOnce);
        org.assertj.core.api.Assertions.assertThatThrownBy(failing::sweep).hasMessageContaining("injected");
        assertThat(gunzip(EVENTS)).doesNotContain("anna");

        // when the invocation is retried (the data no longer names the customer)
        failing.sweep();

        // then the reversible record is gone and a keyed one erases the customer
        assertThat(bucket.find(unkeyed)).isEmpty();
        assertThat(erasures.load().contains("anna")).isTrue();
        assertThat(erasures.load().isLegacy("anna")).isFalse();
    }

    private static String event(String eventId, String user, int row) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + user + "\",\"itemId\":\"i1\",\"type\":\"purchase\","
                + "\"quantity\":1,\"unitPrice\":2.5,\"currency\":\"GBP\",\"ts\":\"2011-01-03T10:00:00Z\",\"orderId\":null,"
                + "\"channel\":null,\"sessionId\":null,\"sourceId\":\"s1\",\"sourceRow\":" + row + "}";
    }

    private static String reject(String raw, String reason, int row) {
        return "{\"sourceId\":\"s1\",\"sourceRow\":" + row + ",\"reason\":\"" + reason + "\",\"detail\":\"ts\",\"raw\":\""
                + raw + "\"}";
    }

    private static byte[] ids(long... ids) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (long id : ids) {
                out.writeLong(id);
            }
        }
        return bytes.toByteArray();
    }

    private void putGzip(String key, String... lines) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bucket.put(key, bytes.toByteArray(), "application/x-ndjson");
    }

    private String gunzip(String key) throws Exception {
        try (InputStream in = new GZIPInputStream(bucket.open(key))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private byte[] bytes(String key) throws Exception {
        try (InputStream in = bucket.open(key)) {
            return in.readAllBytes();
        }
    }

    private String read(String key) throws Exception {
        return new String(bytes(key), StandardCharsets.UTF_8);
    }

    /** The report of an upload of {@code clean} clean rows and the rejected rows of {@code rejects}. */
    private static CleanReport report(String sourceId, long clean, Map<String, Long> rejects,
                                      Map<String, Long> outputsByKind) {
        long rejected = rejects.values().stream().mapToLong(Long::longValue).sum();
        return new CleanReport(sourceId, "events-csv", "UTF-8", false, "none", clean + rejected, clean, rejected, 0,
                0, 0, new java.util.TreeMap<>(rejects), new java.util.TreeMap<>(outputsByKind), 0, 0, null, null, "0".repeat(64), 100, CleanReport.Status.OK, null,
                null);
    }

    private UploadManifest manifest(String key) throws Exception {
        try (InputStream in = bucket.open(key)) {
            return UploadManifest.read(in);
        }
    }
}
