package dev.curfew.store.jdbc;

import dev.curfew.core.session.ClientSession;
import dev.curfew.core.session.ClientSessionRef;
import dev.curfew.core.session.IpRange;
import dev.curfew.core.session.SessionFilter;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.session.SharingSuspect;
import dev.curfew.core.session.UserSession;
import dev.curfew.core.session.UserSpread;
import dev.curfew.core.store.SessionStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcSessionStore implements SessionStore {
    private static final String SELECT = """
            SELECT s.id, s.realm_id, s.user_id, s.cookie_hash, s.created_at, s.last_active_at, s.ip_address,
                s.user_agent, s.auth_methods, s.issuer
            FROM user_sessions s
            """;

    private static final String INSERT = """
            INSERT INTO user_sessions (id, realm_id, user_id, cookie_hash, created_at, last_active_at, ip_address,
                ip_key, user_agent, auth_methods, issuer)
            VALUES (:id, :realmId, :userId, :cookieHash, :createdAt, :lastActiveAt, :ipAddress, :ipKey, :userAgent,
                :authMethods, :issuer)
            """;

    /** Sessions deleted by one statement of {@link #deleteAll}: well under PostgreSQL's 65,535 parameters. */
    static final int DELETE_CHUNK = 1000;

    private static final String EXPIRED = "(last_active_at < :idleBefore OR created_at < :createdBefore)";

    private static final RowMapper<UserSession> SESSION = (rs, ctx) -> new UserSession(
            rs.getString("id"),
            rs.getString("realm_id"),
            rs.getString("user_id"),
            rs.getString("cookie_hash"),
            Columns.instant(rs, "created_at"),
            Columns.instant(rs, "last_active_at"),
            rs.getString("ip_address"),
            rs.getString("user_agent"),
            Set.copyOf(Columns.lines(rs, "auth_methods")),
            Columns.optionalString(rs, "issuer"));

    private static final RowMapper<ClientSession> CLIENT_SESSION = (rs, ctx) -> new ClientSession(
            rs.getString("session_id"),
            rs.getString("client_id"),
            Columns.instant(rs, "created_at"),
            Columns.instant(rs, "last_active_at"),
            Columns.optionalString(rs, "issuer"));

    private final Handles handles;

    JdbcSessionStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(UserSession session) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate(INSERT)
                        .bind("id", session.id())
                        .bind("realmId", session.realmId())
                        .bind("userId", session.userId())
                        .bind("cookieHash", session.cookieHash())
                        .bind("createdAt", Columns.millis(session.createdAt()))
                        .bind("lastActiveAt", Columns.millis(session.lastActiveAt()))
                        .bind("ipAddress", session.ipAddress())
                        .bind("ipKey", IpRange.key(session.ipAddress()))
                        .bind("userAgent", session.userAgent())
                        // Sorted, so that equal sets are stored as equal text.
                        .bind("authMethods", Columns.lines(new TreeSet<>(session.authMethods())))
                        .bind("issuer", session.issuer().orElse(null))
                        .execute()),
                "a session with that id or cookie already exists");
    }

    @Override
    public Optional<UserSession> findById(String sessionId) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE s.id = :id")
                .bind("id", sessionId)
                .map(SESSION)
                .findOne());
    }

    @Override
    public Optional<UserSession> findByCookieHash(String cookieHash) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE s.cookie_hash = :cookieHash")
                .bind("cookieHash", cookieHash)
                .map(SESSION)
                .findOne());
    }

    /** Never moves the time back, so concurrent requests finishing out of order cannot shorten a session. */
    @Override
    public void touch(String sessionId, Instant lastActiveAt) {
        handles.withHandle(h -> h.createUpdate(
                        "UPDATE user_sessions SET last_active_at = :at WHERE id = :id AND last_active_at < :at")
                .bind("id", sessionId)
                .bind("at", Columns.millis(lastActiveAt))
                .execute());
    }

    @Override
    public List<UserSession> lockActiveOfUser(
            String realmId, String userId, Instant idleBefore, Instant createdBefore) {
        return handles.withHandle(h -> {
            // The user's row is the lock: both databases hold it until the transaction ends.
            h.createQuery("SELECT id FROM users WHERE realm_id = :realmId AND id = :userId FOR UPDATE")
                    .bind("realmId", realmId)
                    .bind("userId", userId)
                    .mapTo(String.class)
                    .findOne();
            return h.createQuery(SELECT + " WHERE s.realm_id = :realmId AND s.user_id = :userId AND NOT " + EXPIRED
                            + " ORDER BY s.created_at, s.id")
                    .bind("realmId", realmId)
                    .bind("userId", userId)
                    .bind("idleBefore", Columns.millis(idleBefore))
                    .bind("createdBefore", Columns.millis(createdBefore))
                    .map(SESSION)
                    .list();
        });
    }

    /** Newest first; the id breaks ties so that pages neither repeat nor skip sessions. */
    @Override
    public List<UserSession> find(SessionQuery query) {
        Where where = SessionFilterSql.where(query.realmId(), query.filter());
        return handles.withHandle(h -> where.bind(h.createQuery(
                        SELECT + where.sql() + " ORDER BY s.created_at DESC, s.id LIMIT :max OFFSET :first"))
                .bind("max", query.page().max())
                .bind("first", query.page().first())
                .map(SESSION)
                .list());
    }

    @Override
    public long count(SessionQuery query) {
        Where where = SessionFilterSql.where(query.realmId(), query.filter());
        return handles.withHandle(h -> where.bind(h.createQuery("SELECT COUNT(*) FROM user_sessions s" + where.sql()))
                .mapTo(Long.class)
                .one());
    }

    /** With the session's client sessions, codes and refresh tokens. */
    @Override
    public boolean delete(String sessionId) {
        return deleteAll(List.of(sessionId)) > 0;
    }

    /**
     * Deletes the sessions matching {@code condition} with {@link #deleteByIds}; they are locked first, so only
     * rows of sessions that are really deleted go. Runs inside the caller's transaction.
     *
     * @param condition SQL over {@code user_sessions}; may use lists bound in {@code lists}
     */
    private static int deleteWithDependents(
            Handle h, String condition, Map<String, ?> params, Map<String, List<String>> lists) {
        var select = h.createQuery("SELECT id FROM user_sessions WHERE " + condition + " FOR UPDATE");
        params.forEach(select::bind);
        lists.forEach(select::bindList);
        return deleteByIds(h, select.mapTo(String.class).list());
    }

    /**
     * Deletes these sessions and, first, the rows that belong to them, one statement per table and chunk. The
     * foreign keys would cascade, but PostgreSQL runs a cascade as one query per deleted session: after a large
     * clean-up has left {@code client_sessions} with stale statistics and empty pages, each of those queries
     * became a sequential scan (a realm clean-up slowed from ~20,000 to ~440 sessions/s). A row added for one
     * of them meanwhile still goes with it, by the cascade. Runs inside the caller's transaction.
     */
    private static int deleteByIds(Handle h, List<String> ids) {
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            for (String table : List.of("client_sessions", "refresh_tokens", "authorization_codes")) {
                h.createUpdate("DELETE FROM " + table + " WHERE session_id IN (<ids>)")
                        .bindList("ids", chunk)
                        .execute();
            }
            deleted += h.createUpdate("DELETE FROM user_sessions WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .execute();
        }
        return deleted;
    }

    @Override
    public void recordClientSession(ClientSession clientSession) {
        handles.useHandle(h -> Duplicates.upsert(
                h, u -> touchClientSession(u, clientSession), i -> insertClientSession(i, clientSession)));
    }

    @Override
    public void createClientSession(ClientSession clientSession) {
        handles.useHandle(h -> Duplicates.translate(
                () -> {
                    insertClientSession(h, clientSession);
                    return null;
                },
                "the session already has a client session for client " + clientSession.clientId()));
    }

    @Override
    public List<ClientSession> clientSessions(String sessionId) {
        return handles.withHandle(h -> h.createQuery("""
                        SELECT session_id, client_id, created_at, last_active_at, issuer FROM client_sessions
                        WHERE session_id = :sessionId ORDER BY created_at, client_id
                        """)
                .bind("sessionId", sessionId)
                .map(CLIENT_SESSION)
                .list());
    }

    @Override
    public Map<String, Long> countByClient(String realmId) {
        return Map.copyOf(handles.withHandle(h -> h.createQuery("""
                        SELECT cs.client_id, COUNT(*) AS sessions FROM client_sessions cs
                        JOIN user_sessions s ON s.id = cs.session_id
                        WHERE s.realm_id = :realmId
                        GROUP BY cs.client_id
                        """)
                .bind("realmId", realmId)
                .reduceRows(new HashMap<String, Long>(), (counts, row) -> {
                    counts.put(row.getColumn("client_id", String.class), row.getColumn("sessions", Long.class));
                    return counts;
                })));
    }

    /**
     * One {@link Batch}. The delete checks the expiry again: a session used since it was selected stays.
     *
     * @throws IllegalArgumentException unless {@code limit} is between 1 and {@link Batch#MAX_LIMIT}
     */
    @Override
    public int deleteExpired(String realmId, Instant idleBefore, Instant createdBefore, int limit) {
        Batch.checkLimit(limit);
        return handles.inTransaction(h -> {
            List<String> ids = h.createQuery(
                            "SELECT id FROM user_sessions WHERE realm_id = :realmId AND " + EXPIRED + " LIMIT :limit")
                    .bind("realmId", realmId)
                    .bind("idleBefore", Columns.millis(idleBefore))
                    .bind("createdBefore", Columns.millis(createdBefore))
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            // Checked again under the lock: a session used since the query above is not expired any more.
            return deleteWithDependents(
                    h,
                    "id IN (<ids>) AND " + EXPIRED,
                    Map.of("idleBefore", Columns.millis(idleBefore), "createdBefore", Columns.millis(createdBefore)),
                    Map.of("ids", ids));
        });
    }

    /** Like {@link #touch}, never moves the time back; a known issuer replaces the stored one. */
    private static int touchClientSession(Handle h, ClientSession clientSession) {
        return h.createUpdate("""
                        UPDATE client_sessions SET last_active_at = GREATEST(last_active_at, :lastActiveAt),
                            issuer = COALESCE(:issuer, issuer)
                        WHERE session_id = :sessionId AND client_id = :clientId
                        """)
                .bind("sessionId", clientSession.sessionId())
                .bind("clientId", clientSession.clientId())
                .bind("lastActiveAt", Columns.millis(clientSession.lastActiveAt()))
                .bind("issuer", clientSession.issuer().orElse(null))
                .execute();
    }

    private static void insertClientSession(Handle h, ClientSession clientSession) {
        h.createUpdate("""
                        INSERT INTO client_sessions (session_id, client_id, created_at, last_active_at, issuer)
                        VALUES (:sessionId, :clientId, :createdAt, :lastActiveAt, :issuer)
                        """)
                .bind("sessionId", clientSession.sessionId())
                .bind("clientId", clientSession.clientId())
                .bind("createdAt", Columns.millis(clientSession.createdAt()))
                .bind("lastActiveAt", Columns.millis(clientSession.lastActiveAt()))
                .bind("issuer", clientSession.issuer().orElse(null))
                .execute();
    }

    /** Keyset paging on the primary key: deleting the sessions already returned moves no later one. */
    @Override
    public List<String> matchingIds(String realmId, SessionFilter filter, Optional<String> afterId, int limit) {
        Batch.checkLimit(limit);
        Where where = SessionFilterSql.where(realmId, filter);
        afterId.ifPresent(id -> where.and("s.id > :afterId", "afterId", id));
        return handles.withHandle(h -> where.bind(
                        h.createQuery("SELECT s.id FROM user_sessions s" + where.sql() + " ORDER BY s.id LIMIT :limit"))
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
    }

    /** In statements of at most {@link #DELETE_CHUNK} ids, each chunk one transaction; like {@link #delete}. */
    @Override
    public int deleteAll(Collection<String> sessionIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(sessionIds));
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            deleted += handles.inTransaction(h -> deleteByIds(h, chunk));
        }
        return deleted;
    }

    /**
     * One {@link Batch} of the client's client sessions created before the cut-off, deleted together with the
     * client's codes and refresh tokens issued before it in those sessions; the SSO sessions and the other
     * clients' client sessions stay. When the batch is not full, the client's remaining tokens issued before
     * the cut-off (any whose client session was already gone) are swept too, so that a result below
     * {@code limit} means nothing of the client from before the cut-off is left.
     *
     * @throws IllegalArgumentException unless {@code limit} is between 1 and {@link Batch#MAX_LIMIT}
     */
    @Override
    public int deleteClientSessionsBefore(String realmId, String clientId, Instant cutOff, int limit) {
        Batch.checkLimit(limit);
        long before = Columns.millis(cutOff);
        int deleted = handles.inTransaction(h -> {
            List<String> sessionIds = h.createQuery("""
                            SELECT cs.session_id FROM client_sessions cs
                            WHERE cs.client_id = :clientId AND cs.created_at < :cutOff
                                AND EXISTS (SELECT 1 FROM clients c WHERE c.id = :clientId AND c.realm_id = :realmId)
                            ORDER BY cs.session_id
                            LIMIT :limit
                            """)
                    .bind("realmId", realmId)
                    .bind("clientId", clientId)
                    .bind("cutOff", before)
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (sessionIds.isEmpty()) {
                return 0;
            }
            for (String table : List.of("refresh_tokens", "authorization_codes")) {
                h.createUpdate("DELETE FROM " + table
                                + " WHERE client_id = :clientId AND session_id IN (<ids>) AND issued_at < :cutOff")
                        .bind("clientId", clientId)
                        .bindList("ids", sessionIds)
                        .bind("cutOff", before)
                        .execute();
            }
            return h.createUpdate("""
                            DELETE FROM client_sessions
                            WHERE client_id = :clientId AND session_id IN (<ids>) AND created_at < :cutOff
                            """)
                    .bind("clientId", clientId)
                    .bindList("ids", sessionIds)
                    .bind("cutOff", before)
                    .execute();
        });
        if (deleted < limit) {
            int swept;
            do {
                swept = deleteStrayRefreshTokens(realmId, clientId, before, limit);
            } while (swept == limit);
        }
        return deleted;
    }

    /** One batch of the client's refresh tokens issued before the cut-off; usually there are none left. */
    private int deleteStrayRefreshTokens(String realmId, String clientId, long before, int limit) {
        return handles.withHandle(h -> {
            List<String> hashes = h.createQuery("""
                            SELECT token_hash FROM refresh_tokens
                            WHERE client_id = :clientId AND issued_at < :cutOff AND realm_id = :realmId
                            LIMIT :limit
                            """)
                    .bind("realmId", realmId)
                    .bind("clientId", clientId)
                    .bind("cutOff", before)
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (hashes.isEmpty()) {
                return 0;
            }
            return h.createUpdate("DELETE FROM refresh_tokens WHERE token_hash IN (<hashes>)")
                    .bindList("hashes", hashes)
                    .execute();
        });
    }

    private static final RowMapper<ClientSessionRef> CLIENT_SESSION_REF = (rs, ctx) -> new ClientSessionRef(
            rs.getString("realm_id"),
            rs.getString("session_id"),
            rs.getString("user_id"),
            rs.getString("client_id"),
            Columns.optionalString(rs, "issuer"));

    /** In statements of at most {@link #DELETE_CHUNK} ids. */
    @Override
    public List<ClientSessionRef> clientSessionsOf(Collection<String> sessionIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(sessionIds));
        List<ClientSessionRef> found = new java.util.ArrayList<>();
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            found.addAll(handles.withHandle(h -> h.createQuery("""
                            SELECT s.realm_id, cs.session_id, s.user_id, cs.client_id, COALESCE(cs.issuer, s.issuer) AS issuer
                            FROM client_sessions cs JOIN user_sessions s ON s.id = cs.session_id
                            WHERE cs.session_id IN (<ids>)
                            ORDER BY cs.session_id, cs.client_id
                            """)
                    .bindList("ids", chunk)
                    .map(CLIENT_SESSION_REF)
                    .list()));
        }
        return found;
    }

    /** Same selection and order as the batch {@link #deleteClientSessionsBefore} takes. */
    @Override
    public List<ClientSessionRef> clientSessionsBefore(String realmId, String clientId, Instant cutOff, int limit) {
        Batch.checkLimit(limit);
        return handles.withHandle(h -> h.createQuery("""
                        SELECT s.realm_id, cs.session_id, s.user_id, cs.client_id, COALESCE(cs.issuer, s.issuer) AS issuer
                        FROM client_sessions cs JOIN user_sessions s ON s.id = cs.session_id
                        WHERE cs.client_id = :clientId AND cs.created_at < :cutOff AND s.realm_id = :realmId
                        ORDER BY cs.session_id
                        LIMIT :limit
                        """)
                .bind("realmId", realmId)
                .bind("clientId", clientId)
                .bind("cutOff", Columns.millis(cutOff))
                .bind("limit", limit)
                .map(CLIENT_SESSION_REF)
                .list());
    }

    @Override
    public List<String> usersSpreadAtLeast(
            String realmId, int sessions, int networks, Optional<String> afterUserId, int limit) {
        String sql = "SELECT s.user_id FROM user_sessions s WHERE s.realm_id = :realmId AND s.user_id > :after"
                + " GROUP BY s.user_id"
                + (sessions > 0 || networks > 0 ? " HAVING " + spread(sessions, networks, " AND ") : "")
                + " ORDER BY s.user_id LIMIT :limit";
        return handles.withHandle(h -> h.createQuery(sql)
                .bind("realmId", realmId)
                .bind("after", afterUserId.orElse(""))
                .bind("sessions", sessions)
                .bind("networks", networks)
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
    }

    private static final String NETWORK_COUNT = "COUNT(DISTINCT " + SessionFilterSql.network("s") + ")";

    /** The HAVING conditions of a spread: the counts that are not 0, joined by {@code joiner}. */
    private static String spread(int sessions, int networks, String joiner) {
        List<String> having = new java.util.ArrayList<>();
        if (sessions > 0) {
            having.add("COUNT(*) >= :sessions");
        }
        if (networks > 0) {
            having.add(NETWORK_COUNT + " >= :networks");
        }
        return String.join(joiner, having);
    }

    @Override
    public List<SharingSuspect> spreadAtLeast(String realmId, int sessions, int networks, int limit) {
        if (sessions <= 0 && networks <= 0) {
            return List.of();
        }
        String networkCount = NETWORK_COUNT;
        String sql = "SELECT s.user_id, u.username, COUNT(*) AS sessions, " + networkCount + " AS networks,"
                + " MAX(s.last_active_at) AS last_active_at"
                + " FROM user_sessions s JOIN users u ON u.id = s.user_id"
                + " WHERE s.realm_id = :realmId GROUP BY s.user_id, u.username"
                + " HAVING " + spread(sessions, networks, " OR ")
                + " ORDER BY networks DESC, sessions DESC, u.username LIMIT :limit";
        return handles.withHandle(h -> h.createQuery(sql)
                .bind("realmId", realmId)
                .bind("sessions", sessions)
                .bind("networks", networks)
                .bind("limit", limit)
                .map((rs, ctx) -> new SharingSuspect(
                        rs.getString("user_id"),
                        rs.getString("username"),
                        new UserSpread(rs.getInt("sessions"), rs.getInt("networks")),
                        Columns.instant(rs, "last_active_at")))
                .list());
    }
}
