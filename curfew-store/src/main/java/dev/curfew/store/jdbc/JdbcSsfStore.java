package dev.curfew.store.jdbc;

import dev.curfew.core.session.Page;
import dev.curfew.core.ssf.EndedSession;
import dev.curfew.core.ssf.QueuedSet;
import dev.curfew.core.ssf.Stream;
import dev.curfew.core.store.SsfStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/** {@link SsfStore} on JDBC (see V5__ssf.sql). */
final class JdbcSsfStore implements SsfStore {
    private static final String COLUMNS = """
            s.id, s.realm_id, s.client_id, s.issuer, s.method, s.endpoint_url, s.authorization_header,
                s.events_requested, s.description, s.status, s.reason, s.inactivity_timeout, s.created_at,
                s.updated_at, s.last_seen_at""";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM ssf_streams s";

    /** Keys bound per statement, well under PostgreSQL's parameter limit. */
    private static final int CHUNK = 500;

    private static final RowMapper<Stream> STREAM = (rs, ctx) -> new Stream(
            rs.getString("id"),
            rs.getString("realm_id"),
            rs.getString("client_id"),
            rs.getString("issuer"),
            Stream.DeliveryMethod.valueOf(rs.getString("method")),
            Columns.optionalString(rs, "endpoint_url"),
            Columns.optionalString(rs, "authorization_header"),
            Columns.optionalString(rs, "events_requested")
                    .map(s -> s.isEmpty() ? List.<String>of() : List.of(s.split("\n", -1))),
            Columns.optionalString(rs, "description"),
            Stream.Status.valueOf(rs.getString("status")),
            Columns.optionalString(rs, "reason"),
            Columns.duration(rs, "inactivity_timeout"),
            Columns.instant(rs, "created_at"),
            Columns.instant(rs, "updated_at"),
            Columns.instant(rs, "last_seen_at"));

    private static final RowMapper<QueuedSet> QUEUED = (rs, ctx) -> new QueuedSet(
            rs.getString("stream_id"), rs.getString("jti"), rs.getString("claims"), Columns.instant(rs, "created_at"));

    private final Handles handles;

    JdbcSsfStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(Stream s) {
        Duplicates.translate(
                () -> handles.withHandle(h -> bind(h.createUpdate("""
                                        INSERT INTO ssf_streams (id, realm_id, client_id, issuer, method, endpoint_url,
                                            authorization_header, events_requested, description, status, reason,
                                            inactivity_timeout, created_at, updated_at, last_seen_at)
                                        VALUES (:id, :realmId, :clientId, :issuer, :method, :endpointUrl,
                                            :authorizationHeader, :eventsRequested, :description, :status, :reason,
                                            :inactivityTimeout, :createdAt, :updatedAt, :lastSeenAt)
                                        """), s)
                        .bind("realmId", s.realmId())
                        .bind("clientId", s.clientId())
                        .bind("issuer", s.issuer())
                        .bind("createdAt", Columns.millis(s.createdAt()))
                        .execute()),
                "a stream with id " + s.id());
    }

    private static Update bind(Update u, Stream s) {
        return u.bind("id", s.id())
                .bind("method", s.method().name())
                .bind("endpointUrl", s.endpointUrl().orElse(null))
                .bind("authorizationHeader", s.authorizationHeader().orElse(null))
                .bind("eventsRequested", s.eventsRequested().map(Columns::lines).orElse(null))
                .bind("description", s.description().orElse(null))
                .bind("status", s.status().name())
                .bind("reason", s.reason().orElse(null))
                .bind("inactivityTimeout", s.inactivityTimeout().toSeconds())
                .bind("updatedAt", Columns.millis(s.updatedAt()))
                .bind("lastSeenAt", Columns.millis(s.lastSeenAt()));
    }

