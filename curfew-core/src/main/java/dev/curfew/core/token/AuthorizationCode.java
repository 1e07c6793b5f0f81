package dev.curfew.core.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A one-time authorization code (RFC 6749 §4.1.2), stored as the SHA-256 of its value and consumed
 * atomically: the store hands it out at most once.
 *
 * @param clientId internal id of the client
 * @param codeChallenge PKCE challenge (RFC 7636), with {@code codeChallengeMethod} always {@code S256}
 *     or {@code plain}
 * @param authTime when the user last authenticated (for {@code auth_time} and {@code max_age})
 */
public record AuthorizationCode(
        String codeHash,
        String realmId,
        String clientId,
        String sessionId,
        String userId,
        String redirectUri,
        String scope,
        Optional<String> nonce,
        Optional<String> codeChallenge,
        Optional<String> codeChallengeMethod,
        Instant authTime,
        Instant issuedAt,
        Instant expiresAt) {

    public AuthorizationCode {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(codeChallengeMethod, "codeChallengeMethod");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
