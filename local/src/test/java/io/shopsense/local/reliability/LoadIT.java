package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Concurrent clients on the read routes, then as much malformed traffic: never a 5xx. */
@Tag("reliability")
class LoadIT {
    @Test
    void concurrentReadsAndMalformedTraffic_getNo5xx() throws Exception {
        ReliabilitySuite.Result result = Suites.fromSystem().load();

        assertThat(result.problems()).isEmpty();
        assertThat(result.http5xx()).isZero();
        assertThat(result.requests()).isGreaterThanOrEqualTo(8_000);
        System.err.println("reliability load: " + result.requests() + " requests, p99 " + result.p99Millis() + " ms");
    }
}
