package dev.curfew.server.admin.clients;

import dev.curfew.core.client.Client;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.client.BuiltInClients;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * Which clients the admin API may touch, checked by every endpoint that registers, changes or deletes a
 * client or issues its secret. Built-in clients ({@link BuiltInClients}) are refused to everyone: their
 * settings are Curfew's, and a redirect URI added to one would collect the codes of everyone signing in
 * through it. A master client named in {@code admin-clients} (beyond the built-in ones) is handled only
 * by {@code SYSTEM_ADMINISTRATOR@*}: the admin API accepts its tokens, so it is as strong as the strongest
 * administrator who signs in to it.
 */
final class ClientProtection {
    private final AdminAuth auth;

    ClientProtection(AdminAuth auth) {
        this.auth = auth;
    }

    void checkCreate(Context ctx, Realm realm, Client created) {
        refuseBuiltIn(realm, created.clientId());
        requireForAdminClient(ctx, realm, created.clientId());
    }

    /** Before reading a change: a built-in client other than an account console takes none at all. */
    void checkMayChange(Realm realm, Client before) {
        if (BuiltInClients.isBuiltIn(realm.name(), before.clientId())
                && !BuiltInClients.mayToggleEnabled(before.clientId())) {
            throw builtIn(realm, before.clientId());
        }
    }

    /** Refuses changes to a built-in client except switching an account console off and on. */
    void checkUpdate(Context ctx, Realm realm, Client before, Client after) {
        if (BuiltInClients.isBuiltIn(realm.name(), before.clientId())) {
            boolean onlyEnabled = BuiltInClients.mayToggleEnabled(before.clientId())
                    && after.equals(before.toBuilder().enabled(after.enabled()).build());
            if (!onlyEnabled) {
                throw builtIn(realm, before.clientId());
            }
            return;
        }
        refuseBuiltIn(realm, after.clientId());
        requireForAdminClient(ctx, realm, before.clientId());
        requireForAdminClient(ctx, realm, after.clientId());
    }

    void checkDelete(Context ctx, Realm realm, Client client) {
        refuseBuiltIn(realm, client.clientId());
        requireForAdminClient(ctx, realm, client.clientId());
    }

    /** Reading or regenerating the secret. */
    void checkSecret(Context ctx, Realm realm, Client client) {
        refuseBuiltIn(realm, client.clientId());
        requireForAdminClient(ctx, realm, client.clientId());
    }

    private static void refuseBuiltIn(Realm realm, String clientId) {
        if (BuiltInClients.isBuiltIn(realm.name(), clientId)) {
            throw builtIn(realm, clientId);
        }
    }

    private static Problem builtIn(Realm realm, String clientId) {
        String detail = "'" + clientId + "' is a client built in to Curfew (realm '" + realm.name()
                + "'): it cannot be registered, changed, deleted or given a secret through the admin API, because"
                + " Curfew keeps its settings and people sign in through it";
        return Problem.forbidden(
                BuiltInClients.mayToggleEnabled(clientId)
                        ? detail + "; only 'enabled' may change, to turn the realm's account console off or on"
                        : detail);
    }

    private void requireForAdminClient(Context ctx, Realm realm, String clientId) {
        if (!realm.name().equals(Realm.MASTER) || !auth.isAdminClient(clientId)) {
            return;
        }
        if (!auth.authenticate(ctx).privileges().allowsEverywhere(Privilege.SYSTEM_ADMINISTRATOR)) {
            throw Problem.forbidden("'" + clientId + "' is an admin client (configuration key admin-clients): the"
                    + " admin API accepts its tokens, so only SYSTEM_ADMINISTRATOR for all realms may register,"
                    + " change or delete it or issue its secret");
        }
    }
}
