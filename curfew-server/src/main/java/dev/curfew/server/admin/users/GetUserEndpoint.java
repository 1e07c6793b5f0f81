package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}/users/{id}}. */
public final class GetUserEndpoint implements RealmHandler {
    private final Lookups lookups;

    public GetUserEndpoint(Lookups lookups) {
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(UserRepresentation.of(lookups.user(realm, ctx.pathParam("id"))));
    }
}
