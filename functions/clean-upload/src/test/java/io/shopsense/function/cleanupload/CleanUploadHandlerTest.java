package io.shopsense.function.cleanupload;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.shopsense.clean.CleanLimits;
import io.shopsense.pipeline.UploadCleaner;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.InMemoryIngestionLedger;
import io.shopsense.store.ObjectStore.ObjectInfo;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler on the real S3 put event from events/, over a directory standing in for the bucket. */
class CleanUploadHandlerTest {
    /** A bucket whose Nth write fails, as S3 might half-way through publishing a run's outputs. */
    private static final class FailingOnNthWrite implements io.shopsense.store.ObjectStore {
        private final io.shopsense.store.ObjectStore delegate;
        private int writesLeft;

        FailingOnNthWrite(io.shopsense.store.ObjectStore delegate, int failOn) {
            this.delegate = delegate;
            this.writesLeft = failOn;
        }

        private void maybeFail() {
            if (--writesLeft == 0) {
                throw new java.io.UncheckedIOException(new java.io.IOException("injected: S3 PutObject failed"));
            }
        }

        @Override public InputStream open(String key) throws java.io.IOException { return delegate.open(key); }
        @Override public List<ObjectInfo> list(String prefix) { return delegate.list(prefix); }
        @Override public void delete(String key) { delegate.delete(key); }
        @Override public void put(String key, byte[] content, String contentType) {
            maybeFail();
            delegate.put(key, content, contentType);
        }
        @Override public void putFile(String key, Path file, String contentType) throws java.io.IOException {
            maybeFail();
            delegate.putFile(key, file, contentType);
        }
    }

    private static final Path EVENT = Path.of("../../events/s3-put-raw-orders.json");
    private static final String KEY = "raw/orders/online retail sample.csv";

    @TempDir
    Path bucket;
    @TempDir
    Path work;
    private DirectoryObjectStore store;
    private CleanUploadHandler handler;
    private final Context context = new InvocationContext("test", 1024, 60);

    @BeforeEach
    void setUp() throws Exception {
        store = new DirectoryObjectStore(bucket);
        try (InputStream sample = getClass().getResourceAsStream("/online-retail-200.csv")) {
            store.put(KEY, sample.readAllBytes(), "text/csv");
        }
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        UploadCleaner.Settings settings = new UploadCleaner.Settings(ZoneId.of("Europe/London"), CleanLimits.DEFAULT,
                Duration.ofDays(35), 100_000, "GBP", work);
        handler = new CleanUploadHandler(new UploadCleaner(store, new InMemoryIngestionLedger(), settings, clock));
    }

    @Test
    void handleRequest_cleansTheUploadNamedByTheEvent_intoPartitionsRejectsAndAManifest() throws Exception {
        S3Event event = EventLoader.loadS3Event(EVENT.toString());

        CleanUploadHandler.Result result = handler.handleRequest(event, context);

        CleanUploadHandler.ObjectResult object = result.objects().get(0);
        assertThat(object.key()).isEqualTo(KEY);
        assertThat(object.status()).isEqualTo("cleaned");
        assertThat(object.rowsIn()).isEqualTo(200);
        assertThat(object.rowsClean() + object.rowsRejected()).isEqualTo(200);
        List<String> keys = store.list("").stream().map(ObjectInfo::key).toList();
        assertThat(keys).contains("clean/events/dt=2010-12-01/" + object.sourceId() + ".jsonl.gz",
                "manifests/" + object.sourceId() + ".json");
        String manifest = new String(store.open("manifests/" + object.sourceId() + ".json").readAllBytes());
        assertThat(manifest).contains("\"input\":\"" + KEY + "\"", "\"kind\":\"events\"", "\"rowsIn\":200");
    }

    @Test
    void handleRequest_logsOneOutcomeRecord_withTheUploadsCountsAndRejectReasons() throws Exception {
        S3Event event = EventLoader.loadS3Event(EVENT.toString());
        List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();

        CleanUploadHandler.Result result = io.shopsense.runtime.LogOutput.bind(
                line -> lines.add(tree(line)), null,
                () -> handler.handleRequest(event, context));

        CleanUploadHandler.ObjectResult object = result.objects().get(0);
        List<com.fasterxml.jackson.databind.JsonNode> outcomes = lines.stream()
                .filter(line -> line.path("record").asText().equals("outcome")).toList();
        assertThat(outcomes).hasSize(1);
        var record = outcomes.get(0);
        assertThat(record.path("function").asText()).isEqualTo("clean-upload");
        assertThat(record.path("requestId").asText()).isEqualTo(context.getAwsRequestId());
        assertThat(record.path("source").asText()).isEqualTo(KEY);
        assertThat(record.path("outcome").asText()).isEqualTo("ok");
        assertThat(record.path("decision").asText()).isEqualTo("cleaned");
        assertThat(record.path("rowsIn").asLong()).isEqualTo(200);
        assertThat(record.path("rowsClean").asLong()).isEqualTo(object.rowsClean());
        assertThat(record.path("rowsRejected").asLong()).isEqualTo(object.rowsRejected());
        long byReason = 0;
        for (var reason : (Iterable<com.fasterxml.jackson.databind.JsonNode>) () -> record.path("rejectedByReason")
                .elements()) {
            byReason += reason.asLong();
        }
        assertThat(byReason).isEqualTo(object.rowsRejected());
    }

