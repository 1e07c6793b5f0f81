package dev.curfew.core.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The use of one client within one SSO session: created the first time the client obtains tokens in
 * that session. Sign-out of a client, and back-channel logout, work from these rows.
 *
 * @param clientId the client's internal id
 * @param issuer the {@code iss} of the last tokens the client got in the session, which its logout token must
 *     repeat; empty when not known (rows from before it was recorded)
 */
public record ClientSession(
        String sessionId, String clientId, Instant createdAt, Instant lastActiveAt, Optional<String> issuer) {
    public ClientSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** A client session whose issuer is not known. */
    public ClientSession(String sessionId, String clientId, Instant createdAt, Instant lastActiveAt) {
        this(sessionId, clientId, createdAt, lastActiveAt, Optional.empty());
    }
}
