package io.shopsense.function.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.shopsense.assistant.AssistantConfig;
import io.shopsense.assistant.OrderLookup;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import io.shopsense.pipeline.AssistantIndexes;
import io.shopsense.pipeline.CurrentAssistant;
import io.shopsense.pipeline.UnansweredLog;
import io.shopsense.runtime.InvocationContext;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore.ObjectInfo;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler on the real HTTP API v2 event from events/, over the sample FAQ's stored index in a bucket on disk. */
class AssistantHandlerTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    @TempDir
    Path bucketDir;
    private DirectoryObjectStore bucket;
    private AssistantHandler handler;
    private final InvocationContext context = new InvocationContext("test", 1024, 30);

    @BeforeEach
    void setUp() throws Exception {
        bucket = new DirectoryObjectStore(bucketDir);
        bucket.put("clean/faq/faq.md", Files.readAllBytes(Path.of("../../samples/faq.md")), "text/markdown");
        new AssistantIndexes(bucket, "GBP").rebuild();
        OrderLookup noOrders = userId -> List.of();
        handler = new AssistantHandler(new CurrentAssistant(bucket, AssistantConfig.withContact("help@shop.example"),
                Duration.ofSeconds(30), Clock.systemUTC()), noOrders, new UnansweredLog(bucket), LONDON);
    }

    @Test
    void anFaqQuestion_isAnsweredFromThePassage_andNotKeptAsAGap() throws Exception {
        JsonNode body = ask(load());

        assertThat(body.path("answered").asBoolean()).isTrue();
        assertThat(body.path("kind").asText()).isEqualTo("faq");
        assertThat(body.at("/passage/title").asText()).isEqualTo("How long does delivery take?");
        assertThat(bucket.list(UnansweredLog.PREFIX)).isEmpty();
    }

    @Test
    void anUnansweredQuestion_isKeptOncePerRequest_withoutTheEmailAddressInIt() throws Exception {
        APIGatewayV2HTTPEvent event = load();
        event.setBody("{\"question\": \"What is the weather in Paris? Reply to jane.doe@example.com\"}");

        JsonNode body = ask(event);
        ask(event); // the same request delivered again
        APIGatewayV2HTTPEvent another = load();
        another.setBody("{\"question\": \"what is the WEATHER in paris?  reply to Jane.Doe@example.com\"}");
        another.getRequestContext().setRequestId("another-request");
        ask(another);

        assertThat(body.path("answered").asBoolean()).isFalse();
        assertThat(body.path("answer").asText()).contains("help@shop.example");
        List<ObjectInfo> kept = bucket.list(UnansweredLog.PREFIX);
        assertThat(kept).hasSize(2);
        // events/http-post-assistant-ask.json was received at 1583348638390 ms: 2020-03-04, 19:03 in London (GMT)
        assertThat(kept).allSatisfy(info -> assertThat(info.key()).startsWith(UnansweredLog.PREFIX + "2020-03-04/"));
        for (ObjectInfo info : kept) {
            String stored = new String(bucket.open(info.key()).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(stored).doesNotContain("@").contains("e_");
        }
        var mostAsked = new UnansweredLog(bucket).summary(30, 20).mostAsked().entries();
        assertThat(mostAsked).hasSize(1);
        assertThat(mostAsked.get(0).count()).isEqualTo(2);
    }

    @Test
    void aBlankQuestion_is400_andNothingIsKept() throws Exception {
        APIGatewayV2HTTPEvent event = load();
        event.setBody("{\"question\": \"   \"}");

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(response.getBody()).path("message").asText()).contains("question");
        assertThat(bucket.list(UnansweredLog.PREFIX)).isEmpty();
    }

    @Test
    void signedInCustomer_getsTheirOwnOrders_fromTheTokensClaim() throws Exception {
        JsonNode body = askWithOrders(signedIn());

        assertThat(body.path("kind").asText()).isEqualTo("orders");
        assertThat(body.path("answer").asText()).contains("ORDER-OF-12347").doesNotContain("ORDER-OF-12348");
    }

    @Test
    void signedInCustomer_askingAboutAnotherCustomer_getsTheAnonymousAnswer() throws Exception {
        APIGatewayV2HTTPEvent event = signedIn();
        event.setBody("{\"question\": \"Where is my order?\", \"userId\": \"12348\"}");

        JsonNode body = askWithOrders(event);

        assertThat(body.path("kind").asText()).isEqualTo("sign_in");
        assertThat(body.path("answer").asText()).doesNotContain("ORDER-OF-12348");
    }

    @Test
    void anonymousStorefront_namingACustomerInTheBody_getsTheAnonymousAnswer() throws Exception {
        APIGatewayV2HTTPEvent event = load();
        event.setBody("{\"question\": \"Where is my order?\", \"userId\": \"12347\"}");

        assertThat(askWithOrders(event).path("kind").asText()).isEqualTo("sign_in");
    }

    @Test
    void backOffice_mayAskAboutAnyCustomer() throws Exception {
        APIGatewayV2HTTPEvent event = signedIn();
        event.getRequestContext().getAuthorizer().getJwt().setScopes(List.of("admin"));
        event.getRequestContext().getAuthorizer().getJwt().getClaims().put("scope", "admin");
        event.setBody("{\"question\": \"Where is my order?\", \"userId\": \"12348\"}");

        JsonNode body = askWithOrders(event);

        assertThat(body.path("kind").asText()).isEqualTo("orders");
        assertThat(body.path("answer").asText()).contains("ORDER-OF-12348");
    }

    /** The handler over two customers' orders, each with an order number naming its owner. */
    private JsonNode askWithOrders(APIGatewayV2HTTPEvent event) throws Exception {
        OrderLookup orders = userId -> List.of(new Event("e-" + userId, userId, "85123A", EventType.PURCHASE, 2, 2.55,
                "GBP", Instant.parse("2020-03-01T10:00:00Z"), "ORDER-OF-" + userId, null, null, "test", 1));
        handler = new AssistantHandler(new CurrentAssistant(bucket, AssistantConfig.withContact("help@shop.example"),
                Duration.ofSeconds(30), Clock.systemUTC()), orders, new UnansweredLog(bucket), LONDON);
        return ask(event);
    }

    private static APIGatewayV2HTTPEvent signedIn() {
        return EventLoader.loadApiGatewayHttpEvent("../../events/http-post-assistant-ask-signed-in.json");
    }

    private JsonNode ask(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return Json.MAPPER.readTree(response.getBody());
    }

    private static APIGatewayV2HTTPEvent load() {
        return EventLoader.loadApiGatewayHttpEvent("../../events/http-post-assistant-ask.json");
    }

    @Test
    void orderLookup_forgetsAnErasedCustomer_atOnceAndAfterARestart() throws Exception {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(("{\"eventId\":\"00000000000000a1\",\"userId\":\"12347\",\"itemId\":\"85123A\","
                    + "\"type\":\"purchase\",\"quantity\":2,\"unitPrice\":2.55,\"currency\":\"GBP\","
                    + "\"ts\":\"2011-12-09T10:15:00Z\",\"orderId\":\"581001\",\"channel\":null,\"sessionId\":null,"
                    + "\"sourceId\":\"s1\",\"sourceRow\":1}\n").getBytes(StandardCharsets.UTF_8));
        }
        bucket.put("clean/events/dt=2011-12-09/s1.jsonl.gz", gz.toByteArray(), "application/x-ndjson");
        var erasures = new io.shopsense.pipeline.Erasures(bucket,
                io.shopsense.security.ShopSecret.of("a test secret of at least 32 bytes!".getBytes()));
        OrderLookup running = AssistantHandler.ordersFrom(bucket, erasures);
        assertThat(running.eventsOfUser("12347")).hasSize(1);

        erasures.record("12347", java.util.Map.of(), java.time.Instant.parse("2011-12-10T00:00:00Z"));

        assertThat(running.eventsOfUser("12347")).isEmpty();
        assertThat(AssistantHandler.ordersFrom(bucket, erasures).eventsOfUser("12347")).isEmpty();
    }


    @Test
    void anUnansweredQuestion_namingAnErasedCustomer_isNotKept() throws Exception {
        var erasures = new io.shopsense.pipeline.Erasures(bucket,
                io.shopsense.security.ShopSecret.of("a test secret of at least 32 bytes!".getBytes()));
        erasures.record(io.shopsense.clean.EmailAddresses.pseudonym("jane.doe@example.com"), java.util.Map.of(),
                java.time.Instant.parse("2020-03-01T00:00:00Z"));
        AssistantHandler forgetting = new AssistantHandler(new CurrentAssistant(bucket,
                AssistantConfig.withContact("help@shop.example"), Duration.ofSeconds(30), Clock.systemUTC()),
                userId -> List.of(),
                new UnansweredLog(bucket, erasures::load), LONDON);
        APIGatewayV2HTTPEvent named = load();
        named.setBody("{\"question\": \"What is the weather in Paris? Reply to jane.doe@example.com\"}");
        APIGatewayV2HTTPEvent other = load();
        other.setBody("{\"question\": \"What is the weather in Paris? Reply to bob@example.com\"}");
        other.getRequestContext().setRequestId("another-request");

        JsonNode body = Json.MAPPER.readTree(forgetting.handleRequest(named, context).getBody());
        forgetting.handleRequest(other, context);

        assertThat(body.path("answered").asBoolean()).isFalse();
        assertThat(bucket.list(UnansweredLog.PREFIX)).hasSize(1);
    }

}
