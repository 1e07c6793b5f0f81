package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.server.admin.AdminPrincipal;

/**
 * An administrator may not disable or delete their own master-realm account through the API: if they
 * were the last administrator, nobody could undo it.
 */
public final class SelfLockout {
    private SelfLockout() {}

    public static boolean isSelf(AdminPrincipal admin, Realm realm, User user) {
        return realm.name().equals(Realm.MASTER) && user.id().equals(admin.userId());
    }
}
