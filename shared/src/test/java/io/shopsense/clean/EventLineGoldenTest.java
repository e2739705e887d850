package io.shopsense.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.model.Event;
import io.shopsense.model.EventType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The three codecs of a {@code clean/events/} line ({@link CanonicalJson#eventLine}, the cleaner's
 * {@link EventLineWriter} and {@link CanonicalJson#readEvent}) pinned to one golden line in which every field has a
 * value of its own, and to each other field by field: a field added to {@link Event}, renamed, reordered or dropped by
 * one codec fails here.
 */
class EventLineGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Event EVENT = new Event("0123456789abcdef", "u\"1", "85123A", EventType.REFUND, 3, 2.55,
            "GBP", Instant.parse("2024-01-02T03:04:05.678Z"), "C536379", "email", "s-1", "src-1", 42);
    private static final String GOLDEN = "{\"eventId\":\"0123456789abcdef\",\"userId\":\"u\\\"1\","
            + "\"itemId\":\"85123A\",\"type\":\"refund\",\"quantity\":3,\"unitPrice\":2.55,\"currency\":\"GBP\","
            + "\"ts\":\"2024-01-02T03:04:05.678Z\",\"orderId\":\"C536379\",\"channel\":\"email\","
            + "\"sessionId\":\"s-1\",\"sourceId\":\"src-1\",\"sourceRow\":42}";
    /** For each field, another value of its type (the event id stays 16 hex digits, as the cleaner writes it). */
    private static final Map<String, Object> OTHER = Map.ofEntries(Map.entry("eventId", "00000000000000aa"),
            Map.entry("userId", "17850"), Map.entry("itemId", "22752"), Map.entry("type", EventType.VIEW),
            Map.entry("quantity", 7), Map.entry("unitPrice", 9.99), Map.entry("currency", "EUR"),
            Map.entry("ts", Instant.parse("2010-12-01T08:26:00Z")), Map.entry("orderId", "536365"),
            Map.entry("channel", "web"), Map.entry("sessionId", "s-2"), Map.entry("sourceId", "src-2"),
            Map.entry("sourceRow", 43L));

    @Test
    void everyCodec_agreesOnTheGoldenLine() {
        assertThat(CanonicalJson.eventLine(EVENT)).isEqualTo(GOLDEN);
        assertThat(cleanerLine(new EventLineWriter(), EVENT)).isEqualTo(GOLDEN);
        assertThat(CanonicalJson.readEvent(GOLDEN)).isEqualTo(EVENT);
    }

    @Test
    void fieldTable_isTheEventRecord_andTheGoldenLine_inOrder() throws Exception {
        List<String> components = Arrays.stream(Event.class.getRecordComponents()).map(RecordComponent::getName)
                .toList();
        List<String> inLine = new ArrayList<>();
        JSON.readTree(GOLDEN).fieldNames().forEachRemaining(inLine::add);

        assertThat(EventFields.IN_ORDER).isEqualTo(components).isEqualTo(inLine);
        assertThat(OTHER).containsOnlyKeys(components);
    }

    @Test
    void eachField_travelsUnderItsOwnName_throughEveryCodec() throws Exception {
        JsonNode golden = JSON.readTree(GOLDEN);
        EventLineWriter writer = new EventLineWriter();
        for (String field : EventFields.IN_ORDER) {
            Event changed = with(field, OTHER.get(field));

            String line = CanonicalJson.eventLine(changed);

            assertThat(cleanerLine(writer, changed)).as(field).isEqualTo(line);
            assertThat(CanonicalJson.readEvent(line)).as(field).isEqualTo(changed);
            JsonNode read = JSON.readTree(line);
            for (String name : EventFields.IN_ORDER) {
                if (name.equals(field)) {
                    assertThat(read.get(name)).as(field).isNotEqualTo(golden.get(name));
                } else {
                    assertThat(read.get(name)).as(field + " leaves " + name).isEqualTo(golden.get(name));
                }
            }
        }
    }

    @Test
    void nullableFields_areWrittenAsNull_andReadBackAsNull() throws Exception {
        EventLineWriter writer = new EventLineWriter();
        for (String field : List.of("userId", "currency", "orderId", "channel", "sessionId", "sourceId")) {
            Event changed = with(field, null);

            String line = CanonicalJson.eventLine(changed);

            assertThat(line).as(field).contains("\"" + field + "\":null");
            assertThat(cleanerLine(writer, changed)).as(field).isEqualTo(line);
            assertThat(CanonicalJson.readEvent(line)).as(field).isEqualTo(changed);
        }
    }

    /** What the cleaner writes for {@code e}: the same arguments the mappers hand to {@link EventLineWriter}. */
    private static String cleanerLine(EventLineWriter writer, Event e) {
        return writer.line(Long.parseUnsignedLong(e.eventId(), 16), e.userId(), e.itemId(), e.type(), e.quantity(),
                e.unitPrice(), e.currency(), e.ts().toString(), e.orderId(), e.channel(), e.sessionId(),
                e.sourceId(), e.sourceRow());
    }

    /** {@link #EVENT} with one field set to {@code value}, through the record's canonical constructor. */
    private static Event with(String field, Object value) throws Exception {
        RecordComponent[] components = Event.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals(field) ? value : components[i].getAccessor().invoke(EVENT);
        }
        Constructor<Event> canonical = Event.class.getDeclaredConstructor(types);
        return canonical.newInstance(values);
    }
}
