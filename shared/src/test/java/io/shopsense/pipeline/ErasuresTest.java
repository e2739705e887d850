package io.shopsense.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopsense.security.ShopSecret;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErasuresTest {
    private static final ShopSecret SECRET = ShopSecret.of("erasures-test-secret-of-at-least-32-bytes".getBytes(
            StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    @Test
    void load_withNoRecords_neverFetchesTheSecret() {
        AtomicInteger fetched = new AtomicInteger();
        Erasures erasures = new Erasures(new DirectoryObjectStore(dir), counting(fetched));

        var erased = erasures.load();

        assertThat(erased.isEmpty()).isTrue();
        assertThat(erased.contains("17850")).isFalse();
        assertThat(erased.mentionedIn("17850,85123A,2")).isFalse();
        assertThat(fetched).hasValue(0);
    }

    @Test
    void load_withARecord_fetchesTheSecretAndKnowsTheCustomer() {
        AtomicInteger fetched = new AtomicInteger();
        DirectoryObjectStore bucket = new DirectoryObjectStore(dir);
        new Erasures(bucket, SECRET).record("17850", Map.of("profile", true), Instant.parse("2026-01-02T00:00:00Z"));
        Erasures erasures = new Erasures(bucket, counting(fetched));

        var erased = erasures.load();

        assertThat(erased.contains("17850")).isTrue();
        assertThat(erased.contains("12347")).isFalse();
        assertThat(fetched.get()).isPositive();
    }

    private static Supplier<ShopSecret> counting(AtomicInteger fetched) {
        return () -> {
            fetched.incrementAndGet();
            return SECRET;
        };
    }
}
