package dev.curfew.server.admin.sessions;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/**
 * {@code GET /admin/realms/{realm}/users/{id}/sessions?first=&max=}: the user's valid sessions, newest
 * first. Keycloak returns all of them at once; Curfew pages (default 100, at most 1000).
 */
public final class UserSessionsEndpoint implements RealmHandler {
    private final Store store;
    private final SessionViews views;
    private final Lookups lookups;

    public UserSessionsEndpoint(Store store, SessionViews views, Lookups lookups) {
        this.store = store;
        this.views = views;
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        User user = lookups.user(realm, ctx.pathParam("id"));
        var sessions = store.sessions().find(SessionQuery.ofUser(realm.id(), user.id(), AdminPaging.from(ctx)));
        ctx.json(views.valid(realm, sessions));
    }
}
