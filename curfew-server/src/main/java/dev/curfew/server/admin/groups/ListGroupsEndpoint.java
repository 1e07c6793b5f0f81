package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.server.admin.AdminPaging;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code GET /admin/realms/{realm}/groups?search=&first=&max=}: groups ordered by name; search is a substring. */
public final class ListGroupsEndpoint implements RealmHandler {
    private final Store store;

    public ListGroupsEndpoint(Store store) {
        this.store = store;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        ctx.json(
                store
                        .groups()
                        .list(realm.id(), Optional.ofNullable(ctx.queryParam("search")), AdminPaging.from(ctx))
                        .stream()
                        .map(GroupRepresentation::of)
                        .toList());
    }
}
