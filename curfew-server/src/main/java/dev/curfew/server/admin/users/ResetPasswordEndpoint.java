package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.user.User;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.PrivilegeCeiling;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code PUT /admin/realms/{realm}/users/{id}/reset-password} with {@code {"type":"password","value":...,
 * "temporary":false}}: sets the user's password. Existing sessions stay; signing the user out is a
 * separate, deliberate call. The password of an administrator (a master-realm user holding privileges) is
 * reset only by a caller holding every privilege they hold: otherwise it would be a way to become them.
 */
public final class ResetPasswordEndpoint implements RealmHandler {
    private final UserService users;
    private final Lookups lookups;
    private final PrivilegeCeiling ceiling;

    public ResetPasswordEndpoint(UserService users, Lookups lookups, PrivilegeCeiling ceiling) {
        this.users = users;
        this.lookups = lookups;
        this.ceiling = ceiling;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        User user = lookups.user(realm, ctx.pathParam("id"));
        ceiling.requireOver(admin, realm, user, "reset the password of");
        CredentialRepresentation credential = RequestBody.read(ctx, CredentialRepresentation.class);
        FieldProblems problems = new FieldProblems();
        Optional<PasswordCredential.Given> password = PasswordCredential.from(credential, "", problems);
        problems.throwIfAny();
        PasswordCredential.checkPolicy(users, realm, user, password, "value", problems);
        problems.throwIfAny();
        users.setPassword(
                user, password.orElseThrow().value(), password.orElseThrow().temporary());
        Responses.noContent(ctx);
    }
}
