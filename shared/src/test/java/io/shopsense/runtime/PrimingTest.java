package io.shopsense.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrimingTest {
    @Test
    void runAll_runsEachRegisteredWarmUp_andCountsFailuresWithoutThrowing() {
        AtomicInteger warmed = new AtomicInteger();
        Priming.register("counting", warmed::incrementAndGet);
        Priming.register("failing", () -> {
            throw new IllegalStateException("no network before a snapshot");
        });

        int failed = Priming.runAll();

        assertThat(warmed).hasValue(1);
        assertThat(failed).isGreaterThanOrEqualTo(1);
    }
}
