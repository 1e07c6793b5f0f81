package dev.curfew.server.admin.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.Recurrence;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.FieldProblems;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The body of {@code POST /admin/realms/{realm}/sign-out-schedules}:
 *
 * <pre>
 * { "scope": { as for a sign-out }, "reason": "why (required)",
 *   "recurrence": { "frequency": "daily" | "weekly", "time": "18:00", "dayOfWeek": "FRIDAY" (weekly only) } }
 * </pre>
 */
public record ScheduleInput(SignOutInput.ScopeInput scope, String reason, RecurrenceInput recurrence) {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final String DAYS =
            Arrays.stream(DayOfWeek.values()).map(Enum::name).collect(Collectors.joining(", "));

    /** The recurrence part; {@code time} is UTC. */
    public record RecurrenceInput(String frequency, String time, String dayOfWeek) {}

    /** A checked request: the scope resolved against the realm. */
    public record Checked(SignOutScope scope, String reason, Recurrence recurrence) {}

    Checked check(Realm realm, Store store, Instant now) {
        FieldProblems problems = new FieldProblems();
        SignOutInput.Checked signOut =
                new SignOutInput(scope, reason, null, null, null).check(realm, store, now, problems);
        Recurrence parsed = recurrence(recurrence, problems);
        problems.throwIfAny();
        return new Checked(signOut.scope(), signOut.reason(), parsed);
    }

    /**
     * The recurrence, with what is wrong added to {@code problems} (fields named {@code recurrence.*}); null when
     * something is.
     */
    public static Recurrence recurrence(RecurrenceInput recurrence, FieldProblems problems) {
        if (recurrence == null) {
            problems.add("recurrence", "is required: {\"frequency\": \"daily\" or \"weekly\", \"time\": \"HH:MM\"}");
            return null;
        }
        LocalTime time = time(recurrence, problems);
        String frequency = recurrence.frequency();
        if ("daily".equals(frequency)) {
            if (recurrence.dayOfWeek() != null) {
                problems.add("recurrence.dayOfWeek", "belongs to a weekly recurrence, not a daily one");
            }
            return time == null ? null : Recurrence.daily(time);
        }
        if ("weekly".equals(frequency)) {
            DayOfWeek day = day(recurrence, problems);
            return time == null || day == null ? null : Recurrence.weekly(day, time);
        }
        problems.add(
                "recurrence.frequency",
                frequency == null ? "is required: daily or weekly" : "'" + frequency + "' is not one of daily, weekly");
        return null;
    }

    private static LocalTime time(RecurrenceInput recurrence, FieldProblems problems) {
        if (recurrence.time() == null) {
            problems.add("recurrence.time", "is required: the time of day in UTC, HH:MM (24-hour)");
            return null;
        }
        try {
            return LocalTime.parse(recurrence.time(), HH_MM);
        } catch (DateTimeParseException e) {
            problems.add("recurrence.time", "must be a time of day in UTC as HH:MM (24-hour), e.g. 18:00");
            return null;
        }
    }

    private static DayOfWeek day(RecurrenceInput recurrence, FieldProblems problems) {
        if (recurrence.dayOfWeek() == null) {
            problems.add("recurrence.dayOfWeek", "is required for a weekly recurrence: one of " + DAYS);
            return null;
        }
        try {
            return DayOfWeek.valueOf(recurrence.dayOfWeek().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("recurrence.dayOfWeek", "'" + recurrence.dayOfWeek() + "' is not one of " + DAYS);
            return null;
        }
    }
}
