package io.shopsense.pipeline;

import io.shopsense.assistant.Assistant;
import io.shopsense.assistant.AssistantConfig;
import io.shopsense.assistant.AssistantIndex;
import io.shopsense.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The assistant over the newest stored index ({@link AssistantIndexes}), for a long-lived container: the index is
 * read on first use, and afterwards a request looks for a newer one at most once per {@code checkEvery}, by the
 * object's ETag alone (one list request); only a changed ETag reads the index again. Until an index exists the
 * assistant knows no passages (it says it does not know, and order questions still work). When the check or the
 * reload fails, a container that already has an assistant keeps answering with it and tries again after the
 * interval; one that has none fails the request, so Lambda's error is seen.
 */
public final class CurrentAssistant implements Supplier<Assistant> {
    private final ObjectStore bucket;
    private final AssistantConfig config;
    private final Duration checkEvery;
    private final Clock clock;
    private Assistant assistant;
    private String eTag;
    private Instant checkedAt;

    public CurrentAssistant(ObjectStore bucket, AssistantConfig config, Duration checkEvery, Clock clock) {
        this.bucket = bucket;
        this.config = config;
        this.checkEvery = checkEvery;
        this.clock = clock;
    }

    @Override
    public synchronized Assistant get() {
        Instant now = clock.instant();
        if (assistant != null && checkedAt != null && now.isBefore(checkedAt.plus(checkEvery))) {
            return assistant;
        }
        checkedAt = now;
        try {
            Optional<String> newest = AssistantIndexes.currentETag(bucket);
            if (assistant == null || !newest.equals(Optional.ofNullable(eTag))) {
                load(newest);
            }
        } catch (RuntimeException unavailable) {
            if (assistant == null) {
                throw unavailable;
            }
        }
        return assistant;
    }

    private void load(Optional<String> newest) {
        try {
            Optional<AssistantIndexes.Loaded> loaded = newest.isEmpty() ? Optional.empty()
                    : AssistantIndexes.read(bucket, newest.get());
            AssistantIndex index = loaded.map(AssistantIndexes.Loaded::index)
                    .orElseGet(() -> AssistantIndex.of(List.of(), List.of(), config.currency()));
            assistant = Assistant.fromIndex(index, config);
            eTag = loaded.map(AssistantIndexes.Loaded::eTag).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the assistant's index", e);
        }
    }
}
