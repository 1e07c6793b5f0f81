package dev.curfew.server.admin.clients;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /admin/realms/{realm}/clients/{id}} by internal id; never shows the secret or its hash. */
public final class GetClientEndpoint implements Handler {
    private final Lookups lookups;
    private final AdminAuth auth;

    public GetClientEndpoint(Lookups lookups, AdminAuth auth) {
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        auth.requireAnyOf(
                ctx, realmName, Privilege.CLIENT_ADMINISTRATOR, Privilege.SESSION_VIEWER, Privilege.AUTH_ADMINISTRATOR);
        Realm realm = lookups.realm(realmName);
        ctx.json(ClientRepresentation.of(lookups.client(realm, ctx.pathParam("id"))));
    }
}
