package dev.curfew.engine.client;

import dev.curfew.core.client.ClientIds;
import dev.curfew.core.realm.Realm;

/**
 * The clients Curfew registers and keeps up to date itself: the master realm's {@code admin-cli} (the command
 * line's password grant) and {@code curfew-console} (the admin console), and every realm's
 * {@code account-console}. Administrators sign in through them, so whoever could change their redirect URIs
 * or grants could collect administrators' codes and tokens; the admin API does not change them.
 */
public final class BuiltInClients {
    private BuiltInClients() {}

    public static boolean isBuiltIn(String realmName, String clientId) {
        if (clientId.equals(ClientIds.ACCOUNT_CONSOLE)) {
            return true;
        }
        return realmName.equals(Realm.MASTER)
                && (clientId.equals(ClientIds.ADMIN_CLI) || clientId.equals(ClientIds.ADMIN_CONSOLE));
    }

    /**
     * The one change the admin API accepts on a built-in client: switching a realm's {@code account-console}
     * off (and on again) turns that realm's account console off; it opens nothing to anyone.
     */
    public static boolean mayToggleEnabled(String clientId) {
        return clientId.equals(ClientIds.ACCOUNT_CONSOLE);
    }
}
