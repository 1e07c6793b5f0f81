package dev.curfew.core.signout;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * When a recurring sign-out runs: every day at {@code time}, or every week on {@code dayOfWeek} at {@code time},
 * in UTC (no daylight-saving gaps or repeats, so every slot exists exactly once).
 *
 * @param dayOfWeek the day of a weekly recurrence; empty for a daily one
 * @param time the time of day, UTC, to the minute
 */
public record Recurrence(Optional<DayOfWeek> dayOfWeek, LocalTime time) {
    public Recurrence {
        Objects.requireNonNull(dayOfWeek, "dayOfWeek");
        time = time.truncatedTo(ChronoUnit.MINUTES);
    }

    public static Recurrence daily(LocalTime time) {
        return new Recurrence(Optional.empty(), time);
    }

    public static Recurrence weekly(DayOfWeek day, LocalTime time) {
        return new Recurrence(Optional.of(day), time);
    }

    /** {@code daily} or {@code weekly}. */
    public String frequency() {
        return dayOfWeek.isPresent() ? "weekly" : "daily";
    }

    /**
     * The first slot strictly after {@code after}. Computed from the present, not from the slot last run: slots
     * missed while every node was down are not run one by one afterwards.
     */
    public Instant next(Instant after) {
        ZonedDateTime now = after.atZone(ZoneOffset.UTC);
        ZonedDateTime slot = now.with(time);
        if (dayOfWeek.isPresent()) {
            slot = slot.with(TemporalAdjusters.nextOrSame(dayOfWeek.get()));
            return slot.isAfter(now) ? slot.toInstant() : slot.plusWeeks(1).toInstant();
        }
        return slot.isAfter(now) ? slot.toInstant() : slot.plusDays(1).toInstant();
    }
}
