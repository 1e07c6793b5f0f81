package dev.curfew.server.admin.sessions;

import dev.curfew.core.client.Client;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /admin/realms/{realm}/clients/{id}/user-sessions?first=&max=}: the valid sessions in which the
 * client has obtained tokens, newest first; the client's own cut-off applies.
 */
public final class ClientUserSessionsEndpoint implements Handler {
    private final Store store;
    private final SessionViews views;
    private final Lookups lookups;
    private final AdminAuth auth;

    public ClientUserSessionsEndpoint(Store store, SessionViews views, Lookups lookups, AdminAuth auth) {
        this.store = store;
        this.views = views;
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        auth.require(ctx, Privilege.SESSION_VIEWER, realmName);
        Realm realm = lookups.realm(realmName);
        Client client = lookups.client(realm, ctx.pathParam("id"));
        var sessions = store.sessions().find(SessionQuery.ofClient(realm.id(), client.id(), AdminPaging.from(ctx)));
        ctx.json(views.valid(realm, sessions));
    }
}
