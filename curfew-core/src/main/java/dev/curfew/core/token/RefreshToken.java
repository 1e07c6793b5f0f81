package dev.curfew.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * An opaque refresh token, stored as the SHA-256 of its value. Rotated on every use (RFC 9700 §4.14.2):
 * the used token becomes {@link Status#ROTATED}, and presenting a rotated token again revokes the whole
 * session, because it means the token was stolen and used twice.
 *
 * @param clientId internal id of the client it was issued to
 */
public record RefreshToken(
        String tokenHash,
        String realmId,
        String sessionId,
        String clientId,
        String userId,
        String scope,
        Instant issuedAt,
        Instant expiresAt,
        Status status) {

    public enum Status {
        ACTIVE,
        ROTATED,
        REVOKED
    }

    public RefreshToken {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }
}
