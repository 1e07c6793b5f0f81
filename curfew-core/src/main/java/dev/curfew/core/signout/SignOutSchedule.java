package dev.curfew.core.signout;

import java.time.Instant;
import java.util.Objects;

/**
 * A recurring sign-out: at each slot of its {@link Recurrence}, one ordinary sign-out of its scope, with its
 * reason, in the name of whoever created the schedule, linked back to it ({@link SignOut#scheduleId()}).
 *
 * @param scopeType as {@link SignOut#scopeType()}
 * @param scopeDetail the scope as JSON, as {@link SignOut#scopeDetail()}
 * @param nextRunAt the next slot: the one a node runs when it finds it has passed
 */
public record SignOutSchedule(
        String id,
        String realmId,
        String scopeType,
        String scopeDetail,
        String reason,
        String actorId,
        String actorUsername,
        String privilege,
        String requestId,
        String sourceIp,
        Recurrence recurrence,
        Instant nextRunAt,
        Instant createdAt) {
    public SignOutSchedule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(scopeType, "scopeType");
        Objects.requireNonNull(scopeDetail, "scopeDetail");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(recurrence, "recurrence");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
