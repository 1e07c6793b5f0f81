package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.PrivilegeCeiling;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import io.javalin.http.Context;

/**
 * {@code DELETE /admin/realms/{realm}/users/{id}}: deletes the user with their password, privilege grants,
 * sessions and refresh tokens. Their sessions end as every session does ({@link UserService#delete}): each relying
 * party with a back-channel logout URI gets its logout token, each Shared Signals stream a session-revoked event,
 * and their access tokens stop verifying. An
 * administrator (a master-realm user holding privileges) is deleted only by a caller holding every
 * privilege they hold.
 */
public final class DeleteUserEndpoint implements RealmHandler {
    private final UserService users;
    private final Lookups lookups;
    private final PrivilegeCeiling ceiling;

    public DeleteUserEndpoint(UserService users, Lookups lookups, PrivilegeCeiling ceiling) {
        this.users = users;
        this.lookups = lookups;
        this.ceiling = ceiling;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        User user = lookups.user(realm, ctx.pathParam("id"));
        if (SelfLockout.isSelf(admin, realm, user)) {
            throw Problem.badRequest("You cannot delete your own administrator account");
        }
        ceiling.requireOver(admin, realm, user, "delete");
        users.delete(realm, user);
        Responses.noContent(ctx);
    }
}
