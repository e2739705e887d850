package io.shopsense.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {
    private static final ZonedDateTime NOON = ZonedDateTime.parse("2026-11-28T12:00:30Z");

    @Test
    void rate_firesOnePeriodLater() {
        assertThat(ScheduleExpression.parse("rate(1 hour)").nextAfter(NOON)).isEqualTo(NOON.plusHours(1));
        assertThat(ScheduleExpression.parse("rate(5 minutes)").nextAfter(NOON)).isEqualTo(NOON.plusMinutes(5));
    }

    @Test
    void cron_dailyAtThree_firesTheNextMorning() {
        assertThat(ScheduleExpression.parse("cron(0 3 * * ? *)").nextAfter(NOON))
                .isEqualTo(ZonedDateTime.parse("2026-11-29T03:00Z"));
    }

    @Test
    void cron_weekdayNamesCountFromSunday() {
        // 2026-11-28 is a Saturday; MON-FRI at 06:30 next fires on Monday 30th.
        assertThat(ScheduleExpression.parse("cron(30 6 ? * MON-FRI *)").nextAfter(NOON))
                .isEqualTo(ZonedDateTime.parse("2026-11-30T06:30Z"));
        assertThat(ScheduleExpression.parse("cron(0 0 ? * 1 *)").nextAfter(NOON))
                .isEqualTo(ZonedDateTime.parse("2026-11-29T00:00Z"));
    }

    @Test
    void cron_stepsAndLists() {
        assertThat(ScheduleExpression.parse("cron(0/15 * * * ? *)").nextAfter(NOON))
                .isEqualTo(ZonedDateTime.parse("2026-11-28T12:15Z"));
        assertThat(ScheduleExpression.parse("cron(0 8,20 1 JAN,JUL ? 2027)").nextAfter(NOON))
                .isEqualTo(ZonedDateTime.parse("2027-01-01T08:00Z"));
    }

    @Test
    void unsupportedOrMalformedExpressions_areRefusedWithTheReason() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 L * ? *)")).hasMessageContaining("L, W or #");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 0 * *)")).hasMessageContaining("6 fields");
        assertThatThrownBy(() -> ScheduleExpression.parse("every day")).hasMessageContaining("not a schedule");
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(61 0 * * ? *)")).hasMessageContaining("outside");
    }
}
