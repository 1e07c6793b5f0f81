package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.users.UserRepresentation;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}/groups/{id}/members?first=&max=}: the members, ordered by username. */
public final class GroupMembersEndpoint implements RealmHandler {
    private final Store store;
    private final Lookups lookups;

    public GroupMembersEndpoint(Store store, Lookups lookups) {
        this.store = store;
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String groupId = lookups.group(realm, ctx.pathParam("id")).id();
        ctx.json(store.groups().members(realm.id(), groupId, AdminPaging.from(ctx)).stream()
                .map(UserRepresentation::of)
                .toList());
    }
}
