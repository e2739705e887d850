package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad usage of {@code bench} fails with exit 2 before anything is built or run (timings are never asserted). */
class BenchCommandTest {

    @Test
    void bench_rejectsUnknownBenchmarkName() {
        assertThat(ShopsenseCli.run("bench", "no-such-benchmark")).isEqualTo(ShopsenseCli.EXIT_USAGE);
    }

    @Test
    void bench_rejectsDataDirectoryWithoutOnlineRetail(@TempDir Path empty) {
        assertThat(ShopsenseCli.run("bench", "cleaning", "--data", empty.toString()))
                .isEqualTo(ShopsenseCli.EXIT_USAGE);
    }
}
