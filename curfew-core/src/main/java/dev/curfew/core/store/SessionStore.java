package dev.curfew.core.store;

import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.UserSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface SessionStore {
    void create(UserSession session);

    Optional<UserSession> findById(String sessionId);

    /** By the SHA-256 of the cookie secret. */
    Optional<UserSession> findByCookieHash(String cookieHash);

    /** Records use of the session (idle timeout counts from here). */
    void touch(String sessionId, Instant lastActiveAt);

    /** Newest first. */
    List<UserSession> find(SessionQuery query);

    long count(SessionQuery query);

    /**
     * The user's sessions still within their idle and maximum lifetime, oldest first, with the user's row locked
     * until the transaction ends: concurrent sign-ins of one user count their sessions one after the other, so a
     * session limit holds under concurrency. Call inside a transaction.
     */
    List<UserSession> lockActiveOfUser(String realmId, String userId, Instant idleBefore, Instant createdBefore);

    /** Deletes the session with its client sessions, codes and refresh tokens. */
    boolean delete(String sessionId);

    /** Creates the client session, or marks it used now if it exists. */
    void recordClientSession(ClientSession clientSession);

    /**
     * Creates the client session of a session that has none for its client: one started in the same transaction.
     * @throws DuplicateException when it exists
     */
    void createClientSession(ClientSession clientSession);

    List<ClientSession> clientSessions(String sessionId);

    /** Number of sessions per client (internal id) that have a client session in the realm. */
    Map<String, Long> countByClient(String realmId);

    /**
     * Deletes up to {@code limit} sessions of the realm that are past their idle or maximum lifetime.
     * @return how many were deleted; fewer than {@code limit} means none are left
     */
    int deleteExpired(String realmId, Instant idleBefore, Instant createdBefore, int limit);

    /**
     * Ids of the realm's sessions matching the filter, in id order, after {@code afterId} (keyset paging:
     * stable while sessions are being deleted).
     */
    List<String> matchingIds(
            String realmId, dev.curfew.core.session.SessionFilter filter, Optional<String> afterId, int limit);

    /** Deletes these sessions (with their client sessions, codes and refresh tokens). @return how many existed */
    int deleteAll(java.util.Collection<String> sessionIds);

    /**
     * Clean-up after a client cut-off: deletes up to {@code limit} client sessions of the client created before
     * the cut-off, and that client's refresh tokens issued before it. @return client sessions deleted
     */
    int deleteClientSessionsBefore(String realmId, String clientId, Instant cutOff, int limit);

    /**
     * The client sessions of these sessions, with each session's realm and user, in one query (the sessions
     * an SSO logout or a sign-out batch is about to end). Unknown ids are ignored.
     */
    List<dev.curfew.core.session.ClientSessionRef> clientSessionsOf(java.util.Collection<String> sessionIds);

    /**
     * The client sessions that {@link #deleteClientSessionsBefore} with the same arguments deletes next (in
     * the same order), so a clean-up batch can notify the client before removing them.
     */
    List<dev.curfew.core.session.ClientSessionRef> clientSessionsBefore(
            String realmId, String clientId, Instant cutOff, int limit);

    /**
     * The realm's users who hold at least {@code sessions} sessions, or whose sessions come from at least
     * {@code networks} networks (a 0 ignores that count; both 0 lists nobody): the most widely spread first, at most
     * {@code limit}. Counts every session the store holds for the user, as {@link dev.curfew.core.session.SessionFilter}
     * does.
     */
    List<dev.curfew.core.session.SharingSuspect> spreadAtLeast(String realmId, int sessions, int networks, int limit);

    /**
     * Ids of the realm's users who hold at least {@code sessions} sessions AND whose sessions come from at least
     * {@code networks} networks (a 0 ignores that count), in id order after {@code afterUserId}: the users a filter's
     * {@code concurrentSessionsAtLeast} and {@code distinctNetworksAtLeast} select, resolved once so that ending some of
     * a user's sessions does not change which users are being signed out.
     */
    List<String> usersSpreadAtLeast(
            String realmId, int sessions, int networks, Optional<String> afterUserId, int limit);
}
