package io.shopsense.local.cloud;

import com.nimbusds.jose.jwk.ECKey;
import io.shopsense.local.LocalSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Starts local clouds for tests: memory-only storage, quick retries, the shared dynalite install cache. */
public final class TestClouds {
    private TestClouds() {
    }

    public static Path cacheDirectory() {
        return LocalSettings.cacheDirectory();
    }

    /** A cloud over {@code template} with storage in memory, an HTTP API on a free port and no running schedules. */
    public static LocalCloud start(Path template, String stackName) throws Exception {
        return start(template, stackName, ApiTokens.newKey());
    }

    /** The same, with the local issuer signing API tokens with {@code signingKey} (for tests that forge tokens). */
    public static LocalCloud start(Path template, String stackName, ECKey signingKey) throws Exception {
        return LocalCloud.start(new LocalCloud.Options(template, stackName, Map.of(), null, cacheDirectory(), null,
                0, signingKey, List.of(Duration.ofMillis(50), Duration.ofMillis(100)), false));
    }
}
