package dev.curfew.server.admin.users;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.Lookups;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /admin/realms/{realm}/users?search=&username=&email=&exact=&first=&max=}: users ordered by
 * username (see {@link UserFilter} for matching). Session viewers may list users too: they need them to
 * find a user's sessions.
 */
public final class ListUsersEndpoint implements Handler {
    private final Store store;
    private final Lookups lookups;
    private final AdminAuth auth;

    public ListUsersEndpoint(Store store, Lookups lookups, AdminAuth auth) {
        this.store = store;
        this.lookups = lookups;
        this.auth = auth;
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        auth.requireAnyOf(
                ctx, realmName, Privilege.USER_ADMINISTRATOR, Privilege.SESSION_VIEWER, Privilege.AUTH_ADMINISTRATOR);
        Realm realm = lookups.realm(realmName);
        ctx.json(store.users().search(UserFilter.from(ctx, realm, AdminPaging.from(ctx))).stream()
                .map(UserRepresentation::of)
                .toList());
    }
}
