package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.Page;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}/users/count}: how many users match; a bare number, as in Keycloak. */
public final class CountUsersEndpoint implements RealmHandler {
    private final Store store;

    public CountUsersEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(store.users().count(UserFilter.from(ctx, realm, Page.DEFAULT)));
    }
}
