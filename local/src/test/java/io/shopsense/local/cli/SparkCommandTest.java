package io.shopsense.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark profiles|recs} usage: bad arguments exit 2 before anything is built or cleaned. The jobs themselves are
 * tested in jobs/ (ProfilesJobTest, RecsJobTest) against the code of {@code profiles} and {@code recs predict}.
 */
class SparkCommandTest {
    private static final String SAMPLE = "../samples/online-retail-sample.csv.gz";

    @TempDir
    Path work;

    @Test
    void sparkProfiles_rejectsADateThatIsNotOne() {
        int exit = ShopsenseCli.run("spark", "profiles", "--events", SAMPLE, "--as-of", "09/30/2011", "--out",
                work.resolve("p.jsonl").toString());

        assertThat(exit).isEqualTo(ShopsenseCli.EXIT_USAGE);
    }

    @Test
    void sparkRecs_rejectsANonPositiveK() {
        int exit = ShopsenseCli.run("spark", "recs", "--events", SAMPLE, "--split-date", "2011-11-01", "--k", "0",
                "--out", work.resolve("r.jsonl").toString());

        assertThat(exit).isEqualTo(ShopsenseCli.EXIT_USAGE);
    }

    @Test
    void sparkRecs_rejectsEventsItCannotRead() {
        int exit = ShopsenseCli.run("spark", "recs", "--events", work.resolve("missing.csv").toString(),
                "--split-date", "2011-11-01", "--k", "10", "--out", work.resolve("r.jsonl").toString());

        assertThat(exit).isEqualTo(ShopsenseCli.EXIT_USAGE);
    }

    @Test
    void sparkRecs_requiresTheSplitDate() {
        int exit = ShopsenseCli.run("spark", "recs", "--events", SAMPLE, "--k", "10", "--out",
                work.resolve("r.jsonl").toString());

        assertThat(exit).isEqualTo(ShopsenseCli.EXIT_USAGE);
    }
}
