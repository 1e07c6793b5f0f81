package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import io.javalin.http.Context;

/** {@code GET /admin/realms/{realm}/users/{id}}. */
public final class GetUserEndpoint implements RealmHandler {
    private final Lookups lookups;
    private final UserService users;

    public GetUserEndpoint(Lookups lookups, UserService users) {
        this.lookups = lookups;
        this.users = users;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        User user = lookups.user(realm, ctx.pathParam("id"));
        ctx.json(UserRepresentation.of(user, users.requiredActions(user)));
    }
}
