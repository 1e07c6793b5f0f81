package dev.curfew.guard;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sign-outs the guard has heard of, and the receiver rule applied to them. It is Curfew's validity
 * rule ({@code ValidityRule} in curfew-core): a token is signed out when its issue time is not strictly
 * after the latest cut-off that applies to it — the realm's, its client's ({@code client_id}), its user's
 * ({@code sub}) — or when its session id ({@code sid}) was revoked. Times are compared in milliseconds:
 * the token's {@code iat} (whole seconds) × 1000 against the cut-off's {@code event_timestamp}, which has
 * a millisecond fraction. So a token issued in the same second as a cut-off, even just after it, is
 * refused.
 *
 * <p>Thread-safe; {@link #signedOut} reads without locking or allocating.
 */
final class ReceivedSignOuts {
    private static final long NONE = Long.MIN_VALUE;

    private final AtomicLong realmCutOff = new AtomicLong(NONE);
    private final ConcurrentHashMap<String, Long> clientCutOffs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> userCutOffs = new ConcurrentHashMap<>();
    /** Revoked session id → when the session ended, to know when it can be forgotten. */
    private final ConcurrentHashMap<String, Long> revokedSessions = new ConcurrentHashMap<>();

    /**
     * @param clientId the token's {@code client_id}
     * @param subject the token's {@code sub}
     * @param sessionId the token's {@code sid}, or null (client credentials)
     * @param issuedAtMillis the token's {@code iat} in milliseconds
     */
    boolean signedOut(String clientId, String subject, String sessionId, long issuedAtMillis) {
        if (issuedAtMillis <= realmCutOff.get()) {
            return true;
        }
        Long client = clientCutOffs.get(clientId);
        if (client != null && issuedAtMillis <= client) {
            return true;
        }
        Long user = userCutOffs.get(subject);
        if (user != null && issuedAtMillis <= user) {
            return true;
        }
        return sessionId != null && revokedSessions.containsKey(sessionId);
    }

    /** Keeps the latest: an older cut-off arriving late never undoes a newer one. */
    void realmCutOff(long atMillis) {
        realmCutOff.accumulateAndGet(atMillis, Math::max);
    }

    void clientCutOff(String clientId, long atMillis) {
        clientCutOffs.merge(clientId, atMillis, Math::max);
    }

    void userCutOff(String subject, long atMillis) {
        userCutOffs.merge(subject, atMillis, Math::max);
    }

    void revokeSession(String sessionId, long endedAtMillis) {
        revokedSessions.merge(sessionId, endedAtMillis, Math::max);
    }

    /**
     * Forgets what can no longer refuse an acceptable token: cut-offs and ended sessions older than
     * {@code beforeMillis}. The guard calls it with now − (longest accepted token lifetime + clock skew):
     * every token it accepts was issued after that, so an older cut-off is always before its {@code iat}, and
     * every token of a session that ended before that has expired.
     */
    void forgetBefore(long beforeMillis) {
        realmCutOff.updateAndGet(at -> at < beforeMillis ? NONE : at);
        clientCutOffs.values().removeIf(at -> at < beforeMillis);
        userCutOffs.values().removeIf(at -> at < beforeMillis);
        revokedSessions.values().removeIf(at -> at < beforeMillis);
    }

    /** How many cut-offs and revoked session ids are held. */
    int size() {
        return (realmCutOff.get() == NONE ? 0 : 1) + clientCutOffs.size() + userCutOffs.size() + revokedSessions.size();
    }
}
