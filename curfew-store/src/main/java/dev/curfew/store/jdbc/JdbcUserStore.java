package dev.curfew.store.jdbc;

import dev.curfew.core.store.UserQuery;
import dev.curfew.core.store.UserStore;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcUserStore implements UserStore {
    /** The columns {@link #USER} reads, for queries that join users to something else. */
    static final String COLUMNS =
            "id, realm_id, username, email, first_name, last_name, enabled, not_before, created_at";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM users ";

    private static final String INSERT = """
            INSERT INTO users (id, realm_id, username, email, first_name, last_name, enabled, not_before, created_at)
            VALUES (:id, :realmId, :username, :email, :firstName, :lastName, :enabled, :notBefore, :createdAt)
            """;

    /** Never moves the cut-off back ({@link NotBefore}), even when the record was read before a sign-out. */
    private static final String UPDATE = """
            UPDATE users SET email = :email, first_name = :firstName, last_name = :lastName, enabled = :enabled,
                not_before = CASE WHEN not_before IS NULL OR not_before < :notBefore THEN :notBefore ELSE not_before END
            WHERE realm_id = :realmId AND id = :id
            """;

    /** Substring of username, email, first or last name, whatever the case. */
    private static final String SEARCH = """
            (LOWER(username) LIKE :pattern ESCAPE '!' OR LOWER(email) LIKE :pattern ESCAPE '!'
                OR LOWER(first_name) LIKE :pattern ESCAPE '!' OR LOWER(last_name) LIKE :pattern ESCAPE '!')""";

    static final RowMapper<User> USER = (rs, ctx) -> new User(
            rs.getString("id"),
            rs.getString("realm_id"),
            rs.getString("username"),
            Columns.optionalString(rs, "email"),
            Columns.optionalString(rs, "first_name"),
            Columns.optionalString(rs, "last_name"),
            rs.getBoolean("enabled"),
            Columns.optionalInstant(rs, "not_before"),
            Columns.instant(rs, "created_at"));

    private final Handles handles;

    JdbcUserStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(User user) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate(INSERT)
                        .bind("id", user.id())
                        .bind("realmId", user.realmId())
                        .bind("username", user.username())
                        .bind("email", user.email().orElse(null))
                        .bind("firstName", user.firstName().orElse(null))
                        .bind("lastName", user.lastName().orElse(null))
                        .bind("enabled", user.enabled())
                        .bind("notBefore", Columns.millis(user.notBefore()))
                        .bind("createdAt", Columns.millis(user.createdAt()))
                        .execute()),
                "the realm already has a user named '" + user.username() + "'");
    }

    @Override
    public Optional<User> findById(String realmId, String id) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND id = :id")
                .bind("realmId", realmId)
                .bind("id", id)
                .map(USER)
                .findOne());
    }

    @Override
    public Optional<User> findByUsername(String realmId, String username) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND username = :username")
                .bind("realmId", realmId)
                .bind("username", Username.normalize(username))
                .map(USER)
                .findOne());
    }

    @Override
    public List<User> search(UserQuery query) {
        Where where = where(query);
        return handles.withHandle(
                h -> where.bind(h.createQuery(SELECT + where.sql() + " ORDER BY username LIMIT :max OFFSET :first"))
                        .bind("max", query.page().max())
                        .bind("first", query.page().first())
                        .map(USER)
                        .list());
    }

    @Override
    public long count(UserQuery query) {
        Where where = where(query);
        return handles.withHandle(h -> where.bind(h.createQuery("SELECT COUNT(*) FROM users" + where.sql()))
                .mapTo(Long.class)
                .one());
    }

    @Override
    public boolean update(User user) {
        return handles.withHandle(h -> h.createUpdate(UPDATE)
                        .bind("id", user.id())
                        .bind("realmId", user.realmId())
                        .bind("email", user.email().orElse(null))
                        .bind("firstName", user.firstName().orElse(null))
                        .bind("lastName", user.lastName().orElse(null))
                        .bind("enabled", user.enabled())
                        .bind("notBefore", Columns.millis(user.notBefore()))
                        .execute())
                > 0;
    }

    /** Cascades to the user's password, grants, sessions and, through the sessions, tokens. */
    @Override
    public boolean delete(String realmId, String id) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM users WHERE realm_id = :realmId AND id = :id")
                        .bind("realmId", realmId)
                        .bind("id", id)
                        .execute())
                > 0;
    }

    @Override
    public Optional<String> passwordHash(String userId) {
        return handles.withHandle(h -> h.createQuery("SELECT hash FROM user_passwords WHERE user_id = :userId")
                .bind("userId", userId)
                .mapTo(String.class)
                .findOne());
    }

    @Override
    public void setPasswordHash(String userId, String encodedHash) {
        handles.useHandle(h -> Duplicates.upsert(
                h,
                u -> u.createUpdate("UPDATE user_passwords SET hash = :hash WHERE user_id = :userId")
                        .bind("userId", userId)
                        .bind("hash", encodedHash)
                        .execute(),
                i -> i.createUpdate("INSERT INTO user_passwords (user_id, hash) VALUES (:userId, :hash)")
                        .bind("userId", userId)
                        .bind("hash", encodedHash)
                        .execute()));
    }

    /** Only moves the cut-off forward ({@link NotBefore}). */
    @Override
    public void setNotBefore(String realmId, String id, Instant cutOff) {
        handles.useHandle(h -> NotBefore.update(h, "users", "realm_id = :realmId AND id = :id", cutOff)
                .bind("realmId", realmId)
                .bind("id", id)
                .execute());
    }

    @Override
    public SortedSet<RequiredAction> requiredActions(String userId) {
        List<String> names = handles.withHandle(
                h -> h.createQuery("SELECT action FROM user_required_actions WHERE user_id = :userId")
                        .bind("userId", userId)
                        .mapTo(String.class)
                        .list());
        SortedSet<RequiredAction> actions = new TreeSet<>();
        // A name this version does not know (written by a newer one) is left for that version.
        names.forEach(name -> RequiredAction.fromName(name).ifPresent(actions::add));
        return actions;
    }

    @Override
    public java.util.List<String> passwordHistory(String userId, int limit) {
        return handles.withHandle(h -> h.createQuery(
                        "SELECT hash FROM password_history WHERE user_id = :userId" + " ORDER BY seq DESC LIMIT :limit")
                .bind("userId", userId)
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
    }

    @Override
    public void rememberPassword(String userId, String hash, java.time.Instant at, int keep) {
        handles.useHandle(h -> {
            h.createUpdate("INSERT INTO password_history (user_id, set_at, hash) VALUES (:userId, :at, :hash)")
                    .bind("userId", userId)
                    .bind("at", Columns.millis(at))
                    .bind("hash", hash)
                    .execute();
            // The newest `keep` stay; the rest are older than the oldest of those.
            java.util.List<Long> kept = h.createQuery("SELECT seq FROM password_history WHERE user_id = :userId"
                            + " ORDER BY seq DESC LIMIT :keep")
                    .bind("userId", userId)
                    .bind("keep", keep)
                    .mapTo(Long.class)
                    .list();
            if (kept.size() == keep) {
                h.createUpdate("DELETE FROM password_history WHERE user_id = :userId AND seq < :oldest")
                        .bind("userId", userId)
                        .bind("oldest", kept.get(kept.size() - 1))
                        .execute();
            }
        });
    }

    @Override
    public void setRequiredActions(String userId, Set<RequiredAction> actions) {
        handles.useHandle(h -> {
            h.createUpdate("DELETE FROM user_required_actions WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute();
            for (RequiredAction action : actions) {
                h.createUpdate("INSERT INTO user_required_actions (user_id, action) VALUES (:userId, :action)")
                        .bind("userId", userId)
                        .bind("action", action.name())
                        .execute();
            }
        });
    }

    @Override
    public int addRequiredAction(String realmId, Set<String> userIds, RequiredAction action) {
        Where where = new Where()
                .and("u.realm_id = :realmId", "realmId", realmId)
                .and("NOT EXISTS (SELECT 1 FROM user_required_actions a WHERE a.user_id = u.id AND a.action = :action)")
                .with("action", action.name());
        if (!userIds.isEmpty()) {
            where.andIn("u.id IN (<userIds>)", "userIds", userIds);
        }
        return handles.withHandle(h -> where.bind(h.createUpdate(
                        "INSERT INTO user_required_actions (user_id, action) SELECT u.id, :action FROM users u"
                                + where.sql()))
                .execute());
    }

    private static Where where(UserQuery query) {
        Where where = new Where().and("realm_id = :realmId", "realmId", query.realmId());
        query.search()
                .map(search -> search.strip().toLowerCase(Locale.ROOT))
                .filter(search -> !search.isEmpty())
                .ifPresent(search -> where.and(SEARCH, "pattern", "%" + Where.escapeLike(search) + "%"));
        query.username()
                .ifPresent(username -> where.and("username = :username", "username", Username.normalize(username)));
        // Exact, but regardless of case: mail systems treat addresses that way in practice.
        query.email().ifPresent(email -> where.and("LOWER(email) = :email", "email", email.toLowerCase(Locale.ROOT)));
        return where;
    }
}
