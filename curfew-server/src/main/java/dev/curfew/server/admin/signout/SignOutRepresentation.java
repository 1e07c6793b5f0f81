package dev.curfew.server.admin.signout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.curfew.core.signout.SignOut;
import java.time.Instant;

/**
 * A sign-out as the API shows it. {@code status} is {@code RUNNING} while sessions are still being
 * removed: for realm, client and user scopes that happens after the answer (the cut-off already
 * refuses them), and {@code affectedSessions} is final once {@code COMPLETED}. {@code FAILED}, with
 * {@code error}, when it could not finish (its resume at start-up or its clean-up threw); what it made
 * durable stays in force. A planned sign-out is {@code SCHEDULED} until {@code runAt}, {@code CANCELLED} if
 * cancelled before; once it runs, {@code startedAt} says when.
 */
public record SignOutRepresentation(
        String id,
        String realm,
        JsonNode scope,
        String reason,
        boolean dryRun,
        String status,
        long affectedSessions,
        Instant cutOff,
        Actor actor,
        String privilege,
        String requestId,
        String sourceIp,
        Instant createdAt,
        Instant completedAt,
        String error,
        Instant runAt,
        Instant startedAt,
        String scheduleId) {

    public record Actor(String id, String username) {}

    public static SignOutRepresentation of(SignOut s, String realmName) {
        return new SignOutRepresentation(
                s.id(),
                realmName,
                ScopeView.of(s.scopeDetail()),
                s.reason(),
                false,
                s.status().name(),
                s.affectedSessions(),
                s.cutOff().orElse(null),
                new Actor(s.actorId(), s.actorUsername()),
                s.privilege(),
                s.requestId(),
                s.sourceIp(),
                s.createdAt(),
                s.completedAt().orElse(null),
                s.error().orElse(null),
                s.runAt().orElse(null),
                s.startedAt().orElse(null),
                s.scheduleId().orElse(null));
    }
}
