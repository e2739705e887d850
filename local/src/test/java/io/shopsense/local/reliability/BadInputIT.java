package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Malformed files through the S3 trigger and invalid input on every route: each answered with a reason. */
@Tag("reliability")
class BadInputIT {
    @Test
    void malformedFilesAndInvalidRequests_areAnsweredWithAReason_andNothingIsLost() throws Exception {
        ReliabilitySuite.Result result = Suites.fromSystem().badInput();

        assertThat(result.problems()).isEmpty();
        assertThat(result.http5xx()).isZero();
        assertThat(result.rowsLost() + result.rowsDoubled()).isZero();
    }
}
