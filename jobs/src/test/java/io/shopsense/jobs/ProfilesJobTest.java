package io.shopsense.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.model.Event;
import io.shopsense.model.Profile;
import io.shopsense.pipeline.ResultLines;
import io.shopsense.pipeline.TrainingData;
import io.shopsense.profile.ProfileConfig;
import io.shopsense.profile.ProfileRebuild;
import io.shopsense.store.fs.DirectoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark profile rebuild against the single-machine one ({@code ./shopsense profiles}) on the sample shop. */
class ProfilesJobTest {
    /** Two months before the sample ends: later events must be left out, as the command line leaves them out. */
    private static final LocalDate AS_OF = LocalDate.parse("2011-09-30");

    @Test
    void profiles_equalTheSingleMachineRebuild_lineForLine(@TempDir Path tmp) throws Exception {
        Path root = SampleShop.cleanRoot();
        List<Profile> expected = singleMachine(root);

        ProfilesJob.Result spark = new ProfilesJob(SampleShop.spark(), ProfilesJob.Settings.DEFAULTS)
                .run(root.toString(), AS_OF);

        assertThat(spark.profiles()).hasSize(expected.size()).hasSizeGreaterThan(250);
        for (int i = 0; i < expected.size(); i++) {
            Profile want = expected.get(i);
            Profile got = spark.profiles().get(i);
            assertThat(got.userId()).isEqualTo(want.userId());
            assertThat(got.segment()).as(want.userId()).isEqualTo(want.segment());
            assertThat(got.clv12Months()).as(want.userId()).isCloseTo(want.clv12Months(), within(1e-6));
            assertThat(got.churnProbability()).as(want.userId()).isCloseTo(want.churnProbability(), within(1e-9));
        }
        // the models are fitted on the same sufficient statistics in the same order: the files are byte-identical
        Path cli = tmp.resolve("cli.jsonl");
        Path job = tmp.resolve("spark.jsonl");
        ResultLines.writeProfiles(cli, expected);
        ResultLines.writeLines(job, spark.lines());
        assertThat(Files.readAllLines(job)).isEqualTo(Files.readAllLines(cli));
    }

    /** What {@code ./shopsense profiles --events DIR --as-of DATE} computes (ProfilesCommand). */
    private static List<Profile> singleMachine(Path root) throws Exception {
        return rebuild(root, AS_OF).profiles();
    }

    private static ProfileRebuild.Result rebuild(Path root, LocalDate asOf) throws Exception {
        List<Event> events = TrainingData.read(new DirectoryObjectStore(root)).events().stream()
                .filter(e -> !e.ts().atOffset(ZoneOffset.UTC).toLocalDate().isAfter(asOf)).toList();
        return new ProfileRebuild(ProfileConfig.defaults()).rebuild(events, asOf);
    }
}
