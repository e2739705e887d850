package io.shopsense.pipeline;

import io.shopsense.assistant.AssistantIndex;
import io.shopsense.assistant.FaqParser;
import io.shopsense.assistant.Passage;
import io.shopsense.clean.CanonicalJson;
import io.shopsense.model.Item;
import io.shopsense.store.Json;
import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assistant's stored index ({@code models/assistant/index.json.gz}): built from the FAQ (clean-upload publishes
 * each {@code raw/faq/} upload under {@code clean/faq/}) and the clean catalogue whenever either changes, and read by
 * the assistant. One key, overwritten: its ETag tells a reader whether it changed. A build whose inputs (keys and
 * ETags) are those the stored index was made from writes nothing, so replayed triggers are free.
 */
public final class AssistantIndexes {
    public static final String FUNCTION = "assistant-index";
    public static final String FAQ_PREFIX = Layout.cleanPrefix("faq");
    public static final String CATALOG_PREFIX = Layout.cleanPrefix("catalog");
    public static final String KEY = Layout.ASSISTANT_INDEX_KEY;
    /** Bumped when the artefact changes shape. */
    private static final String FORMAT = "assistant-index-1";

    /** The stored artefact: the index and the inputs it was made from. */
    public record Artefact(String format, List<String> inputs, AssistantIndex index) {
    }

    /** What one build did: {@code built}, or {@code unchanged} when the stored index has the same inputs. */
    public record Outcome(String status, String key, int faqEntries, int products, int inputs) {
    }

    /** A loaded index and the ETag of the object it was read from. */
    public record Loaded(AssistantIndex index, String eTag) {
    }

    private final ObjectStore bucket;
    private final String currency;

    /** @param currency the shop's currency, in which product passages show prices */
    public AssistantIndexes(ObjectStore bucket, String currency) {
        this.bucket = bucket;
        this.currency = currency;
    }

    /** Builds the index from the bucket's FAQ and catalogue and stores it, unless its inputs are unchanged. */
    public Outcome rebuild() throws IOException {
        List<ObjectStore.ObjectInfo> faqFiles = bucket.list(FAQ_PREFIX);
        List<ObjectStore.ObjectInfo> catalogFiles = TrainingData.cleanObjects(bucket, CATALOG_PREFIX);
        List<String> inputs = new ArrayList<>();
        faqFiles.forEach(info -> inputs.add(info.key() + " " + info.eTag()));
        catalogFiles.forEach(info -> inputs.add(info.key() + " " + info.eTag()));
        Optional<Artefact> stored = bucket.find(KEY).isPresent() ? artefact(bucket) : Optional.empty();
        if (stored.isPresent() && stored.get().format().equals(FORMAT) && stored.get().inputs().equals(inputs)) {
            AssistantIndex index = stored.get().index();
            return new Outcome("unchanged", KEY, index.passages().size() - index.catalogue().size(),
                    index.catalogue().size(), inputs.size());
        }
        List<Passage> faq = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : faqFiles) {
            try (InputStream in = bucket.open(info.key())) {
                String name = info.key().substring(FAQ_PREFIX.length());
                faq.addAll(FaqParser.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException notAFaq) {
                // a file the parser does not read (an image, say) is left out, not fatal
            }
        }
        Map<String, Item> catalogue = new LinkedHashMap<>();
        for (ObjectStore.ObjectInfo info : catalogFiles) {
            CleanRows.read(bucket, info.key(), CanonicalJson::readItem).forEach(i -> catalogue.put(i.itemId(), i));
        }
        AssistantIndex index = AssistantIndex.of(faq, new ArrayList<>(catalogue.values()), currency);
        bucket.put(KEY, Json.writeGzip(new Artefact(FORMAT, inputs, index)), "application/gzip");
        return new Outcome("built", KEY, faq.size(), catalogue.size(), inputs.size());
    }

    /**
     * The stored index, labelled with the ETag a listing just gave ({@link #currentETag}), so a first read costs one
     * listing and one GET; empty when it is of another format. Were the object replaced in between, the label is
     * older than what was read and the next check reads again: never the reverse.
     */
    public static Optional<Loaded> read(ObjectStore bucket, String listedETag) throws IOException {
        return artefact(bucket).filter(a -> a.format().equals(FORMAT)).map(a -> new Loaded(a.index(), listedETag));
    }

    /** The ETag of the stored index, if any: one list request, nothing read. */
    public static Optional<String> currentETag(ObjectStore bucket) {
        return bucket.find(KEY).map(ObjectStore.ObjectInfo::eTag);
    }

    private static Optional<Artefact> artefact(ObjectStore bucket) throws IOException {
        try (InputStream in = bucket.open(KEY)) {
            return Optional.of(Json.readGzip(in.readAllBytes(), Artefact.class));
        } catch (java.io.UncheckedIOException unreadable) {
            return Optional.empty();   // another format, or a partial write of an older version: rebuild
        }
    }
}
