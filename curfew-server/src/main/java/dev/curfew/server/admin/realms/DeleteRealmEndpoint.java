package dev.curfew.server.admin.realms;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.realm.RealmService;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}}: deletes the realm with everything in it and every privilege grant
 * naming it. Needs SYSTEM_ADMINISTRATOR for all realms; the master realm cannot be deleted.
 */
public final class DeleteRealmEndpoint implements RealmHandler {
    private final RealmService realms;

    public DeleteRealmEndpoint(RealmService realms) {
        this.realms = realms;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        try {
            realms.delete(realm);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        Responses.noContent(ctx);
    }
}
