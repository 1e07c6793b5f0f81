package dev.curfew.server.admin.signout;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.server.Services;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /admin/realms/{realm}/sign-outs/{id}} [AUTH_ADMINISTRATOR or AUDITOR]: one sign-out, with its progress. */
public final class GetSignOutEndpoint implements Handler {
    private final Services s;
    private final Lookups lookups;

    public GetSignOutEndpoint(Services services) {
        this.s = services;
        this.lookups = new Lookups(services.store());
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        s.adminAuth().requireAnyOf(ctx, realmName, Privilege.AUTH_ADMINISTRATOR, Privilege.AUDITOR);
        Realm realm = lookups.realm(realmName);
        String id = ctx.pathParam("id");
        ctx.json(s.store()
                .signOuts()
                .find(realm.id(), id)
                .map(x -> SignOutRepresentation.of(x, realm.name()))
                .orElseThrow(
                        () -> Problem.notFound("No sign-out with id '" + id + "' in realm '" + realm.name() + "'")));
    }
}
