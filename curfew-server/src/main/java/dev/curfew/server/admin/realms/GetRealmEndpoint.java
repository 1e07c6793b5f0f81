package dev.curfew.server.admin.realms;

import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /admin/realms/{realm}}: the realm, to any administrator holding a privilege for it. */
public final class GetRealmEndpoint implements Handler {
    private final Lookups lookups;
    private final AdminAuth auth;

    public GetRealmEndpoint(Lookups lookups, AdminAuth auth) {
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        String name = ctx.pathParam("realm");
        auth.requireAnyPrivilege(ctx, name);
        ctx.json(RealmRepresentation.of(lookups.realm(name)));
    }
}
