package dev.curfew.store.jdbc;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.store.PrivilegeStore;
import java.util.List;
import java.util.Optional;

final class JdbcPrivilegeStore implements PrivilegeStore {
    private final Handles handles;

    JdbcPrivilegeStore(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void grant(PrivilegeGrant grant) {
        handles.withHandle(h -> Duplicates.insertIfAbsent(
                h,
                i -> i.createUpdate(
                                "INSERT INTO privilege_grants (user_id, privilege, realm) VALUES (:userId, :privilege, :realm)")
                        .bind("userId", grant.userId())
                        .bind("privilege", grant.privilege().name())
                        .bind("realm", grant.realm())
                        .execute()));
    }

    @Override
    public boolean revoke(PrivilegeGrant grant) {
        return handles.withHandle(h -> h.createUpdate(
                                "DELETE FROM privilege_grants WHERE user_id = :userId AND privilege = :privilege AND realm = :realm")
                        .bind("userId", grant.userId())
                        .bind("privilege", grant.privilege().name())
                        .bind("realm", grant.realm())
                        .execute())
                > 0;
    }

    /**
     * A stored privilege this version does not know (written by a newer one) is left out: privileges
     * are never widened by guessing.
     */
    @Override
    public List<PrivilegeGrant> forUser(String userId) {
        return handles
                .withHandle(h -> h.createQuery(
                                "SELECT privilege, realm FROM privilege_grants WHERE user_id = :userId ORDER BY privilege, realm")
                        .bind("userId", userId)
                        .map((rs, ctx) -> {
                            String realm = rs.getString("realm");
                            return Privilege.parse(rs.getString("privilege"))
                                    .map(privilege -> new PrivilegeGrant(userId, privilege, realm));
                        })
                        .list())
                .stream()
                .flatMap(Optional::stream)
                .toList();
    }

    @Override
    public List<String> holders() {
        return handles.withHandle(h -> h.createQuery("SELECT DISTINCT user_id FROM privilege_grants ORDER BY user_id")
                .mapTo(String.class)
                .list());
    }
}
