package io.shopsense.local.cloud;

import com.nimbusds.jose.jwk.ECKey;
import io.shopsense.local.LocalSettings;
import java.nio.file.Path;

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
        return LocalCloud.start(LocalCloud.Options.builder(template).stackName(stackName).signingKey(signingKey).build());
    }
}
