package dev.curfew.server.admin.sessions;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.SessionQuery;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /admin/realms/{realm}/users/{id}/sessions?first=&max=}: the user's valid sessions, newest
 * first. Keycloak returns all of them at once; Curfew pages (default 100, at most 1000).
 */
public final class UserSessionsEndpoint implements Handler {
    private final Store store;
    private final SessionViews views;
    private final Lookups lookups;
    private final AdminAuth auth;

    public UserSessionsEndpoint(Store store, SessionViews views, Lookups lookups, AdminAuth auth) {
        this.store = store;
        this.views = views;
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        auth.requireAnyOf(ctx, realmName, Privilege.SESSION_VIEWER, Privilege.USER_ADMINISTRATOR);
        Realm realm = lookups.realm(realmName);
        User user = lookups.user(realm, ctx.pathParam("id"));
        var sessions = store.sessions().find(SessionQuery.ofUser(realm.id(), user.id(), AdminPaging.from(ctx)));
        ctx.json(views.valid(realm, sessions));
    }
}
