package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}/users/{id}/groups}: the groups the user belongs to, ordered by name. */
public final class UserGroupsEndpoint implements RealmHandler {
    private final Store store;
    private final Lookups lookups;

    public UserGroupsEndpoint(Store store, Lookups lookups) {
        this.store = store;
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String userId = lookups.user(realm, ctx.pathParam("id")).id();
        ctx.json(store.groups().groupsOf(realm.id(), userId).stream()
                .map(GroupRepresentation::of)
                .toList());
    }
}
