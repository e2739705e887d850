package io.shopsense.pipeline;

import io.shopsense.assistant.AssistantConfig;
import io.shopsense.store.ObjectStore;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentAssistantTest {
    private static final AssistantConfig CONFIG = AssistantConfig.withContact("help@shop.example");
    @TempDir
    Path dir;

    @Test
    void get_looksForANewerIndexOnlyOncePerInterval_andReadsItOnlyWhenItsETagChanged() throws Exception {
        CountingStore bucket = new CountingStore(new DirectoryObjectStore(dir));
        faq(bucket, "## Do you gift wrap?\nYes, for £2.50.\n");
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
        CurrentAssistant current = new CurrentAssistant(bucket, CONFIG, Duration.ofSeconds(30), clock);

        current.get();
        int listsAfterFirst = bucket.lists.get();
        int readsAfterFirst = bucket.reads.get();
        for (int k = 0; k < 50; k++) {
            current.get();
        }

        assertThat(readsAfterFirst).isEqualTo(1);
        assertThat(bucket.lists.get()).isEqualTo(listsAfterFirst);
        assertThat(bucket.reads.get()).isEqualTo(1);
        assertThat(current.get().ask("gift wrap").answered()).isTrue();
    }

    @Test
    void get_firstUse_listsTheIndexOnceAndReadsItOnce() throws Exception {
        CountingStore bucket = new CountingStore(new DirectoryObjectStore(dir));
        faq(bucket, "## Do you gift wrap?\nYes, for £2.50.\n");
        int listsBefore = bucket.lists.get();

        CurrentAssistant current = new CurrentAssistant(bucket, CONFIG, Duration.ofSeconds(30), Clock.systemUTC());
        current.get();

        // a cold start's first question: one listing for the ETag, one GET of the index; no second listing
        assertThat(bucket.lists.get() - listsBefore).isEqualTo(1);
        assertThat(bucket.reads.get()).isEqualTo(1);
    }

    @Test
    void get_keepsTheLoadedAssistant_whenTheBucketFailsLater_andFailsWhenItHasNone() throws Exception {
        CountingStore bucket = new CountingStore(new DirectoryObjectStore(dir));
        faq(bucket, "## Do you gift wrap?\nYes, for £2.50.\n");
        CurrentAssistant current = new CurrentAssistant(bucket, CONFIG, Duration.ZERO, Clock.systemUTC());
        current.get();

        bucket.failing = true;

        assertThat(current.get().ask("gift wrap").answered()).isTrue();
        assertThatThrownBy(() -> new CurrentAssistant(bucket, CONFIG, Duration.ZERO, Clock.systemUTC()).get())
                .isInstanceOf(IllegalStateException.class);
    }

    private static void faq(ObjectStore bucket, String markdown) throws IOException {
        bucket.put("clean/faq/faq.md", markdown.getBytes(StandardCharsets.UTF_8), "text/markdown");
        new AssistantIndexes(bucket, "GBP").rebuild();
    }

    /** Counts list requests and reads of the index; fails every call once told to. */
    private static final class CountingStore implements ObjectStore {
        final ObjectStore delegate;
        final AtomicInteger lists = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean failing;

        CountingStore(ObjectStore delegate) {
            this.delegate = delegate;
        }

        @Override public InputStream open(String key) throws IOException {
            check();
            if (key.equals(AssistantIndexes.KEY)) {
                reads.incrementAndGet();
            }
            return delegate.open(key);
        }

        @Override public void put(String key, byte[] content, String contentType) {
            delegate.put(key, content, contentType);
        }

        @Override public void putFile(String key, Path file, String contentType) throws IOException {
            delegate.putFile(key, file, contentType);
        }

        @Override public void delete(String key) {
            delegate.delete(key);
        }

        @Override public List<ObjectInfo> list(String prefix) {
            check();
            lists.incrementAndGet();
            return delegate.list(prefix);
        }

        private void check() {
            if (failing) {
                throw new IllegalStateException("S3 unavailable");
            }
        }
    }
}
