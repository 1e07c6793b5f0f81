package dev.curfew.server.admin.realms;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code DELETE /admin/realms/{realm}}: deletes the realm with everything in it and every privilege grant
 * naming it. Needs SYSTEM_ADMINISTRATOR for all realms; the master realm cannot be deleted.
 */
public final class DeleteRealmEndpoint implements Handler {
    private final RealmService realms;
    private final Lookups lookups;
    private final AdminAuth auth;

    public DeleteRealmEndpoint(RealmService realms, Lookups lookups, AdminAuth auth) {
        this.realms = realms;
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        auth.requireEverywhere(ctx, Privilege.SYSTEM_ADMINISTRATOR);
        Realm realm = lookups.realm(ctx.pathParam("realm"));
        try {
            realms.delete(realm);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        Responses.noContent(ctx);
    }
}
