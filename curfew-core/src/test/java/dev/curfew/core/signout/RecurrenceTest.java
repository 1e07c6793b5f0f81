package dev.curfew.core.signout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A recurrence's next slot, in UTC, strictly after the given time")
class RecurrenceTest {
    /** A Wednesday. */
    private static final Instant WEDNESDAY_NOON = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    @DisplayName("daily: later today if the time is still to come, else tomorrow; the exact time is past")
    void dailyNextSlot() {
        Recurrence evening = Recurrence.daily(LocalTime.of(18, 0));

        assertThat(evening.next(WEDNESDAY_NOON)).isEqualTo(Instant.parse("2026-12-02T18:00:00Z"));
        assertThat(evening.next(Instant.parse("2026-12-02T18:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-03T18:00:00Z"));
        assertThat(Recurrence.daily(LocalTime.of(6, 0)).next(WEDNESDAY_NOON))
                .isEqualTo(Instant.parse("2026-12-03T06:00:00Z"));
    }

    @Test
    @DisplayName("weekly: this week's day if still to come, else next week's; the same day later or a week on")
    void weeklyNextSlot() {
        assertThat(Recurrence.weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 0)).next(WEDNESDAY_NOON))
                .isEqualTo(Instant.parse("2026-12-04T17:00:00Z"));
        assertThat(Recurrence.weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0)).next(WEDNESDAY_NOON))
                .isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(Recurrence.weekly(DayOfWeek.WEDNESDAY, LocalTime.of(13, 0)).next(WEDNESDAY_NOON))
                .isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
        assertThat(Recurrence.weekly(DayOfWeek.WEDNESDAY, LocalTime.NOON).next(WEDNESDAY_NOON))
                .isEqualTo(Instant.parse("2026-12-09T12:00:00Z"));
    }

    @Test
    @DisplayName("slots missed for days give one next slot after now, not a run per missed slot")
    void missedSlotsCollapse() {
        Recurrence evening = Recurrence.daily(LocalTime.of(18, 0));
        Instant threeDaysLate = Instant.parse("2026-12-05T19:00:00Z");

        assertThat(evening.next(threeDaysLate)).isEqualTo(Instant.parse("2026-12-06T18:00:00Z"));
    }
}
