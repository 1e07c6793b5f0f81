package dev.curfew.server.admin.users;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import dev.curfew.engine.bruteforce.BruteForceProtection;
import dev.curfew.engine.signout.SignOutService;
import dev.curfew.engine.user.UserService;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.PrivilegeCeiling;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PUT /admin/realms/{realm}/users/{id}}: changes email, names, {@code enabled} and {@code requiredActions}; absent fields stay
 * as they are, blank ones are cleared. A password in {@code credentials} is set as by reset-password.
 * Usernames cannot change. Disabling a user ends their sessions and tokens at once: the validity rule
 * checks that the user is enabled on every use. It also sets the user's cut-off to now, so that enabling
 * the account again (say, after a password reset following a compromise) does not bring back the
 * sessions and tokens that were out there. An administrator (a master-realm user holding privileges) is
 * changed only by a caller holding every privilege they hold. Enabling a user forgets their failed sign-ins
 * (audited), so a user a permanent lockout disabled starts afresh, as in Keycloak.
 */
public final class UpdateUserEndpoint implements RealmHandler {
    private final Store store;
    private final UserService users;
    private final Lookups lookups;
    private final SignOutService signOuts;
    private final BruteForceProtection bruteForce;
    private final RequestInfo requestInfo;
    private final PrivilegeCeiling ceiling;

    public UpdateUserEndpoint(
            Store store,
            UserService users,
            Lookups lookups,
            SignOutService signOuts,
            BruteForceProtection bruteForce,
            RequestInfo requestInfo,
            PrivilegeCeiling ceiling) {
        this.store = store;
        this.users = users;
        this.lookups = lookups;
        this.signOuts = signOuts;
        this.bruteForce = bruteForce;
        this.requestInfo = requestInfo;
        this.ceiling = ceiling;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        User before = lookups.user(realm, ctx.pathParam("id"));
        ceiling.requireOver(admin, realm, before, "change");
        UserRepresentation rep = RequestBody.read(ctx, UserRepresentation.class);

        FieldProblems problems = new FieldProblems();
        if (rep.username() != null && !Username.normalize(rep.username()).equals(before.username())) {
            problems.add("username", "a username cannot be changed");
        }
        if (Boolean.FALSE.equals(rep.enabled()) && SelfLockout.isSelf(admin, realm, before)) {
            problems.add("enabled", "you cannot disable your own administrator account");
        }
        Optional<String> email = rep.email() == null ? before.email() : ProfileFields.email(rep.email(), problems);
        Optional<String> firstName = rep.firstName() == null
                ? before.firstName()
                : ProfileFields.text("firstName", rep.firstName(), problems);
        Optional<String> lastName =
                rep.lastName() == null ? before.lastName() : ProfileFields.text("lastName", rep.lastName(), problems);
        Optional<PasswordCredential.Given> password = PasswordCredential.fromList(rep.credentials(), problems);
        Optional<Set<RequiredAction>> actions =
                RequiredActionsInput.from(rep.requiredActions(), "requiredActions", problems);
        problems.throwIfAny();
        // Against the email the user will have: notEmail compares with it.
        PasswordCredential.checkPolicy(
                users,
                realm,
                before.withProfile(email, firstName, lastName),
                password,
                "credentials[0].value",
                problems);
        problems.throwIfAny();

        User after = before.withProfile(email, firstName, lastName);
        if (rep.enabled() != null) {
            after = after.withEnabled(rep.enabled());
        }
        if (!store.users().update(after)) {
            throw Problem.notFound("The user was deleted meanwhile");
        }
        if (before.enabled() && !after.enabled()) {
            // A disabled account is signed out everywhere at once (and re-enabling it later does not bring
            // back the sessions someone else may have held): a user sign-out, audited like any other.
            signOuts.signOut(
                    realm,
                    new SignOutScope.User(before.id()),
                    "Account disabled",
                    Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), requestInfo),
                    Optional.empty(),
                    n -> {});
        }
        if (!before.enabled() && after.enabled() && bruteForce.failures(after).isPresent()) {
            bruteForce.clear(
                    realm, after, Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), requestInfo));
        }
        actions.ifPresent(a -> users.setRequiredActions(before, a));
        // After requiredActions: a temporary password adds UPDATE_PASSWORD to what was just set.
        password.ifPresent(p -> users.setPassword(before, p.value(), p.temporary()));
        Responses.noContent(ctx);
    }
}
