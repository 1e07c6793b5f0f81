package dev.curfew.store.jdbc;

import dev.curfew.core.group.Group;
import dev.curfew.core.group.GroupLifetimes;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.GroupStore;
import dev.curfew.core.user.User;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

final class JdbcGroupStore implements GroupStore {
    private static final String SELECT = "SELECT id, realm_id, name, created_at FROM user_groups";

    private static final RowMapper<Group> GROUP = (rs, ctx) -> new Group(
            rs.getString("id"), rs.getString("realm_id"), rs.getString("name"), Columns.instant(rs, "created_at"));

    private final Handles handles;

    JdbcGroupStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void create(Group group) {
        Duplicates.translate(
                () -> handles.withHandle(h -> h.createUpdate("""
                                INSERT INTO user_groups (id, realm_id, name, created_at)
                                VALUES (:id, :realmId, :name, :createdAt)
                                """)
                        .bind("id", group.id())
                        .bind("realmId", group.realmId())
                        .bind("name", group.name())
                        .bind("createdAt", group.createdAt().toEpochMilli())
                        .execute()),
                "the realm already has a group named '" + group.name() + "'");
    }

    @Override
    public Optional<Group> find(String realmId, String id) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND id = :id")
                .bind("realmId", realmId)
                .bind("id", id)
                .map(GROUP)
                .findOne());
    }

    @Override
    public Optional<Group> findByName(String realmId, String name) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND name = :name")
                .bind("realmId", realmId)
                .bind("name", name)
                .map(GROUP)
                .findOne());
    }

    @Override
    public List<Group> list(String realmId, Optional<String> search, Page page) {
        Where where = where(realmId, search);
        return handles.withHandle(
                h -> where.bind(h.createQuery(SELECT + where.sql() + " ORDER BY name LIMIT :max OFFSET :first"))
                        .bind("max", page.max())
                        .bind("first", page.first())
                        .map(GROUP)
                        .list());
    }

    @Override
    public long count(String realmId, Optional<String> search) {
        Where where = where(realmId, search);
        return handles.withHandle(h -> where.bind(h.createQuery("SELECT COUNT(*) FROM user_groups" + where.sql()))
                .mapTo(Long.class)
                .one());
    }

    @Override
    public boolean rename(String realmId, String id, String name) {
        return Duplicates.translate(
                () -> handles.withHandle(
                                h -> h.createUpdate("UPDATE user_groups SET name = :name WHERE realm_id = :realmId"
                                                + " AND id = :id")
                                        .bind("realmId", realmId)
                                        .bind("id", id)
                                        .bind("name", name)
                                        .execute())
                        > 0,
                "the realm already has a group named '" + name + "'");
    }

    /** Cascades to the memberships (V26__groups.sql). */
    @Override
    public boolean delete(String realmId, String id) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM user_groups WHERE realm_id = :realmId AND id = :id")
                        .bind("realmId", realmId)
                        .bind("id", id)
                        .execute())
                > 0;
    }

    @Override
    public boolean addMember(String groupId, String userId) {
        return handles.withHandle(h -> Duplicates.insertIfAbsent(
                h,
                i -> i.createUpdate("INSERT INTO group_members (group_id, user_id) VALUES (:groupId, :userId)")
                        .bind("groupId", groupId)
                        .bind("userId", userId)
                        .execute()));
    }

    @Override
    public boolean removeMember(String groupId, String userId) {
        return handles.withHandle(
                        h -> h.createUpdate("DELETE FROM group_members WHERE group_id = :groupId AND user_id = :userId")
                                .bind("groupId", groupId)
                                .bind("userId", userId)
                                .execute())
                > 0;
    }

    @Override
    public List<User> members(String realmId, String groupId, Page page) {
        return handles.withHandle(h -> h.createQuery("SELECT " + JdbcUserStore.COLUMNS + " FROM users WHERE realm_id"
                        + " = :realmId AND id IN (SELECT user_id FROM group_members WHERE group_id = :groupId)"
                        + " ORDER BY username LIMIT :max OFFSET :first")
                .bind("realmId", realmId)
                .bind("groupId", groupId)
                .bind("max", page.max())
                .bind("first", page.first())
                .map(JdbcUserStore.USER)
                .list());
    }

    @Override
    public List<Group> groupsOf(String realmId, String userId) {
        return handles.withHandle(h -> h.createQuery(SELECT + " WHERE realm_id = :realmId AND id IN"
                        + " (SELECT group_id FROM group_members WHERE user_id = :userId) ORDER BY name")
                .bind("realmId", realmId)
                .bind("userId", userId)
                .map(GROUP)
                .list());
    }

    private static Where where(String realmId, Optional<String> search) {
        Where where = new Where().and("realm_id = :realmId", "realmId", realmId);
        search.map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .ifPresent(s ->
                        where.and("LOWER(name) LIKE :pattern ESCAPE '!'", "pattern", "%" + Where.escapeLike(s) + "%"));
        return where;
    }

    @Override
    public void setLifetimes(GroupLifetimes l) {
        handles.useHandle(h -> Duplicates.upsert(
                h,
                u -> bindLifetimes(
                                u.createUpdate("UPDATE group_lifetimes SET access_token_lifespan = :access,"
                                        + " refresh_token_lifespan = :refresh, until_at = :until, set_at = :setAt"
                                        + " WHERE group_id = :groupId"),
                                l)
                        .execute(),
                i -> bindLifetimes(
                                i.createUpdate("INSERT INTO group_lifetimes (group_id, access_token_lifespan,"
                                        + " refresh_token_lifespan, until_at, set_at)"
                                        + " VALUES (:groupId, :access, :refresh, :until, :setAt)"),
                                l)
                        .execute()));
    }

    private static org.jdbi.v3.core.statement.Update bindLifetimes(
            org.jdbi.v3.core.statement.Update update, GroupLifetimes l) {
        return update.bind("groupId", l.groupId())
                .bind("access", l.accessTokenLifespan().toSeconds())
                .bind("refresh", l.refreshTokenLifespan().toSeconds())
                .bind("until", Columns.millis(l.until()))
                .bind("setAt", Columns.millis(l.setAt()));
    }

    @Override
    public Optional<GroupLifetimes> lifetimes(String groupId) {
        return handles.withHandle(h -> h.createQuery("SELECT group_id, access_token_lifespan, refresh_token_lifespan,"
                        + " until_at, set_at FROM group_lifetimes WHERE group_id = :groupId")
                .bind("groupId", groupId)
                .map((rs, ctx) -> new GroupLifetimes(
                        rs.getString("group_id"),
                        java.time.Duration.ofSeconds(rs.getLong("access_token_lifespan")),
                        java.time.Duration.ofSeconds(rs.getLong("refresh_token_lifespan")),
                        Columns.instant(rs, "until_at"),
                        Columns.instant(rs, "set_at")))
                .findOne());
    }

    @Override
    public boolean clearLifetimes(String groupId) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM group_lifetimes WHERE group_id = :groupId")
                        .bind("groupId", groupId)
                        .execute())
                > 0;
    }

    @Override
    public Optional<GroupLifetimes.ForMember> lifetimesOf(String userId, java.time.Instant now) {
        return handles.withHandle(h -> h
                .createQuery("SELECT MIN(gl.access_token_lifespan) AS access,"
                        + " MIN(gl.refresh_token_lifespan) AS refresh FROM group_lifetimes gl"
                        + " JOIN group_members gm ON gm.group_id = gl.group_id"
                        + " WHERE gm.user_id = :userId AND gl.until_at > :now")
                .bind("userId", userId)
                .bind("now", Columns.millis(now))
                .map((rs, ctx) -> {
                    long access = rs.getLong("access");
                    return rs.wasNull()
                            ? null
                            : new GroupLifetimes.ForMember(
                                    java.time.Duration.ofSeconds(access),
                                    java.time.Duration.ofSeconds(rs.getLong("refresh")));
                })
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst());
    }

    @Override
    public Optional<java.time.Instant> lastLifetimeEnd() {
        return handles.withHandle(h -> h.createQuery("SELECT MAX(until_at) AS last_end FROM group_lifetimes")
                .map((rs, ctx) -> Columns.optionalInstant(rs, "last_end"))
                .one());
    }

    @Override
    public int deleteLifetimesEndedBefore(java.time.Instant now) {
        return handles.withHandle(h -> h.createUpdate("DELETE FROM group_lifetimes WHERE until_at <= :now")
                .bind("now", Columns.millis(now))
                .execute());
    }
}
