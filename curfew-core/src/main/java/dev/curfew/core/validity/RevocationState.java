package dev.curfew.core.validity;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of sign-outs, in memory, so that checking a token never touches the database:
 * the realm, client and user cut-offs (epoch millis) and the individually revoked session ids (each kept
 * until the longest token issued to it has expired).
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

    /** The cut-offs that apply to a token of this realm, client (internal id) and user (may be null). */
    public CutOffs cutOffs(String realmId, String clientId, String userId) {
        return new CutOffs(
                realmCutOffs.getOrDefault(realmId, 0L),
                clientId == null ? 0L : clientCutOffs.getOrDefault(clientId, 0L),
                userId == null ? 0L : userCutOffs.getOrDefault(userId, 0L));
    }

    public boolean isSessionRevoked(String sessionId) {
        return sessionId != null && revokedSessions.containsKey(sessionId);
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

    /** Forgets revoked session ids whose tokens have all expired. */
    public void purgeExpired(Instant now) {
        long millis = now.toEpochMilli();
        revokedSessions.values().removeIf(until -> until <= millis);
    }

    public int revokedSessionCount() {
        return revokedSessions.size();
    }

    /** A full copy of the durable state, as loaded from the store. */
    public record Snapshot(
            Map<String, Instant> realms,
            Map<String, Instant> clients,
            Map<String, Instant> users,
            Map<String, Instant> revokedSessions) {}

    /**
     * Loads the whole durable state, keeping anything newer here than in the snapshot: a change applied
     * from its notification while the snapshot was being read may be missing from the snapshot, so
     * nothing is dropped because the snapshot lacks it. Entries of deleted realms, clients or users are
     * harmless (their ids are never reused); revoked session ids leave through {@link #purgeExpired}.
     */
    public void replaceAll(Snapshot snapshot) {
        reload(realmCutOffs, snapshot.realms());
        reload(clientCutOffs, snapshot.clients());
        reload(userCutOffs, snapshot.users());
        reload(revokedSessions, snapshot.revokedSessions());
    }

    private static void reload(Map<String, Long> target, Map<String, Instant> source) {
        source.forEach((k, v) -> target.merge(k, v.toEpochMilli(), Math::max));
    }
}
