package io.shopsense.clean;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * An upload's manifest, {@code manifests/{sourceId}.json}: the one definition of that wire format, which clean-upload,
 * the Spark clean job and the forget sweep write and every reader (the dashboard, the Spark hand-off, the command line)
 * reads. The report knows the rows; the manifest adds where they came from and which kind they are.
 *
 * @param input                        the object key (or the command line's file name) the rows came from
 * @param kind                         the kind its rejects are filed under ({@code events}, {@code catalog}, …)
 * @param itemsCheckedAgainstCatalogue reviews only (else null, and absent from the JSON): whether {@code UNKNOWN_ITEM}
 *                                     could be judged, since before any catalogue upload every item is accepted
 * @param report                       what cleaning did
 */
public record UploadManifest(
        String input,
        String kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean itemsCheckedAgainstCatalogue,
        CleanReport report) {

    /** Nulls written as null, times as ISO-8601 text, unknown fields ignored so older readers survive newer writers. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public UploadManifest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(report, "report");
    }

    /** The manifest of an upload of any kind but reviews. */
    public static UploadManifest of(String input, String kind, CleanReport report) {
        return new UploadManifest(input, kind, null, report);
    }

    /** The same upload with another report (the forget sweep's, after erased rows left). */
    public UploadManifest withReport(CleanReport changed) {
        return new UploadManifest(input, kind, itemsCheckedAgainstCatalogue, changed);
    }

    /** The stored form: one line of JSON, UTF-8. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of " + input, e);
        }
    }

    /** Reads a stored manifest; fails on one that is not a manifest, or whose rows do not reconcile. */
    public static UploadManifest read(InputStream in) throws IOException {
        return JSON.readValue(in, UploadManifest.class);
    }

    /** Reads a stored manifest from its bytes. */
    public static UploadManifest read(byte[] json) throws IOException {
        return JSON.readValue(json, UploadManifest.class);
    }
}
