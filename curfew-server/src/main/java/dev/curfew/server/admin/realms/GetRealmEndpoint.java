package dev.curfew.server.admin.realms;

import dev.curfew.core.realm.Realm;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}}: the realm, to any administrator holding a privilege for it. */
public final class GetRealmEndpoint implements RealmHandler {
    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(RealmRepresentation.of(realm));
    }
}
