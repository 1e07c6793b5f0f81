package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** {@code GET /admin/realms/{realm}/groups/count?search=}: {@code {"count": n}}, as in Keycloak. */
public final class CountGroupsEndpoint implements RealmHandler {
    private final Store store;

    public CountGroupsEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(Map.of("count", store.groups().count(realm.id(), Optional.ofNullable(ctx.queryParam("search")))));
    }
}
