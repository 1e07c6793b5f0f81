package dev.curfew.core.session;

import java.util.Objects;
import java.util.Optional;

/**
 * A client session with the session's realm and user: what a back-channel logout token needs to name the
 * session ({@code sid}), the user ({@code sub}) and the client.
 *
 * @param clientId the client's internal id
 * @param issuer the issuer the client saw in its tokens of the session, else the one the session signed in
 *     under; empty for sessions from before either was recorded
 */
public record ClientSessionRef(
        String realmId, String sessionId, String userId, String clientId, Optional<String> issuer) {
    public ClientSessionRef {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(issuer, "issuer");
    }
}
