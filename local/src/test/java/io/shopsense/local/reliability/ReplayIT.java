package io.shopsense.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every trigger of a shop's day delivered three times, in order and interleaved: the same tables and objects. */
@Tag("reliability")
class ReplayIT {
    @Test
    void everyTriggerDeliveredThreeTimes_leavesTheStateOfOneDelivery() throws Exception {
        ReliabilitySuite.Result result = Suites.fromSystem().replays();

        assertThat(result.problems()).isEmpty();
        assertThat(result.replays()).isGreaterThanOrEqualTo(44);
        assertThat(result.rowsLost()).isZero();
        assertThat(result.rowsDoubled()).isZero();
    }
}
