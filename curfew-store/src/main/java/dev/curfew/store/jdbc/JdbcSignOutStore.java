package dev.curfew.store.jdbc;

import dev.curfew.core.session.Page;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.SignOutStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcSignOutStore implements SignOutStore {
    private static final String SELECT = """
            SELECT id, realm_id, scope_type, scope_detail, reason, actor_id, actor_username, privilege, request_id,
                source_ip, cut_off, affected_sessions, status, created_at, completed_at, error
            FROM sign_outs
            """;

    private static final String INSERT = """
            INSERT INTO sign_outs (id, realm_id, scope_type, scope_detail, reason, actor_id, actor_username,
                privilege, request_id, source_ip, cut_off, affected_sessions, status, created_at, completed_at, error)
            VALUES (:id, :realmId, :scopeType, :scopeDetail, :reason, :actorId, :actorUsername, :privilege,
                :requestId, :sourceIp, :cutOff, :affectedSessions, :status, :createdAt, :completedAt, :error)
            """;

    /** Newest first; the id breaks ties so that pages neither repeat nor skip sign-outs. */
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";

    private static final RowMapper<SignOut> SIGN_OUT = (rs, ctx) -> new SignOut(
            rs.getString("id"),
            rs.getString("realm_id"),
            rs.getString("scope_type"),
            rs.getString("scope_detail"),
            rs.getString("reason"),
            rs.getString("actor_id"),
            rs.getString("actor_username"),
            rs.getString("privilege"),
            rs.getString("request_id"),
            rs.getString("source_ip"),
            Columns.optionalInstant(rs, "cut_off"),
            rs.getLong("affected_sessions"),
            SignOut.Status.valueOf(rs.getString("status")),
            Columns.instant(rs, "created_at"),
            Columns.optionalInstant(rs, "completed_at"),
            Columns.optionalString(rs, "error"));

    private final Handles handles;

    JdbcSignOutStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(SignOut signOut) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate(INSERT)
                        .bind("id", signOut.id())
                        .bind("realmId", signOut.realmId())
                        .bind("scopeType", signOut.scopeType())
                        .bind("scopeDetail", signOut.scopeDetail())
                        .bind("reason", signOut.reason())
                        .bind("actorId", signOut.actorId())
                        .bind("actorUsername", signOut.actorUsername())
                        .bind("privilege", signOut.privilege())
                        .bind("requestId", signOut.requestId())
                        .bind("sourceIp", signOut.sourceIp())
                        .bind("cutOff", Columns.millis(signOut.cutOff()))
                        .bind("affectedSessions", signOut.affectedSessions())
                        .bind("status", signOut.status().name())
                        .bind("createdAt", Columns.millis(signOut.createdAt()))
                        .bind("completedAt", Columns.millis(signOut.completedAt()))
                        .bind("error", signOut.error().orElse(null))
                        .execute()),
                "a sign-out with id '" + signOut.id() + "' already exists");
    }

    /**
     * Only what changes while a sign-out runs or when it ends; who asked for it, and why, are history. A
     * sign-out that ends gives up its lease.
     */
    @Override
    public boolean update(SignOut signOut) {
        return handles.withHandle(h -> h.createUpdate("""
                                UPDATE sign_outs SET status = :status, affected_sessions = :affectedSessions,
                                    completed_at = :completedAt, error = :error,
                                    lease_owner = CASE WHEN :running THEN lease_owner END,
                                    lease_until = CASE WHEN :running THEN lease_until END
                                WHERE realm_id = :realmId AND id = :id
                                """)
                        .bind("realmId", signOut.realmId())
                        .bind("id", signOut.id())
                        .bind("status", signOut.status().name())
                        .bind("running", signOut.status() == SignOut.Status.RUNNING)
                        .bind("affectedSessions", signOut.affectedSessions())
                        .bind("completedAt", Columns.millis(signOut.completedAt()))
                        .bind("error", signOut.error().orElse(null))
                        .execute())
                > 0;
    }

    @Override
    public Optional<SignOut> find(String realmId, String id) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND id = :id")
                .bind("realmId", realmId)
                .bind("id", id)
                .map(SIGN_OUT)
                .findOne());
    }

    @Override
    public List<SignOut> list(String realmId, Page page) {
        return handles.withHandle(
                h -> h.createQuery(SELECT + " WHERE realm_id = :realmId" + NEWEST_FIRST + " LIMIT :max OFFSET :first")
                        .bind("realmId", realmId)
                        .bind("max", page.max())
                        .bind("first", page.first())
                        .map(SIGN_OUT)
                        .list());
    }

    @Override
    public long count(String realmId) {
        return handles.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sign_outs WHERE realm_id = :realmId")
                .bind("realmId", realmId)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<SignOut> running() {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE status = :status ORDER BY created_at, id")
                .bind("status", SignOut.Status.RUNNING.name())
                .map(SIGN_OUT)
                .list());
    }

    @Override
    public List<SignOut> unleased(Instant now) {
        return handles.withHandle(h -> h.createQuery(SELECT + """
                         WHERE status = :status AND (lease_until IS NULL OR lease_until < :now)
                        ORDER BY created_at, id""")
                .bind("status", SignOut.Status.RUNNING.name())
                .bind("now", now.toEpochMilli())
                .map(SIGN_OUT)
                .list());
    }

    @Override
    public boolean claim(String realmId, String id, String owner, Instant now, Instant until) {
        return handles.withHandle(h -> h.createUpdate("""
                                UPDATE sign_outs SET lease_owner = :owner, lease_until = :until
                                WHERE realm_id = :realmId AND id = :id AND status = :status
                                    AND (lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)
                                """)
                        .bind("realmId", realmId)
                        .bind("id", id)
                        .bind("status", SignOut.Status.RUNNING.name())
                        .bind("owner", owner)
                        .bind("now", now.toEpochMilli())
                        .bind("until", until.toEpochMilli())
                        .execute())
                > 0;
    }

    @Override
    public boolean renew(String realmId, String id, String owner, Instant until) {
        return handles.withHandle(h -> h.createUpdate("""
                                UPDATE sign_outs SET lease_until = :until
                                WHERE realm_id = :realmId AND id = :id AND status = :status AND lease_owner = :owner
                                """)
                        .bind("realmId", realmId)
                        .bind("id", id)
                        .bind("status", SignOut.Status.RUNNING.name())
                        .bind("owner", owner)
                        .bind("until", until.toEpochMilli())
                        .execute())
                > 0;
    }

    @Override
    public boolean lockIfHeld(String realmId, String id, String owner) {
        return handles.withHandle(h -> h.createQuery("""
                                SELECT id FROM sign_outs
                                WHERE realm_id = :realmId AND id = :id AND status = :status AND lease_owner = :owner
                                FOR UPDATE""")
                .bind("realmId", realmId)
                .bind("id", id)
                .bind("status", SignOut.Status.RUNNING.name())
                .bind("owner", owner)
                .mapTo(String.class)
                .findOne()
                .isPresent());
    }
}
