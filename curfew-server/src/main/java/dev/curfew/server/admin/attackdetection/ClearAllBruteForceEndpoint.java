package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/attack-detection/brute-force/users} [USER_ADMINISTRATOR]: forgets every user's
 * failed sign-ins in the realm, and the counts of source addresses on the node that answers; audited.
 */
public final class ClearAllBruteForceEndpoint implements RealmHandler {
    private final Services s;

    public ClearAllBruteForceEndpoint(Services services) {
        this.s = services;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        s.bruteForce()
                .clearAll(realm, Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), s.requestInfo()));
        Responses.noContent(ctx);
    }
}
