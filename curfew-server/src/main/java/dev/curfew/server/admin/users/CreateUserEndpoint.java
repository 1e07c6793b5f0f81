package dev.curfew.server.admin.users;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.admin.AdminAuth;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * {@code POST /admin/realms/{realm}/users}: creates a user, with a password when {@code credentials} holds
 * one. Usernames are case-insensitive and stored lower-case, as in Keycloak. An absent {@code enabled}
 * means enabled.
 */
public final class CreateUserEndpoint implements Handler {
    private final UserService users;
    private final Lookups lookups;
    private final AdminAuth auth;
    private final RequestInfo requestInfo;

    public CreateUserEndpoint(UserService users, Lookups lookups, AdminAuth auth, RequestInfo requestInfo) {
        this.users = users;
        this.lookups = lookups;
        this.auth = auth;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx) {
        String realmName = ctx.pathParam("realm");
        auth.require(ctx, Privilege.USER_ADMINISTRATOR, realmName);
        Realm realm = lookups.realm(realmName);
        UserRepresentation rep = RequestBody.read(ctx, UserRepresentation.class);

        FieldProblems problems = new FieldProblems();
        String username = Username.normalize(rep.username());
        if (!Username.isValid(username)) {
            problems.add("username", "must be 1-255 letters, digits or any of . _ @ + -");
        }
        Optional<String> email = ProfileFields.email(rep.email(), problems);
        Optional<String> firstName = ProfileFields.text("firstName", rep.firstName(), problems);
        Optional<String> lastName = ProfileFields.text("lastName", rep.lastName(), problems);
        Optional<String> password = PasswordCredential.fromList(rep.credentials(), problems);
        problems.throwIfAny();

        User user;
        try {
            user = users.create(
                    realm, username, email, firstName, lastName, rep.enabled() == null || rep.enabled(), password);
        } catch (DuplicateException e) {
            throw Problem.conflict("The realm already has a user named '" + username + "'");
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        Responses.created(
                ctx, requestInfo, "/admin/realms/" + realm.name() + "/users/" + user.id(), UserRepresentation.of(user));
    }
}
