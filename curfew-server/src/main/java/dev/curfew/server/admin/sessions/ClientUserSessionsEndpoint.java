package dev.curfew.server.admin.sessions;

import dev.curfew.core.client.Client;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/**
 * {@code GET /admin/realms/{realm}/clients/{id}/user-sessions?first=&max=}: the valid sessions in which the
 * client has obtained tokens, newest first; the client's own cut-off applies.
 */
public final class ClientUserSessionsEndpoint implements RealmHandler {
    private final Store store;
    private final SessionViews views;
    private final Lookups lookups;

    public ClientUserSessionsEndpoint(Store store, SessionViews views, Lookups lookups) {
        this.store = store;
        this.views = views;
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Client client = lookups.client(realm, ctx.pathParam("id"));
        var sessions = store.sessions().find(SessionQuery.ofClient(realm.id(), client.id(), AdminPaging.from(ctx)));
        ctx.json(views.valid(realm, sessions));
    }
}
