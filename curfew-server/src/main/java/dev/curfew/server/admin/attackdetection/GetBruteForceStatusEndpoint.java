package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /admin/realms/{realm}/attack-detection/brute-force/users/{userId}} [USER_ADMINISTRATOR]: the user's
 * failed sign-ins and whether they lock the account, in Keycloak's shape; all zero when the realm's protection is
 * off. An unknown user is 404.
 */
public final class GetBruteForceStatusEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public GetBruteForceStatusEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().require(ctx, Privilege.USER_ADMINISTRATOR, realmName);
        Realm realm = lookups.realm(realmName);
        var user = lookups.user(realm, ctx.pathParam("userId"));
        ctx.json(BruteForceStatusRepresentation.of(s.bruteForce().status(realm, user)));
    }
}
