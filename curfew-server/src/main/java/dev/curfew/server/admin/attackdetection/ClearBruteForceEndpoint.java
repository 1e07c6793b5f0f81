package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/attack-detection/brute-force/users/{userId}} [USER_ADMINISTRATOR]: forgets the
 * user's failed sign-ins, and so ends their lock; audited. A user a permanent lockout disabled stays disabled (as in
 * Keycloak): enable them with {@code PUT .../users/{id}}.
 */
public final class ClearBruteForceEndpoint implements RealmHandler {
    private final BruteForceProtection bruteForce;
    private final Lookups lookups;
    private final RequestInfo requestInfo;

    public ClearBruteForceEndpoint(BruteForceProtection bruteForce, Lookups lookups, RequestInfo requestInfo) {
        this.bruteForce = bruteForce;
        this.lookups = lookups;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        var user = lookups.user(realm, ctx.pathParam("userId"));
        bruteForce.clear(realm, user, Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), requestInfo));
        Responses.noContent(ctx);
    }
}
