package dev.curfew.server.admin.clients;

import dev.curfew.core.realm.Realm;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}/clients/{id}} by internal id; never shows the secret or its hash. */
public final class GetClientEndpoint implements RealmHandler {
    private final Lookups lookups;

    public GetClientEndpoint(Lookups lookups) {
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(ClientRepresentation.of(lookups.client(realm, ctx.pathParam("id"))));
    }
}
