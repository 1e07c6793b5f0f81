package dev.curfew.core.signout;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One sign-out as the history shows it.
 *
 * @param scopeType {@code session}, {@code user}, {@code client}, {@code realm} or {@code filter}
 * @param scopeDetail the scope's parameters as JSON text (session ids, user id, client id, filter)
 * @param cutOff the cut-off written, for realm, client and user scopes
 * @param affectedSessions sessions ended; for cut-off scopes, counted when the sign-out was made
 * @param status {@link Status#RUNNING} while a filter or session sign-out is still ending sessions
 */
public record SignOut(
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
        Optional<Instant> cutOff,
        long affectedSessions,
        Status status,
        Instant createdAt,
        Optional<Instant> completedAt) {

    public enum Status {
        RUNNING,
        COMPLETED
    }

    public SignOut {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(scopeType, "scopeType");
        Objects.requireNonNull(scopeDetail, "scopeDetail");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorUsername, "actorUsername");
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(cutOff, "cutOff");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(completedAt, "completedAt");
    }

    /** The same sign-out with a new running count of ended sessions. */
    public SignOut withAffected(long affected) {
        return new SignOut(
                id,
                realmId,
                scopeType,
                scopeDetail,
                reason,
                actorId,
                actorUsername,
                privilege,
                requestId,
                sourceIp,
                cutOff,
                affected,
                status,
                createdAt,
                completedAt);
    }

    public SignOut completed(long affected, Instant at) {
        return new SignOut(
                id,
                realmId,
                scopeType,
                scopeDetail,
                reason,
                actorId,
                actorUsername,
                privilege,
                requestId,
                sourceIp,
                cutOff,
                affected,
                Status.COMPLETED,
                createdAt,
                Optional.of(at));
    }
}
