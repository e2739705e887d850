package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 200 uploads at once: each cleaned once, every manifest reconciles, profiles as if uploaded one by one. */
@Tag("reliability")
class StormIT {
    @Test
    void twoHundredUploadsAtOnce_areEachCleanedOnce_andProfilesEqualASequentialRun() throws Exception {
        ReliabilitySuite.Result result = Suites.fromSystem().storm();

        assertThat(result.problems()).as(result.toString()).isEmpty();
        assertThat(result.stormUploads()).isEqualTo(200);
        assertThat(result.rowsLost()).isZero();
        assertThat(result.rowsDoubled()).isZero();
    }
}
