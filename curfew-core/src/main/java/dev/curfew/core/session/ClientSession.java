package dev.curfew.core.session;

import java.time.Instant;
import java.util.Objects;

/**
 * The use of one client within one SSO session: created the first time the client obtains tokens in
 * that session. Sign-out of a client, and back-channel logout, work from these rows.
 *
 * @param clientId the client's internal id
 */
public record ClientSession(String sessionId, String clientId, Instant createdAt, Instant lastActiveAt) {
    public ClientSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
    }
}
