package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.Responses;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code DELETE /admin/realms/{realm}/attack-detection/brute-force/users} [USER_ADMINISTRATOR]: forgets every user's
 * failed sign-ins in the realm, and the counts of source addresses on the node that answers; audited.
 */
public final class ClearAllBruteForceEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public ClearAllBruteForceEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        AdminPrincipal admin = s.adminAuth().require(ctx, Privilege.USER_ADMINISTRATOR, realmName);
        Realm realm = lookups.realm(realmName);
        s.bruteForce().clearAll(realm, Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realmName, s.requestInfo()));
        Responses.noContent(ctx);
    }
}
