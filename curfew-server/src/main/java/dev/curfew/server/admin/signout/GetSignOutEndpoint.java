package dev.curfew.server.admin.signout;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}/sign-outs/{id}} [AUTH_ADMINISTRATOR or AUDITOR]: one sign-out, with its progress. */
public final class GetSignOutEndpoint implements RealmHandler {
    private final Store store;

    public GetSignOutEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String id = ctx.pathParam("id");
        ctx.json(store.signOuts()
                .find(realm.id(), id)
                .map(x -> SignOutRepresentation.of(x, realm.name()))
                .orElseThrow(
                        () -> Problem.notFound("No sign-out with id '" + id + "' in realm '" + realm.name() + "'")));
    }
}
