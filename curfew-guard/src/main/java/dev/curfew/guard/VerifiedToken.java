package dev.curfew.guard;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An access token the guard accepted: its signature, type, issuer, audience, times and revocation state
 * checked. The common claims as fields; every claim in {@link #claims()}.
 *
 * @param subject {@code sub}: the user's id, or for a client-credentials token the client's internal id
 * @param clientId {@code client_id}: the client the token was issued to
 * @param sessionId {@code sid}: the Curfew session, absent for client-credentials tokens
 * @param scope {@code scope}, space-separated (empty when absent)
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param tokenId {@code jti}
 * @param claims the whole verified claims set
 */
public record VerifiedToken(
        String subject,
        String clientId,
        Optional<String> sessionId,
        String scope,
        Instant issuedAt,
        Instant expiresAt,
        String tokenId,
        JWTClaimsSet claims) {

    /** The granted scopes as a set. */
    public Set<String> scopes() {
        return scope.isEmpty() ? Set.of() : Arrays.stream(scope.split(" ")).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code scope} was granted. */
    public boolean hasScope(String wanted) {
        return scopes().contains(wanted);
    }

    /** A string claim, say {@code preferred_username}, when present and a string. */
    public Optional<String> stringClaim(String name) {
        return claims.getClaim(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
