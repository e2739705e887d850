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

    @Test
    void aDay_leavesOneOutcomeRecordWithMetricsForEveryInvocation_ofEveryTriggeredFunction() throws Exception {
        ReliabilitySuite.DayAccount day = Suites.fromSystem().accountedDay();

        assertThat(day.problems()).isEmpty();
        assertThat(day.triggers()).isPositive();
        // The day's uploads, API calls, erasure and schedules reach every kind of trigger.
        assertThat(day.invocations().keySet()).contains("clean-upload", "update-profiles", "track-events",
                "marketing-api", "forget-customers", "rebuild-profiles", "build-recommendations", "optimize-ads");
        assertThat(day.outcomeRecords()).isEqualTo(day.invocations());
        assertThat(day.withMetrics()).isEqualTo(day.invocations());
    }
}
