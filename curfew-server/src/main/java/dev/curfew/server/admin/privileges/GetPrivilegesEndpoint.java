package dev.curfew.server.admin.privileges;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/** {@code GET /admin/realms/master/users/{id}/privileges}: the user's stored grants. */
public final class GetPrivilegesEndpoint implements RealmHandler {
    private final Store store;
    private final Lookups lookups;

    public GetPrivilegesEndpoint(Store store, Lookups lookups) {
        this.store = store;
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm master, AdminPrincipal admin) {
        User user = MasterUsers.fromPath(ctx, master, lookups);
        ctx.json(store.privileges().forUser(user.id()).stream()
                .map(PrivilegeGrantRepresentation::of)
                .toList());
    }
}
