package dev.curfew.server.admin.attackdetection;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/attack-detection/brute-force/users} [USER_ADMINISTRATOR]: forgets every user's
 * failed sign-ins in the realm, and the counts of source addresses on the node that answers; audited.
 */
public final class ClearAllBruteForceEndpoint implements RealmHandler {
    private final BruteForceProtection bruteForce;
    private final RequestInfo requestInfo;

    public ClearAllBruteForceEndpoint(BruteForceProtection bruteForce, RequestInfo requestInfo) {
        this.bruteForce = bruteForce;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        bruteForce.clearAll(realm, Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), requestInfo));
        Responses.noContent(ctx);
    }
}
