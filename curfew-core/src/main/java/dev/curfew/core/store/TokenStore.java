package dev.curfew.core.store;

import dev.curfew.core.token.AuthorizationCode;
import dev.curfew.core.token.CodeRedemption;
import dev.curfew.core.token.RefreshToken;
import java.time.Instant;
import java.util.Optional;

public interface TokenStore {
    void saveCode(AuthorizationCode code);

    /**
     * Marks the code redeemed {@code at} and returns it as {@link CodeRedemption.Redeemed} to exactly one caller,
     * even under concurrent calls; every later (or losing) caller gets {@link CodeRedemption.Replayed}. The row stays
     * until it expires ({@link #deleteExpired}) or its session ends.
     */
    CodeRedemption redeemCode(String codeHash, Instant at);

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

    /** Removes expired codes (redeemed or not), refresh tokens and revoked access-token ids. @return rows removed */
    int deleteExpired(Instant now, int limit);
}
