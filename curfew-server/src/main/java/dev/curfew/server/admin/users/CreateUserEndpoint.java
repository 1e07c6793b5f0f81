package dev.curfew.server.admin.users;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /admin/realms/{realm}/users}: creates a user, with a password when {@code credentials} holds
 * one. Usernames are case-insensitive and stored lower-case, as in Keycloak. An absent {@code enabled}
 * means enabled.
 */
public final class CreateUserEndpoint implements RealmHandler {
    private final UserService users;
    private final RequestInfo requestInfo;

    public CreateUserEndpoint(UserService users, RequestInfo requestInfo) {
        this.users = users;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        UserRepresentation rep = RequestBody.read(ctx, UserRepresentation.class);

        FieldProblems problems = new FieldProblems();
        String username = Username.normalize(rep.username());
        if (!Username.isValid(username)) {
            problems.add("username", "must be 1-255 letters, digits or any of . _ @ + -");
        }
        Optional<String> email = ProfileFields.email(rep.email(), problems);
        Optional<String> firstName = ProfileFields.text("firstName", rep.firstName(), problems);
        Optional<String> lastName = ProfileFields.text("lastName", rep.lastName(), problems);
        Optional<PasswordCredential.Given> password = PasswordCredential.fromList(rep.credentials(), problems);
        Set<RequiredAction> actions = EnumSet.noneOf(RequiredAction.class);
        RequiredActionsInput.from(rep.requiredActions(), "requiredActions", problems)
                .ifPresent(actions::addAll);
        password.flatMap(p -> realm.settings().passwordRules().check(p.value(), username, email))
                .ifPresent(problem -> problems.add("credentials[0].value", problem));
        problems.throwIfAny();
        if (password.filter(PasswordCredential.Given::temporary).isPresent()) {
            actions.add(RequiredAction.UPDATE_PASSWORD);
        }

        User user;
        try {
            user = users.create(
                    realm,
                    username,
                    email,
                    firstName,
                    lastName,
                    rep.enabled() == null || rep.enabled(),
                    password.map(PasswordCredential.Given::value));
        } catch (DuplicateException e) {
            throw Problem.conflict("The realm already has a user named '" + username + "'");
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
        if (!actions.isEmpty()) {
            users.setRequiredActions(user, actions);
        }
        Responses.created(
                ctx,
                requestInfo,
                "/admin/realms/" + realm.name() + "/users/" + user.id(),
                UserRepresentation.of(user, actions));
    }
}
