package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.realm.Realm;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/**
 * {@code GET /admin/realms/{realm}/attack-detection/brute-force/users/{userId}} [USER_ADMINISTRATOR]: the user's
 * failed sign-ins and whether they lock the account, in Keycloak's shape; all zero when the realm's protection is
 * off. An unknown user is 404.
 */
public final class GetBruteForceStatusEndpoint implements RealmHandler {
    private final BruteForceProtection bruteForce;
    private final Lookups lookups;

    public GetBruteForceStatusEndpoint(BruteForceProtection bruteForce, Lookups lookups) {
        this.bruteForce = bruteForce;
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        var user = lookups.user(realm, ctx.pathParam("userId"));
        ctx.json(BruteForceStatusRepresentation.of(bruteForce.status(realm, user)));
    }
}
