package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}/groups/{id}}. */
public final class GetGroupEndpoint implements RealmHandler {
    private final Lookups lookups;

    public GetGroupEndpoint(Lookups lookups) {
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(GroupRepresentation.of(lookups.group(realm, ctx.pathParam("id"))));
    }
}
