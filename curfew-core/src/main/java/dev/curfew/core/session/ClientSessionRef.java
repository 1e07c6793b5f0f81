package dev.curfew.core.session;

import java.util.Objects;

/**
 * A client session with the session's realm and user: what a back-channel logout token needs to name the
 * session ({@code sid}), the user ({@code sub}) and the client.
 *
 * @param clientId the client's internal id
 */
public record ClientSessionRef(String realmId, String sessionId, String userId, String clientId) {
    public ClientSessionRef {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
    }
}
