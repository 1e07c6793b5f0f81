package dev.curfew.core.validity;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of sign-outs, in memory, so that checking a token never reads a cut-off or a revocation from
 * the database: the realm, client and user cut-offs (epoch millis), the individually revoked session ids (each kept
 * until the longest token issued to it has expired) and the individually revoked access tokens (RFC 7009, each kept
 * until it expires).
 *
 * <p>The store is the source of truth. Every change is written there first, then applied here;
 * {@link #replaceAll} reloads everything, so a missed update costs latency, never correctness. Cut-offs
 * only move forward: applying an older one never widens validity.
 */
public final class RevocationState {
    private final Map<String, Long> realmCutOffs = new ConcurrentHashMap<>();
    private final Map<String, Long> clientCutOffs = new ConcurrentHashMap<>();
    private final Map<String, Long> userCutOffs = new ConcurrentHashMap<>();
    /** Revoked session id → until when it must be remembered (epoch millis). */
    private final Map<String, Long> revokedSessions = new ConcurrentHashMap<>();
    /** Revoked access token id ({@code jti}) → its expiry (epoch millis). */
    private final Map<String, Long> revokedAccessTokens = new ConcurrentHashMap<>();

    /**
     * The cut-offs that apply to a session or token of this realm, client (internal id; none for an SSO session) and
     * user (none for a client-credentials token).
     */
    public CutOffs cutOffs(String realmId, Optional<String> clientId, Optional<String> userId) {
        return new CutOffs(
                realm(realmId),
                clientId.map(this::client).orElse(0L),
                userId.map(this::user).orElse(0L));
    }

    /**
     * The cut-offs of something a session issued to a client: realm, client (internal id) and user. The token checks
     * call this, and the two below, on every request: they allocate nothing beyond the result.
     */
    public CutOffs forIssuedToken(String realmId, String clientId, String userId) {
        return new CutOffs(realm(realmId), client(clientId), user(userId));
    }

    /** The cut-offs of an SSO session: realm and user; a client sign-out leaves sessions alone. */
    public CutOffs forSession(String realmId, String userId) {
        return new CutOffs(realm(realmId), 0L, user(userId));
    }

    /** The cut-offs of a client-credentials token: realm and client; it has no user. */
    public CutOffs forClientToken(String realmId, String clientId) {
        return new CutOffs(realm(realmId), client(clientId), 0L);
    }

    private long realm(String id) {
        return realmCutOffs.getOrDefault(id, 0L);
    }

    private long client(String id) {
        return clientCutOffs.getOrDefault(id, 0L);
    }

    private long user(String id) {
        return userCutOffs.getOrDefault(id, 0L);
    }

    public boolean isSessionRevoked(String sessionId) {
        return sessionId != null && revokedSessions.containsKey(sessionId);
    }

    public boolean isAccessTokenRevoked(String jti) {
        return revokedAccessTokens.containsKey(jti);
    }

    public void realmCutOff(String realmId, Instant cutOff) {
        realmCutOffs.merge(realmId, cutOff.toEpochMilli(), Math::max);
    }

    public void clientCutOff(String clientId, Instant cutOff) {
        clientCutOffs.merge(clientId, cutOff.toEpochMilli(), Math::max);
    }

    public void userCutOff(String userId, Instant cutOff) {
        userCutOffs.merge(userId, cutOff.toEpochMilli(), Math::max);
    }

    public void revokeSession(String sessionId, Instant until) {
        revokedSessions.merge(sessionId, until.toEpochMilli(), Math::max);
    }

    public void revokeAccessToken(String jti, Instant expiresAt) {
        revokedAccessTokens.merge(jti, expiresAt.toEpochMilli(), Math::max);
    }

    /** Forgets revoked session ids whose tokens have all expired, and revoked access tokens that expired. */
    public void purgeExpired(Instant now) {
        long millis = now.toEpochMilli();
        revokedSessions.values().removeIf(until -> until <= millis);
        revokedAccessTokens.values().removeIf(expiry -> expiry <= millis);
    }

    public int revokedSessionCount() {
        return revokedSessions.size();
    }

    /** A full copy of the durable state, as loaded from the store. */
    public record Snapshot(
            Map<String, Instant> realms,
            Map<String, Instant> clients,
            Map<String, Instant> users,
            Map<String, Instant> revokedSessions,
            Map<String, Instant> revokedAccessTokens) {}

    /**
     * Loads the whole durable state, keeping anything newer here than in the snapshot: a change applied
     * from its notification while the snapshot was being read may be missing from the snapshot, so
     * nothing is dropped because the snapshot lacks it. Entries of deleted realms, clients or users are
     * harmless (their ids are never reused); revoked session and token ids leave through {@link #purgeExpired}.
     */
    public void replaceAll(Snapshot snapshot) {
        reload(realmCutOffs, snapshot.realms());
        reload(clientCutOffs, snapshot.clients());
        reload(userCutOffs, snapshot.users());
        reload(revokedSessions, snapshot.revokedSessions());
        reload(revokedAccessTokens, snapshot.revokedAccessTokens());
    }

    private static void reload(Map<String, Long> target, Map<String, Instant> source) {
        source.forEach((k, v) -> target.merge(k, v.toEpochMilli(), Math::max));
    }
}
