package dev.curfew.server.admin;

import dev.curfew.core.privilege.PrivilegeGrant;
import dev.curfew.core.privilege.Privileges;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.server.http.Problem;
import java.util.Collection;
import java.util.List;

/**
 * No privilege escalates through the admin API (docs/operator-guide.md, "Who may do what in the master
 * realm"). Whoever can reset an administrator's password, disable, change or delete them, or replace their
 * grants can become them or undo them; so acting on a master-realm user who holds grants needs every grant
 * that user holds, and granting needs the grant itself. {@code SYSTEM_ADMINISTRATOR@*} includes everything.
 *
 * <p>Here the caller's grants are those of their token that are still stored: a grant taken away stops
 * counting at once, not only at their next token, so a demoted administrator cannot spend the rest of
 * their token's life restoring themselves or demoting the administrators who demoted them.
 */
public final class PrivilegeCeiling {
    private final Store store;

    public PrivilegeCeiling(Store store) {
        this.store = store;
    }

    /**
     * A 403 problem unless {@code admin} holds every grant of {@code target}; nothing to check for users of
     * other realms, who cannot hold grants.
     *
     * @param action what the caller is about to do, for the message ("reset the password of")
     */
    public void requireOver(AdminPrincipal admin, Realm realm, User target, String action) {
        if (!realm.name().equals(Realm.MASTER)) {
            return;
        }
        List<PrivilegeGrant> held = store.privileges().forUser(target.id());
        if (!current(admin).includesAll(held)) {
            throw Problem.forbidden("You cannot " + action + " '" + target.username()
                    + "': this administrator holds privileges you do not hold. Acting on an administrator"
                    + " needs every privilege they hold, for every realm they hold it for (or"
                    + " SYSTEM_ADMINISTRATOR for all realms)");
        }
    }

    /** A 403 problem naming the grants {@code admin} may not give because they do not hold them. */
    public void requireMayGrant(AdminPrincipal admin, Collection<PrivilegeGrant> grants) {
        Privileges current = current(admin);
        List<String> missing = grants.stream()
                .filter(g -> !current.includes(g))
                .map(PrivilegeGrant::claimValue)
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw Problem.forbidden("You cannot grant " + String.join(", ", missing)
                    + ": you do not hold it yourself. A privilege can only be granted by an administrator who holds it"
                    + " for that realm (or SYSTEM_ADMINISTRATOR for all realms)");
        }
    }

    private Privileges current(AdminPrincipal admin) {
        return admin.privileges().stillIn(store.privileges().forUser(admin.userId()));
    }
}
