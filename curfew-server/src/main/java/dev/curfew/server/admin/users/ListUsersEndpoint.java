package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/**
 * {@code GET /admin/realms/{realm}/users?search=&username=&email=&exact=&first=&max=}: users ordered by
 * username (see {@link UserFilter} for matching). Session viewers may list users too: they need them to
 * find a user's sessions.
 */
public final class ListUsersEndpoint implements RealmHandler {
    private final Store store;

    public ListUsersEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(store.users().search(UserFilter.from(ctx, realm, AdminPaging.from(ctx))).stream()
                .map(UserRepresentation::of)
                .toList());
    }
}
