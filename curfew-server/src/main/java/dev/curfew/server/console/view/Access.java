package dev.curfew.server.console.view;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.privilege.Privileges;

/**
 * What the signed-in administrator may do in one realm, from their token's privileges, mirroring what each
 * admin API endpoint requires. The console only hides what is not allowed; the API decides.
 */
public record Access(String realm, Privileges privileges) {

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

    /** Changing realm settings: SYSTEM_ADMINISTRATOR for the realm. */
    public boolean editRealm() {
        return any(Privilege.SYSTEM_ADMINISTRATOR);
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
