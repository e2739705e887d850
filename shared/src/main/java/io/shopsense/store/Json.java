package io.shopsense.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.shopsense.model.SalesCalendar;
import io.shopsense.recommend.InteractionWeights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The one JSON configuration for what the functions store (profiles, aggregates, models, reports): ISO-8601 dates,
 * unknown properties ignored so older readers survive newer writers, and gzip for large attributes.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(InteractionWeights.class, InteractionWeightsAsStored.class);

    /**
     * The sales calendar of {@link InteractionWeights} is stored as its text ({@code salesDays}: spec and zone) and
     * read back from it; settings written before it was kept read back with none.
     */
    private abstract static class InteractionWeightsAsStored {
        @JsonCreator
        static InteractionWeights withSalesDays(@JsonProperty("view") double view, @JsonProperty("cart") double cart,
                                                @JsonProperty("purchase") double purchase,
                                                @JsonProperty("refund") double refund,
                                                @JsonProperty("repeatHalfLifeDays") double repeatHalfLifeDays,
                                                @JsonProperty("salesDays") String salesDays) {
            throw new UnsupportedOperationException("a mix-in: Jackson calls InteractionWeights.withSalesDays");
        }

        @JsonIgnore
        abstract SalesCalendar salesCalendar();

        @JsonProperty("salesDays")
        abstract String salesDays();
    }

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from JSON", e);
        }
    }

    public static byte[] writeGzip(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            MAPPER.writeValue(gzip, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    public static <T> T readGzip(byte[] bytes, Class<T> type) {
        try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return MAPPER.readValue(gzip, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName(), e);
        }
    }
}
