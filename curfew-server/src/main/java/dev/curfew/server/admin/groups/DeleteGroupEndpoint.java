package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/groups/{id}}: deletes the group and its memberships; its members, and their
 * sessions, stay. A sign-out already made by this group keeps the sessions it found.
 */
public final class DeleteGroupEndpoint implements RealmHandler {
    private final Store store;
    private final Lookups lookups;

    public DeleteGroupEndpoint(Store store, Lookups lookups) {
        this.store = store;
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        store.groups()
                .delete(realm.id(), lookups.group(realm, ctx.pathParam("id")).id());
        Responses.noContent(ctx);
    }
}
