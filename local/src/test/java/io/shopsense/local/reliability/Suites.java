package io.shopsense.local.reliability;

import io.shopsense.local.cloud.TestClouds;
import java.io.IOException;
import java.nio.file.Path;

/** The reliability suite as the integration tests run it: CI size unless {@code -Dshopsense.reliability=long}. */
final class Suites {
    private Suites() {
    }

    static ReliabilitySuite fromSystem() throws IOException {
        return new ReliabilitySuite(ReliabilitySuite.Settings.fromSystem(Path.of("..").toAbsolutePath().normalize(),
                TestClouds.cacheDirectory()));
    }
}
