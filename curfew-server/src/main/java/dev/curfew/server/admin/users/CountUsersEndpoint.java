package dev.curfew.server.admin.users;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /admin/realms/{realm}/users/count}: how many users match; a bare number, as in Keycloak. */
public final class CountUsersEndpoint implements Handler {
    private final Store store;
    private final Lookups lookups;
    private final AdminAuth auth;

    public CountUsersEndpoint(Store store, Lookups lookups, AdminAuth auth) {
        this.store = store;
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        auth.requireAnyOf(
                ctx, realmName, Privilege.USER_ADMINISTRATOR, Privilege.SESSION_VIEWER, Privilege.AUTH_ADMINISTRATOR);
        Realm realm = lookups.realm(realmName);
        ctx.json(store.users().count(UserFilter.from(ctx, realm, Page.DEFAULT)));
    }
}
