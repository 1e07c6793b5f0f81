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
 * @param status {@link Status#RUNNING} while sessions are still being ended or cleaned up
 * @param completedAt when it completed; empty while running and when it failed
 * @param error why it failed, for {@link Status#FAILED} only
 * @param runAt when a planned sign-out is due; empty for one that ran when it was asked for
 * @param startedAt when a planned sign-out actually started running (later than {@code runAt} when no node
 *     was up at {@code runAt}); empty while it waits and for one that ran when it was asked for
 * @param scheduleId the {@link SignOutSchedule} this sign-out is a run of; empty for one asked for directly
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
        Optional<Instant> completedAt,
        Optional<String> error,
        Optional<Instant> runAt,
        Optional<Instant> startedAt,
        Optional<String> scheduleId) {

    public enum Status {
        /** Planned for {@code runAt}; nothing is ended until a node claims it. */
        SCHEDULED,
        /** Cancelled while it was {@link #SCHEDULED}; it never ran. */
        CANCELLED,
        /** Sessions are still being ended (session, filter) or their rows removed (realm, client, user). */
        RUNNING,
        COMPLETED,
        /**
         * It could not finish: resuming it at start-up, or its clean-up, threw. What it had made durable stays
         * in force (a cut-off, the sessions revoked so far); it is not resumed again.
         */
        FAILED
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
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(runAt, "runAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(scheduleId, "scheduleId");
    }

    /** A sign-out that runs when it is asked for: neither planned nor started later. */
    public SignOut(
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
            Optional<Instant> completedAt,
            Optional<String> error) {
        this(
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
                affectedSessions,
                status,
                createdAt,
                completedAt,
                error,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
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
                completedAt,
                error,
                runAt,
                startedAt,
                scheduleId);
    }

    /** The same planned sign-out, RUNNING since {@code at}, with the cut-off of a realm, client or user scope. */
    public SignOut started(Instant at, Optional<Instant> cutOff) {
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
                affectedSessions,
                Status.RUNNING,
                createdAt,
                completedAt,
                error,
                runAt,
                Optional.of(at),
                scheduleId);
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
                Optional.of(at),
                Optional.empty(),
                runAt,
                startedAt,
                scheduleId);
    }

    /** The same sign-out, FAILED for {@code reason}. */
    public SignOut failed(String reason) {
        return new SignOut(
                id,
                realmId,
                scopeType,
                scopeDetail,
                this.reason,
                actorId,
                actorUsername,
                privilege,
                requestId,
                sourceIp,
                cutOff,
                affectedSessions,
                Status.FAILED,
                createdAt,
                Optional.empty(),
                Optional.of(reason),
                runAt,
                startedAt,
                scheduleId);
    }
}
