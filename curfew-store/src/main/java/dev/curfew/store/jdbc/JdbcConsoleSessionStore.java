package dev.curfew.store.jdbc;

import dev.curfew.core.console.StoredConsoleSession;
import dev.curfew.core.store.ConsoleSessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link ConsoleSessionStore} on JDBC: one row per session, by the hash of its secret. */
final class JdbcConsoleSessionStore implements ConsoleSessionStore {
    private static final RowMapper<StoredConsoleSession> ROW = (rs, ctx) -> new StoredConsoleSession(
            rs.getString("id_hash"),
            StoredConsoleSession.Kind.valueOf(rs.getString("kind")),
            rs.getString("realm_id"),
            rs.getString("data"),
            Columns.instant(rs, "expires_at"));

    private static final String SELECT = """
            SELECT id_hash, kind, realm_id, data, expires_at FROM console_sessions
            WHERE id_hash = :idHash AND kind = :kind AND expires_at > :now""";

    private final Handles handles;

    JdbcConsoleSessionStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(StoredConsoleSession s) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate("""
                                INSERT INTO console_sessions (id_hash, kind, realm_id, data, expires_at)
                                VALUES (:idHash, :kind, :realmId, :data, :expiresAt)""")
                        .bind("idHash", s.idHash())
                        .bind("kind", s.kind().name())
                        .bind("realmId", s.realmId())
                        .bind("data", s.data())
                        .bind("expiresAt", s.expiresAt().toEpochMilli())
                        .execute()),
                "a console session with this secret already exists");
    }

    @Override
    public Optional<StoredConsoleSession> find(StoredConsoleSession.Kind kind, String idHash, Instant now) {
        return handles.withHandle(h -> h.createQuery(SELECT)
                .bind("idHash", idHash)
                .bind("kind", kind.name())
                .bind("now", now.toEpochMilli())
                .map(ROW)
                .findOne());
    }

    @Override
    public boolean update(StoredConsoleSession.Kind kind, String idHash, String data, Instant expiresAt) {
        return handles.withHandle(h -> h.createUpdate("""
                                UPDATE console_sessions SET data = :data, expires_at = :expiresAt
                                WHERE id_hash = :idHash AND kind = :kind""")
                        .bind("idHash", idHash)
                        .bind("kind", kind.name())
                        .bind("data", data)
                        .bind("expiresAt", expiresAt.toEpochMilli())
                        .execute())
                > 0;
    }

    @Override
    public boolean delete(StoredConsoleSession.Kind kind, String idHash) {
        return handles.withHandle(
                        h -> h.createUpdate("DELETE FROM console_sessions WHERE id_hash = :idHash AND kind = :kind")
                                .bind("idHash", idHash)
                                .bind("kind", kind.name())
                                .execute())
                > 0;
    }

    /** Found, then deleted in the same transaction: of callers taking it at once, one deletes it and gets it. */
    @Override
    public Optional<StoredConsoleSession> take(StoredConsoleSession.Kind kind, String idHash, Instant now) {
        return handles.inTransaction(h -> {
            Optional<StoredConsoleSession> found = h.createQuery(SELECT)
                    .bind("idHash", idHash)
                    .bind("kind", kind.name())
                    .bind("now", now.toEpochMilli())
                    .map(ROW)
                    .findOne();
            if (found.isEmpty()) {
                return found;
            }
            int deleted = h.createUpdate("DELETE FROM console_sessions WHERE id_hash = :idHash AND kind = :kind")
                    .bind("idHash", idHash)
                    .bind("kind", kind.name())
                    .execute();
            return deleted == 1 ? found : Optional.empty();
        });
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        Batch.checkLimit(limit);
        return handles.withHandle(h -> {
            List<String> keys = h.createQuery(
                            "SELECT id_hash FROM console_sessions WHERE expires_at <= :now LIMIT :limit")
                    .bind("now", now.toEpochMilli())
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (keys.isEmpty()) {
                return 0;
            }
            return h.createUpdate("DELETE FROM console_sessions WHERE id_hash IN (<keys>) AND expires_at <= :now")
                    .bindList("keys", keys)
                    .bind("now", now.toEpochMilli())
                    .execute();
        });
    }
}
