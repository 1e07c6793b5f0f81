package dev.curfew.server.console.view;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.Privileges;
import dev.curfew.core.realm.Realm;

/**
 * What the signed-in administrator may do in one realm, from their token's privileges, mirroring what each
 * admin API endpoint requires. The console only hides what is not allowed; the API decides.
 */
public record ConsoleAccess(String realm, Privileges privileges) {

    private boolean any(Privilege... needed) {
        for (Privilege p : needed) {
            if (privileges.allows(p, realm)) {
                return true;
            }
        }
        return false;
    }

    /** {@code GET /sessions}: SESSION_VIEWER or AUTH_ADMINISTRATOR. */
    public boolean searchSessions() {
        return any(Privilege.SESSION_VIEWER, Privilege.AUTH_ADMINISTRATOR);
    }

    /** {@code client-session-stats} and a client's sessions: SESSION_VIEWER. */
    public boolean sessionStats() {
        return any(Privilege.SESSION_VIEWER);
    }

    /** {@code POST /sign-outs}, dry runs included: AUTH_ADMINISTRATOR. */
    public boolean signOut() {
        return any(Privilege.AUTH_ADMINISTRATOR);
    }

    /** The sign-out history: AUTH_ADMINISTRATOR or AUDITOR. */
    public boolean history() {
        return any(Privilege.AUTH_ADMINISTRATOR, Privilege.AUDITOR);
    }

    /** The playbooks page: any privilege one of the playbooks needs. */
    public boolean playbooks() {
        return any(Privilege.AUTH_ADMINISTRATOR, Privilege.USER_ADMINISTRATOR, Privilege.SYSTEM_ADMINISTRATOR);
    }

    public boolean viewUsers() {
        return any(Privilege.USER_ADMINISTRATOR, Privilege.SESSION_VIEWER);
    }

    public boolean editUsers() {
        return any(Privilege.USER_ADMINISTRATOR);
    }

    /** A user's sessions: SESSION_VIEWER or USER_ADMINISTRATOR. */
    public boolean userSessions() {
        return any(Privilege.SESSION_VIEWER, Privilege.USER_ADMINISTRATOR);
    }

    /** The client list and a client's page: CLIENT_ADMINISTRATOR, SESSION_VIEWER or AUTH_ADMINISTRATOR. */
    public boolean viewClients() {
        return any(Privilege.CLIENT_ADMINISTRATOR, Privilege.SESSION_VIEWER, Privilege.AUTH_ADMINISTRATOR);
    }

    public boolean editClients() {
        return any(Privilege.CLIENT_ADMINISTRATOR);
    }

    /** Changing realm settings (lifetimes, display name, enabled): SYSTEM_ADMINISTRATOR for the realm. */
    public boolean editRealm() {
        return any(Privilege.SYSTEM_ADMINISTRATOR);
    }

    /** {@code POST /admin/realms}: SYSTEM_ADMINISTRATOR for all realms, since a new realm is outside any other grant. */
    public boolean createRealm() {
        return privileges.allowsEverywhere(Privilege.SYSTEM_ADMINISTRATOR);
    }

    /** {@code DELETE /admin/realms/{realm}}: SYSTEM_ADMINISTRATOR for all realms; never the master realm. */
    public boolean deleteRealm() {
        return privileges.allowsEverywhere(Privilege.SYSTEM_ADMINISTRATOR) && !realm.equals(Realm.MASTER);
    }

    /**
     * A master-realm user's privileges ({@code GET} and {@code PUT .../users/{id}/privileges}): SYSTEM_ADMINISTRATOR
     * for all realms. Only master-realm users hold privileges.
     */
    public boolean managePrivileges() {
        return privileges.allowsEverywhere(Privilege.SYSTEM_ADMINISTRATOR) && realm.equals(Realm.MASTER);
    }

    /** Delivery status of notifications (back-channel logout tokens): AUTH_ADMINISTRATOR or AUDITOR. */
    public boolean deliveries() {
        return any(Privilege.AUTH_ADMINISTRATOR, Privilege.AUDITOR);
    }

    /** Putting a dead notification back in the queue: AUTH_ADMINISTRATOR. */
    public boolean retryDeliveries() {
        return any(Privilege.AUTH_ADMINISTRATOR);
    }

    public boolean audit() {
        return any(Privilege.AUDITOR);
    }
}