    @Test
    void handleRequest_faqUpload_isPublishedUnchangedUnderCleanFaq_forTheAssistantsIndex() throws Exception {
        byte[] faq = Files.readAllBytes(Path.of("../../samples/faq.md"));
        store.put("raw/faq/faq.md", faq, "text/markdown");

        CleanUploadHandler.Result result = handler.handleRequest(
                EventLoader.loadS3Event("../../events/s3-put-raw-faq.json"), context);

        assertThat(result.objects().get(0).status()).isEqualTo(UploadCleaner.Outcome.NOT_ROW_DATA);
        assertThat(store.open("clean/faq/faq.md").readAllBytes()).isEqualTo(faq);
        assertThat(store.list("manifests/")).isEmpty();
    }

    @Test
    void handleRequest_campaignDefinition_isPublishedUnchangedUnderCleanCampaigns_forLaunchCampaign() throws Exception {
        byte[] definition = ("{\"audience\":\"win-back\",\"action\":\"list\",\"start\":\"2026-11-01\","
                + "\"end\":\"2026-11-30\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put("raw/campaigns/autumn-winback.json", definition, "application/json");

        CleanUploadHandler.Result result = handler.handleRequest(
                EventLoader.loadS3Event("../../events/s3-put-raw-campaign.json"), context);

        assertThat(result.objects().get(0).status()).isEqualTo(UploadCleaner.Outcome.NOT_ROW_DATA);
        assertThat(store.open("clean/campaigns/autumn-winback.json").readAllBytes()).isEqualTo(definition);
        assertThat(store.list("manifests/")).isEmpty();
        assertThat(store.list("rejects/")).isEmpty();
    }

    @Test
    void handleRequest_replayedEvent_isRecognisedAndChangesNothing() throws Exception {
        S3Event event = EventLoader.loadS3Event(EVENT.toString());
        handler.handleRequest(event, context);
        List<ObjectInfo> before = store.list("");

        CleanUploadHandler.Result replay = handler.handleRequest(event, context);

        assertThat(replay.objects().get(0).status()).isEqualTo("already-done");
        assertThat(store.list("")).isEqualTo(before);
    }

    @Test
    void handleRequest_storageFailingHalfWay_thenRetried_endsIdenticalToACleanRun() throws Exception {
        S3Event event = EventLoader.loadS3Event(EVENT.toString());
        handler.handleRequest(event, context);
        List<ObjectInfo> cleanRun = store.list("");
        Path otherBucket = Files.createTempDirectory(work, "bucket-");
        DirectoryObjectStore retried = new DirectoryObjectStore(otherBucket);
        try (InputStream sample = getClass().getResourceAsStream("/online-retail-200.csv")) {
            retried.put(KEY, sample.readAllBytes(), "text/csv");
        }
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        UploadCleaner.Settings settings = new UploadCleaner.Settings(ZoneId.of("Europe/London"), CleanLimits.DEFAULT,
                Duration.ofDays(35), 100_000, "GBP", work);
        InMemoryIngestionLedger ledger = new InMemoryIngestionLedger();
        CleanUploadHandler failing = new CleanUploadHandler(
                new UploadCleaner(new FailingOnNthWrite(retried, 2), ledger, settings, clock));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.handleRequest(event, context))
                .hasMessageContaining("injected");
        assertThat(retried.list("manifests/")).isEmpty(); // no manifest: the run is visibly unfinished
        CleanUploadHandler.Result retry = new CleanUploadHandler(new UploadCleaner(retried, ledger, settings, clock))
                .handleRequest(event, context);

        assertThat(retry.objects().get(0).status()).isEqualTo("cleaned");
        assertThat(retried.list("")).extracting(ObjectInfo::key, ObjectInfo::eTag)
                .isEqualTo(cleanRun.stream().map(o -> org.assertj.core.groups.Tuple.tuple(o.key(), o.eTag())).toList());
    }

    @Test
    void handleRequest_unreadableFile_isAFailedManifest_andTheRawObjectIsKept() throws Exception {
        store.put(KEY, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2}, "application/gzip");
        S3Event event = EventLoader.loadS3Event(EVENT.toString());

        CleanUploadHandler.ObjectResult object = handler.handleRequest(event, context).objects().get(0);

        assertThat(object.status()).isEqualTo("failed");
        assertThat(store.find(KEY)).isPresent();
        String manifest = new String(store.open("manifests/" + object.sourceId() + ".json").readAllBytes());
        assertThat(manifest).contains("\"status\":\"failed\"");
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String line) {
        try {
            return io.shopsense.store.Json.MAPPER.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
