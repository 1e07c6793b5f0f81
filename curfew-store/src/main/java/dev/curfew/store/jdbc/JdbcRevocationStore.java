package dev.curfew.store.jdbc;

import dev.curfew.core.store.RevocationStore;
import dev.curfew.core.validity.RevocationState;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

final class JdbcRevocationStore implements RevocationStore {
    /** Never shortens how long a session id is remembered. */
    private static final String EXTEND = """
            UPDATE revoked_sessions SET revoked_until = GREATEST(revoked_until, :until)
            WHERE session_id IN (<ids>)
            """;

    private final Handles handles;

    JdbcRevocationStore(Handles handles) {
        this.handles = handles;
    }

    /**
     * Updates the ids already remembered (keeping the later time) and inserts the others, in chunks of
     * {@link JdbcSessionStore#DELETE_CHUNK}; without a database-specific upsert (see {@link Duplicates#upsert}).
     */
    @Override
    public void revokeSessions(String realmId, Collection<String> sessionIds, Instant until) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(sessionIds));
        for (int from = 0; from < ids.size(); from += JdbcSessionStore.DELETE_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + JdbcSessionStore.DELETE_CHUNK));
            handles.useHandle(h -> revoke(h, realmId, chunk, Columns.millis(until)));
        }
    }

    /**
     * Extends the rows that are there, inserts the others. The rows are read first and only those read are extended:
     * extending first and reading after would miss a row a concurrent call inserts in between (found present, never
     * extended, so its later time lost). When rows came or went meanwhile — a concurrent call inserted some of the
     * missing ones, or housekeeping purged an expired one — each id is done on its own.
     */
    private static void revoke(Handle h, String realmId, List<String> ids, long until) {
        Set<String> present =
                new HashSet<>(h.createQuery("SELECT session_id FROM revoked_sessions WHERE session_id IN (<ids>)")
                        .bindList("ids", ids)
                        .mapTo(String.class)
                        .list());
        int extended = present.isEmpty()
                ? 0
                : h.createUpdate(EXTEND)
                        .bindList("ids", List.copyOf(present))
                        .bind("until", until)
                        .execute();
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(present);
        boolean done = extended == present.size()
                && (missing.isEmpty() || Duplicates.insertIfAbsent(h, i -> insert(i, realmId, missing, until)));
        if (!done) {
            for (String id : ids) {
                Duplicates.upsert(
                        h,
                        u -> u.createUpdate(EXTEND)
                                .bindList("ids", List.of(id))
                                .bind("until", until)
                                .execute(),
                        i -> insert(i, realmId, Set.of(id), until));
            }
        }
    }

    private static void insert(Handle h, String realmId, Set<String> ids, long until) {
        PreparedBatch batch = h.prepareBatch(
                "INSERT INTO revoked_sessions (session_id, realm_id, revoked_until) VALUES (:id, :realmId, :until)");
        for (String id : ids) {
            batch.bind("id", id).bind("realmId", realmId).bind("until", until).add();
        }
        batch.execute();
    }

    /**
     * Five reads on one connection. They need not be one consistent snapshot: a cut-off or revocation
     * written meanwhile also reaches the nodes as a change, and {@link RevocationState#replaceAll} keeps the
     * later of the two.
     */
    @Override
    public RevocationState.Snapshot snapshot(Instant now) {
        return handles.withHandle(h -> new RevocationState.Snapshot(
                cutOffs(h, "realms"),
                cutOffs(h, "clients"),
                cutOffs(h, "users"),
                times(h.createQuery(
                                "SELECT session_id AS k, revoked_until AS t FROM revoked_sessions WHERE revoked_until > :now")
                        .bind("now", Columns.millis(now))),
                times(h.createQuery(
                                "SELECT jti AS k, expires_at AS t FROM revoked_access_tokens WHERE expires_at > :now")
                        .bind("now", Columns.millis(now)))));
    }

    private static Map<String, Instant> cutOffs(Handle h, String table) {
        return times(h.createQuery("SELECT id AS k, not_before AS t FROM " + table + " WHERE not_before IS NOT NULL"));
    }

    private static Map<String, Instant> times(Query query) {
        return Map.copyOf(query.reduceRows(new HashMap<String, Instant>(), (map, row) -> {
            map.put(row.getColumn("k", String.class), Instant.ofEpochMilli(row.getColumn("t", Long.class)));
            return map;
        }));
    }

    /**
     * One {@link Batch}: ids remembered until {@code now} or before are no longer needed (a token is valid
     * only strictly before its expiry, and the snapshot loads only {@code revoked_until > now}).
     */
    @Override
    public int purgeExpired(Instant now, int limit) {
        Batch.checkLimit(limit);
        return handles.withHandle(h -> {
            List<String> ids = h.createQuery(
                            "SELECT session_id FROM revoked_sessions WHERE revoked_until <= :now LIMIT :limit")
                    .bind("now", Columns.millis(now))
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            return h.createUpdate("DELETE FROM revoked_sessions WHERE session_id IN (<ids>) AND revoked_until <= :now")
                    .bindList("ids", ids)
                    .bind("now", Columns.millis(now))
                    .execute();
        });
    }
}
