package dev.curfew.server.admin.signout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.signout.SignOutSchedule;
import java.time.Instant;

/**
 * A recurring sign-out as the API shows it: its scope and reason, its recurrence (UTC), the next time it runs, and
 * who created it (each run is in their name).
 */
public record SignOutScheduleRepresentation(
        String id,
        String realm,
        JsonNode scope,
        String reason,
        RecurrenceView recurrence,
        Instant nextRunAt,
        SignOutRepresentation.Actor actor,
        Instant createdAt) {

    /** {@code dayOfWeek} for weekly recurrences only; {@code time} is HH:MM in UTC. */
    public record RecurrenceView(String frequency, String time, String dayOfWeek) {}

    public static SignOutScheduleRepresentation of(SignOutSchedule s, String realmName) {
        return new SignOutScheduleRepresentation(
                s.id(),
                realmName,
                ScopeView.of(s.scopeDetail()),
                s.reason(),
                new RecurrenceView(
                        s.recurrence().frequency(),
                        s.recurrence().time().toString(),
                        s.recurrence().dayOfWeek().map(Enum::name).orElse(null)),
                s.nextRunAt(),
                new SignOutRepresentation.Actor(s.actorId(), s.actorUsername()),
                s.createdAt());
    }
}
