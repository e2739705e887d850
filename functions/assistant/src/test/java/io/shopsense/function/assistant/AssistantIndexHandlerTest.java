package io.shopsense.function.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.assistant.AssistantConfig;
import io.shopsense.assistant.OrderLookup;
import io.shopsense.pipeline.AssistantIndexes;
import io.shopsense.pipeline.CurrentAssistant;
import io.shopsense.pipeline.UnansweredLog;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.Json;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * assistant-index on the real S3 event from events/ (clean/faq/faq.md created), over a bucket on disk holding the
 * sample FAQ, a clean catalogue and a customer's clean events; then a warm assistant picking up the next index.
 */
class AssistantIndexHandlerTest {
    private static final String CUSTOMER = "17850";
    private final InvocationContext context = new InvocationContext("test", 1024, 60);
    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private AssistantIndexHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        bucket = new DirectoryObjectStore(bucketDir);
        bucket.put("clean/faq/faq.md", Files.readAllBytes(Path.of("../../samples/faq.md")), "text/markdown");
        bucket.put("clean/catalog/dt=2026-11-28/s1.jsonl.gz", gzip("""
                {"itemId":"85123A","title":"WHITE HANGING HEART T-LIGHT HOLDER","category":null,"price":2.55,"inStock":true,"isProduct":true}
                {"itemId":"POST","title":"POSTAGE","category":null,"price":18.0,"inStock":true,"isProduct":false}
                """), "application/gzip");
        bucket.put("clean/events/dt=2010-12-01/s1.jsonl.gz", gzip("""
                {"eventId":"e1","userId":"%s","itemId":"85123A","type":"purchase","quantity":6,"unitPrice":2.55,"currency":"GBP","ts":"2010-12-01T08:26:00Z","orderId":"536365","channel":null,"sessionId":null,"sourceId":"s1","sourceRow":1}
                """.formatted(CUSTOMER)), "application/gzip");
        handler = new AssistantIndexHandler(new AssistantIndexes(bucket, "GBP"));
    }

    @Test
    void faqCreated_buildsTheIndexOnce_andAReplayWritesNothing() throws Exception {
        S3Event event = EventLoader.loadS3Event("../../events/s3-put-clean-faq.json");

        AssistantIndexes.Outcome built = handler.handleRequest(event, context);
        String eTag = AssistantIndexes.currentETag(bucket).orElseThrow();
        AssistantIndexes.Outcome replayed = handler.handleRequest(event, context);

        assertThat(built.status()).isEqualTo("built");
        assertThat(built.faqEntries()).isEqualTo(8);
        assertThat(built.products()).isEqualTo(2);
        assertThat(replayed.status()).isEqualTo("unchanged");
        assertThat(AssistantIndexes.currentETag(bucket)).contains(eTag);
    }

    @Test
    void theIndex_holdsShopTextOnly_neverACustomersIdOrOrders() throws Exception {
        handler.handleRequest(EventLoader.loadS3Event("../../events/s3-put-clean-faq.json"), context);

        String stored = new String(new java.util.zip.GZIPInputStream(bucket.open(AssistantIndexes.KEY))
                .readAllBytes(), StandardCharsets.UTF_8);

        assertThat(stored).contains("可以退货吗？", "WHITE HANGING HEART T-LIGHT HOLDER")
                .doesNotContain(CUSTOMER, "536365", "userId", "orderId");
    }

    @Test
    void aWarmAssistant_answersFromANewFaqOnceItsIndexIsRebuilt() throws Exception {
        // given a warm assistant over the first index, checking for a newer one at most once a minute
        handler.handleRequest(EventLoader.loadS3Event("../../events/s3-put-clean-faq.json"), context);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        OrderLookup noOrders = userId -> List.of();
        AssistantHandler assistant = new AssistantHandler(new CurrentAssistant(bucket,
                AssistantConfig.withContact("help@shop.example"), Duration.ofMinutes(1), clock), noOrders,
                new UnansweredLog(bucket), ZoneId.of("Europe/London"));
        assertThat(ask(assistant, "Do you engrave names on mugs?").path("answered").asBoolean()).isFalse();

        // when the shop adds an FAQ entry and the trigger rebuilds the index
        bucket.put("clean/faq/engraving.md", "## Do you engrave names?\nYes, we engrave names on any mug for £3.\n"
                .getBytes(StandardCharsets.UTF_8), "text/markdown");
        handler.handleRequest(EventLoader.loadS3Event("../../events/s3-put-clean-faq.json"), context);

        // then it is found once the check interval has passed, not before
        assertThat(ask(assistant, "Do you engrave names on mugs?").path("answered").asBoolean()).isFalse();
        clock.now = clock.now.plusSeconds(61);
        JsonNode answer = ask(assistant, "Do you engrave names on mugs?");
        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.at("/passage/title").asText()).isEqualTo("Do you engrave names?");
    }

    private JsonNode ask(AssistantHandler assistant, String question) throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("../../events/http-post-assistant-ask.json");
        event.setBody(Json.write(java.util.Map.of("question", question)));
        APIGatewayV2HTTPResponse response = assistant.handleRequest(event, context);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return Json.MAPPER.readTree(response.getBody());
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
