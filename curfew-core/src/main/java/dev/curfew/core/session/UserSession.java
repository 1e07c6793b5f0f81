package dev.curfew.core.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An SSO session: one login of one user in one browser (or one password grant).
 *
 * <p>It has two identifiers that must never be confused. {@code id} is the public session id
 * ({@code sid} in tokens, the admin API, logs and events). The browser holds a different, random
 * cookie secret, of which only the SHA-256 is stored here ({@code cookieHash}); tokens travel to third
 * parties, so nothing in them may let anyone derive the cookie.
 *
 * @param ipAddress the client's address in canonical text ({@link IpAddresses#canonical}), {@code ""} when unknown
 * @param authMethods authentication methods used, e.g. {@code pwd} (RFC 8176 {@code amr} values)
 * @param issuer the issuer the session signed in under ({@code <base>/realms/<realm>}); empty for sessions from
 *     before it was recorded
 */
public record UserSession(
        String id,
        String realmId,
        String userId,
        String cookieHash,
        Instant createdAt,
        Instant lastActiveAt,
        String ipAddress,
        String userAgent,
        Set<String> authMethods,
        Optional<String> issuer) {

    public UserSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(cookieHash, "cookieHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        ipAddress = ipAddress == null ? "" : ipAddress;
        userAgent = userAgent == null ? "" : truncate(userAgent, 512);
        authMethods = Set.copyOf(authMethods);
        Objects.requireNonNull(issuer, "issuer");
    }

    /** A session whose issuer is not known. */
    public UserSession(
            String id,
            String realmId,
            String userId,
            String cookieHash,
            Instant createdAt,
            Instant lastActiveAt,
            String ipAddress,
            String userAgent,
            Set<String> authMethods) {
        this(
                id,
                realmId,
                userId,
                cookieHash,
                createdAt,
                lastActiveAt,
                ipAddress,
                userAgent,
                authMethods,
                Optional.empty());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    public UserSession touchedAt(Instant now) {
        return new UserSession(
                id, realmId, userId, cookieHash, createdAt, now, ipAddress, userAgent, authMethods, issuer);
    }
}