    @Override
    public Optional<Stream> find(String realmId, String streamId) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE s.realm_id = :realmId AND s.id = :id")
                .bind("realmId", realmId)
                .bind("id", streamId)
                .map(STREAM)
                .findOne());
    }

    @Override
    public List<Stream> listByClient(String realmId, String clientId) {
        return handles.withHandle(h -> h.createQuery(SELECT + """
                         WHERE s.realm_id = :realmId AND s.client_id = :clientId ORDER BY s.created_at, s.id
                        """)
                .bind("realmId", realmId)
                .bind("clientId", clientId)
                .map(STREAM)
                .list());
    }

    @Override
    public int countByClient(String realmId, String clientId) {
        return handles.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM ssf_streams WHERE realm_id = :realmId AND client_id = :clientId")
                .bind("realmId", realmId)
                .bind("clientId", clientId)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public List<Stream> listByRealm(String realmId, Page page) {
        return handles.withHandle(h -> h.createQuery(SELECT + """
                         WHERE s.realm_id = :realmId ORDER BY s.created_at, s.id LIMIT :max OFFSET :first
                        """)
                .bind("realmId", realmId)
                .bind("max", page.max())
                .bind("first", page.first())
                .map(STREAM)
                .list());
    }

    @Override
    public List<Stream> receiving(String realmId) {
        return handles.withHandle(h ->
                h.createQuery(SELECT + """
                         JOIN clients c ON c.id = s.client_id
                        WHERE s.realm_id = :realmId AND s.status <> 'DISABLED' AND c.enabled AND c.ssf_receiver
                        ORDER BY s.created_at, s.id
                        """).bind("realmId", realmId).map(STREAM).list());
    }

    @Override
    public boolean update(Stream s) {
        return handles.withHandle(h -> bind(h.createUpdate("""
                                        UPDATE ssf_streams SET method = :method, endpoint_url = :endpointUrl,
                                            authorization_header = :authorizationHeader,
                                            events_requested = :eventsRequested, description = :description,
                                            status = :status, reason = :reason, inactivity_timeout = :inactivityTimeout,
                                            updated_at = :updatedAt,
                                            last_seen_at = GREATEST(last_seen_at, :lastSeenAt)
                                        WHERE realm_id = :realmId AND id = :id
                                        """), s)
                        .bind("realmId", s.realmId())
                        .execute())
                > 0;
    }

    @Override
    public boolean delete(String realmId, String streamId) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM ssf_streams WHERE realm_id = :realmId AND id = :id")
                        .bind("realmId", realmId)
                        .bind("id", streamId)
                        .execute())
                > 0;
    }

    @Override
    public void touch(String streamId, Instant at) {
        handles.useHandle(
                h -> h.createUpdate("UPDATE ssf_streams SET last_seen_at = :at WHERE id = :id AND last_seen_at < :at")
                        .bind("id", streamId)
                        .bind("at", Columns.millis(at))
                        .execute());
    }

    @Override
    public Optional<Instant> recordVerification(String streamId, Instant now, Duration interval) {
        return handles.withHandle(h -> {
            int recorded = h.createUpdate("""
                            UPDATE ssf_streams SET last_verification_at = :now
                            WHERE id = :id AND (last_verification_at IS NULL OR last_verification_at <= :earliest)
                            """)
                    .bind("id", streamId)
                    .bind("now", Columns.millis(now))
                    .bind("earliest", Columns.millis(now.minus(interval)))
                    .execute();
            if (recorded > 0) {
                return Optional.<Instant>empty();
            }
            return h.createQuery("SELECT last_verification_at FROM ssf_streams WHERE id = :id")
                    .bind("id", streamId)
                    .map((rs, ctx) -> Columns.optionalInstant(rs, "last_verification_at"))
                    .findOne()
                    .flatMap(last -> last);
        });
    }

    /** One {@link Batch}: the idle streams' ids first, then those rows (their queues cascade). */
    @Override
    public int deleteInactive(Instant now, int limit) {
        Batch.checkLimit(limit);
        long at = Columns.millis(now);
        return handles.withHandle(h -> {
            List<String> ids = h.createQuery("""
                            SELECT id FROM ssf_streams WHERE last_seen_at + inactivity_timeout * 1000 < :now
                            ORDER BY last_seen_at LIMIT :limit
                            """)
                    .bind("now", at)
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            return h.createUpdate("""
                            DELETE FROM ssf_streams WHERE id IN (<ids>) AND last_seen_at + inactivity_timeout * 1000 < :now
                            """).bindList("ids", ids).bind("now", at).execute();
        });
    }

    @Override
    public long count() {
        return handles.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ssf_streams")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void exclude(String streamId, String subjectKey) {
        handles.useHandle(h -> Duplicates.insertIfAbsent(
                h,
                i -> i.createUpdate("INSERT INTO ssf_excluded_subjects (stream_id, subject_key) VALUES (:stream, :key)")
                        .bind("stream", streamId)
                        .bind("key", subjectKey)
                        .execute()));
    }

    @Override
    public void include(String streamId, String subjectKey) {
        handles.useHandle(h -> h.createUpdate(
                        "DELETE FROM ssf_excluded_subjects WHERE stream_id = :stream AND subject_key = :key")
                .bind("stream", streamId)
                .bind("key", subjectKey)
                .execute());
    }

    @Override
    public Map<String, Set<String>> excluded(Collection<String> streamIds) {
        if (streamIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(streamIds));
        Map<String, Set<String>> result = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            handles.useHandle(h -> h.createQuery(
                            "SELECT stream_id, subject_key FROM ssf_excluded_subjects WHERE stream_id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> result.computeIfAbsent(rs.getString("stream_id"), k -> new java.util.HashSet<>())
                            .add(rs.getString("subject_key")))
                    .list());
        }
        return result;
    }

    /** A duplicate (stream, jti) is the idempotency case: nothing happens, and the transaction goes on. */
    @Override
    public int enqueue(Collection<QueuedSet> sets) {
        List<QueuedSet> all = List.copyOf(sets);
        int added = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<QueuedSet> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            added += handles.withHandle(h -> {
                PreparedBatch batch = h.prepareBatch("""
                        INSERT INTO ssf_queue (stream_id, jti, claims, created_at)
                        VALUES (:stream, :jti, :claims, :createdAt)
                        ON CONFLICT DO NOTHING
                        """);
                for (QueuedSet q : chunk) {
                    batch.bind("stream", q.streamId())
                            .bind("jti", q.jti())
                            .bind("claims", q.claims())
                            .bind("createdAt", Columns.millis(q.createdAt()))
                            .add();
                }
                return Batch.added(batch.execute());
            });
        }
        return added;
    }

    @Override
    public List<QueuedSet> next(String streamId, int limit) {
        Batch.checkLimit(limit);
        return handles.withHandle(h -> h.createQuery("""
                        SELECT stream_id, jti, claims, created_at FROM ssf_queue WHERE stream_id = :stream
                        ORDER BY seq LIMIT :limit
                        """)
                .bind("stream", streamId)
                .bind("limit", limit)
                .map(QUEUED)
                .list());
    }

    @Override
    public int remove(String streamId, Collection<String> jtis) {
        List<String> all = List.copyOf(new LinkedHashSet<>(jtis));
        int removed = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            removed += handles.withHandle(
                    h -> h.createUpdate("DELETE FROM ssf_queue WHERE stream_id = :stream AND jti IN (<jtis>)")
                            .bind("stream", streamId)
                            .bindList("jtis", chunk)
                            .execute());
        }
        return removed;
    }

    @Override
    public int clear(String streamId) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM ssf_queue WHERE stream_id = :stream")
                .bind("stream", streamId)
                .execute());
    }

    @Override
    public long queued(String streamId) {
        return handles.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ssf_queue WHERE stream_id = :stream")
                .bind("stream", streamId)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<EndedSession> recordEnded(Collection<String> sessionIds, Instant at) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(sessionIds));
        List<EndedSession> ended = new ArrayList<>();
        long millis = Columns.millis(at);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            handles.useHandle(h -> ended.addAll(recordChunk(h, chunk, millis, at)));
        }
        return ended;
    }

    private static List<EndedSession> recordChunk(Handle h, List<String> ids, long millis, Instant at) {
        List<EndedSession> existing = h.createQuery("SELECT id, user_id FROM user_sessions WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> new EndedSession(rs.getString("id"), rs.getString("user_id"), at))
                .list();
        if (existing.isEmpty()) {
            return existing;
        }
        PreparedBatch batch = h.prepareBatch("""
                UPDATE revoked_sessions SET user_id = :userId, revoked_at = :at
                WHERE session_id = :id AND revoked_at IS NULL
                """);
        for (EndedSession e : existing) {
            batch.bind("id", e.sessionId())
                    .bind("userId", e.userId())
                    .bind("at", millis)
                    .add();
        }
        batch.execute();
        return existing;
    }

    @Override
    public CutOffsSince cutOffsSince(String realmId, Instant since) {
        long from = Columns.millis(since);
        return handles.withHandle(h -> new CutOffsSince(
                h.createQuery("SELECT not_before FROM realms WHERE id = :realmId AND not_before >= :since")
                        .bind("realmId", realmId)
                        .bind("since", from)
                        .mapTo(Long.class)
                        .findOne()
                        .map(Instant::ofEpochMilli),
                times(h, "SELECT client_id AS k, not_before AS t FROM clients", realmId, from),
                times(h, "SELECT id AS k, not_before AS t FROM users", realmId, from)));
    }

    private static Map<String, Instant> times(Handle h, String select, String realmId, long since) {
        Map<String, Instant> times = new java.util.LinkedHashMap<>();
        h.createQuery(select + " WHERE realm_id = :realmId AND not_before >= :since ORDER BY not_before")
                .bind("realmId", realmId)
                .bind("since", since)
                .map((rs, ctx) -> times.put(rs.getString("k"), Columns.instant(rs, "t")))
                .list();
        return times;
    }

    @Override
    public List<EndedSession> endedSessions(String realmId, Instant now) {
        return handles.withHandle(h -> h.createQuery("""
                        SELECT session_id, user_id, revoked_at FROM revoked_sessions
                        WHERE realm_id = :realmId AND revoked_until > :now AND revoked_at IS NOT NULL
                            AND user_id IS NOT NULL
                        ORDER BY revoked_at, session_id
                        """)
                .bind("realmId", realmId)
                .bind("now", Columns.millis(now))
                .map((rs, ctx) -> new EndedSession(
                        rs.getString("session_id"), rs.getString("user_id"), Columns.instant(rs, "revoked_at")))
                .list());
    }
}
