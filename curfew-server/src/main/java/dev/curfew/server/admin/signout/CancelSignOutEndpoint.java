package dev.curfew.server.admin.signout;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOut;
import dev.curfew.core.store.Store;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;

/**
 * {@code POST /admin/realms/{realm}/sign-outs/{id}/cancel} [AUTH_ADMINISTRATOR]: cancels a planned sign-out while
 * it is still SCHEDULED, audited with who cancelled it. One that started, ended or was cancelled already is a 409.
 */
public final class CancelSignOutEndpoint implements RealmHandler {
    private final Store store;
    private final SignOutService signOuts;
    private final RequestInfo requestInfo;

    public CancelSignOutEndpoint(Store store, SignOutService signOuts, RequestInfo requestInfo) {
        this.store = store;
        this.signOuts = signOuts;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        String id = ctx.pathParam("id");
        SignOut found = store.signOuts()
                .find(realm.id(), id)
                .orElseThrow(
                        () -> Problem.notFound("No sign-out with id '" + id + "' in realm '" + realm.name() + "'"));
        SignOut cancelled = signOuts.cancel(
                        realm, id, Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo))
                // Started, or cancelled, between the look-up and the guarded update: the row says what it is now.
                .orElseThrow(
                        () -> notScheduled(store.signOuts().find(realm.id(), id).orElse(found)));
        ctx.json(SignOutRepresentation.of(cancelled, realm.name()));
    }

    private static Problem notScheduled(SignOut signOut) {
        return Problem.conflict("Sign-out '" + signOut.id() + "' is " + signOut.status()
                + ": only a SCHEDULED sign-out can be cancelled");
    }
}
