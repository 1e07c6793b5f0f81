package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/attack-detection/brute-force/users/{userId}} [USER_ADMINISTRATOR]: forgets the
 * user's failed sign-ins, and so ends their lock; audited. A user a permanent lockout disabled stays disabled (as in
 * Keycloak): enable them with {@code PUT .../users/{id}}.
 */
public final class ClearBruteForceEndpoint implements RealmHandler {
    private final Services s;
    private final Lookups lookups;

    public ClearBruteForceEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        var user = lookups.user(realm, ctx.pathParam("userId"));
        s.bruteForce()
                .clear(realm, user, Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), s.requestInfo()));
        Responses.noContent(ctx);
    }
}
