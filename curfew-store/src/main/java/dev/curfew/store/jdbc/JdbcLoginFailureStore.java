package dev.curfew.store.jdbc;

import dev.curfew.core.bruteforce.LoginFailure;
import dev.curfew.core.bruteforce.UserLoginFailure;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.LoginFailureStore;
import dev.curfew.core.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link LoginFailureStore} on JDBC: one row per user, locked with {@code SELECT ... FOR UPDATE} to count. */
final class JdbcLoginFailureStore implements LoginFailureStore {
    private static final String COLUMNS =
            "f.user_id, f.realm_id, f.num_failures, f.last_failure, f.last_ip, f.locked_until, f.locked_permanently";

    private static final RowMapper<LoginFailure> FAILURE = (rs, ctx) -> new LoginFailure(
            rs.getString("realm_id"),
            rs.getString("user_id"),
            rs.getInt("num_failures"),
            Columns.optionalInstant(rs, "last_failure"),
            Columns.optionalString(rs, "last_ip"),
            Columns.optionalInstant(rs, "locked_until"),
            rs.getBoolean("locked_permanently"));

    private static final RowMapper<UserLoginFailure> WITH_USER = (rs, ctx) -> new UserLoginFailure(
            new User(
                    rs.getString("user_id"),
                    rs.getString("realm_id"),
                    rs.getString("username"),
                    Columns.optionalString(rs, "email"),
                    Columns.optionalString(rs, "first_name"),
                    Columns.optionalString(rs, "last_name"),
                    rs.getBoolean("enabled"),
                    Columns.optionalInstant(rs, "not_before"),
                    Columns.instant(rs, "created_at")),
            FAILURE.map(rs, ctx));

    /** Locked at :now: a temporary lock in force, or a permanent lockout of a user still disabled. */
    private static final String LOCKED =
            "(f.locked_until > :now OR (f.locked_permanently = TRUE AND u.enabled = FALSE))";

    private final Handles handles;

    JdbcLoginFailureStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public Optional<LoginFailure> find(String userId) {
        return handles.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM login_failures f WHERE user_id = :id")
                .bind("id", userId)
                .map(FAILURE)
                .findOne());
    }

    /** As the audit head: select for update, else insert (a concurrent insert may win) and select again. */
    @Override
    public LoginFailure lock(String realmId, String userId) {
        return handles.inTransaction(h -> {
            Optional<LoginFailure> found = selectForUpdate(h, userId);
            if (found.isPresent()) {
                return found.get();
            }
            Duplicates.insertIfAbsent(
                    h,
                    i -> i.createUpdate("""
                                    INSERT INTO login_failures (user_id, realm_id, num_failures, locked_permanently)
                                    VALUES (:userId, :realmId, 0, FALSE)
                                    """)
                            .bind("userId", userId)
                            .bind("realmId", realmId)
                            .execute());
            return selectForUpdate(h, userId)
                    .orElseThrow(() -> new IllegalStateException("the login failures of user " + userId + " vanished"));
        });
    }

    private static Optional<LoginFailure> selectForUpdate(Handle h, String userId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM login_failures f WHERE user_id = :id FOR UPDATE")
                .bind("id", userId)
                .map(FAILURE)
                .findOne();
    }

    @Override
    public void save(LoginFailure failure) {
        handles.useHandle(h -> h.createUpdate("""
                        UPDATE login_failures SET num_failures = :numFailures, last_failure = :lastFailure,
                            last_ip = :lastIp, locked_until = :lockedUntil, locked_permanently = :lockedPermanently
                        WHERE user_id = :userId
                        """)
                .bind("userId", failure.userId())
                .bind("numFailures", failure.numFailures())
                .bind("lastFailure", Columns.millis(failure.lastFailure()))
                .bind("lastIp", failure.lastIp().orElse(null))
                .bind("lockedUntil", Columns.millis(failure.lockedUntil()))
                .bind("lockedPermanently", failure.lockedPermanently())
                .execute());
    }

    @Override
    public boolean delete(String userId) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE user_id = :id")
                        .bind("id", userId)
                        .execute())
                > 0;
    }

    @Override
    public long deleteAll(String realmId) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM login_failures WHERE realm_id = :realmId")
                .bind("realmId", realmId)
                .execute());
    }

    @Override
    public List<UserLoginFailure> list(String realmId, Optional<Instant> lockedAt, Page page) {
        Where where = where(realmId, lockedAt);
        return handles.withHandle(h -> where.bind(h.createQuery("SELECT " + COLUMNS
                        + ", u.username, u.email, u.first_name, u.last_name, u.enabled, u.not_before,"
                        + " u.created_at FROM login_failures f JOIN users u ON u.id = f.user_id"
                        + where.sql()
                        + " ORDER BY f.last_failure DESC NULLS LAST, f.user_id LIMIT :max OFFSET :first"))
                .bind("max", page.max())
                .bind("first", page.first())
                .map(WITH_USER)
                .list());
    }

    @Override
    public long count(String realmId, Optional<Instant> lockedAt) {
        Where where = where(realmId, lockedAt);
        return handles.withHandle(h -> where.bind(h.createQuery(
                        "SELECT COUNT(*) FROM login_failures f JOIN users u ON u.id = f.user_id" + where.sql()))
                .mapTo(Long.class)
                .one());
    }

    private static Where where(String realmId, Optional<Instant> lockedAt) {
        Where where = new Where().and("f.realm_id = :realmId", "realmId", realmId);
        lockedAt.ifPresent(now -> where.and(LOCKED, "now", Columns.millis(now)));
        return where;
    }
}
