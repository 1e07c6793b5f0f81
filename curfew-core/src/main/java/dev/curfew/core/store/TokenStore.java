package dev.curfew.core.store;

import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.RefreshToken;
import java.time.Instant;
import java.util.Optional;

public interface TokenStore {
    void saveCode(AuthorizationCode code);

    /** Deletes the code and returns it: a code is handed out at most once, even under concurrent calls. */
    Optional<AuthorizationCode> consumeCode(String codeHash);

    void saveRefreshToken(RefreshToken token);

    Optional<RefreshToken> findRefreshToken(String tokenHash);

    /**
     * Moves the token from ACTIVE to ROTATED. @return true for exactly one of any number of concurrent
     * callers; false if it was not ACTIVE
     */
    boolean markRotated(String tokenHash);

    /** Marks one refresh token REVOKED (RFC 7009). */
    boolean revokeRefreshToken(String tokenHash);

    /** Remembers a revoked access token id until the token would have expired anyway. */
    void revokeAccessToken(String jti, String realmId, Instant expiresAt);

    boolean isAccessTokenRevoked(String jti);

    /** Removes expired codes, refresh tokens and revoked access-token ids. @return rows removed */
    int deleteExpired(Instant now, int limit);
}
