package dev.curfew.server.admin.privileges;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /admin/realms/master/users/{id}/privileges}: the user's stored grants. */
public final class GetPrivilegesEndpoint implements Handler {
    private final Store store;
    private final Lookups lookups;
    private final AdminAuth auth;

    public GetPrivilegesEndpoint(Store store, Lookups lookups, AdminAuth auth) {
        this.store = store;
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        auth.requireEverywhere(ctx, Privilege.SYSTEM_ADMINISTRATOR);
        User user = MasterUsers.fromPath(ctx, lookups);
        ctx.json(store.privileges().forUser(user.id()).stream()
                .map(PrivilegeGrantRepresentation::of)
                .toList());
    }
}
