package dev.curfew.server.admin.users;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.RequiredAction;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.PrivilegeCeiling;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /admin/realms/{realm}/users/required-actions} with {@code {"action": "UPDATE_PASSWORD", "usernames":
 * [...], "userIds": [...], "all": false, "reason": ...}}: one required action for many users at once — "these users
 * must choose a new password at their next sign-in" after a password leak. Answers {@code {"action", "added"}}, the
 * number of users who did not have it yet; audited ({@code required-action-set}) with the reason. In the master
 * realm the users must be named, and each administrator among them needs the privilege ceiling.
 */
public final class RequireActionEndpoint implements RealmHandler {
    /** The audit action. */
    public static final String AUDIT_ACTION = "required-action-set";

    static final int MAX_USERS = 1000;

    record Input(String action, List<String> usernames, List<String> userIds, Boolean all, String reason) {}

    /** What the audit log records. */
    record Detail(String action, String users, int added) {}

    private final Store store;
    private final AuditLog audit;
    private final PrivilegeCeiling ceiling;
    private final RequestInfo requestInfo;

    public RequireActionEndpoint(Store store, AuditLog audit, PrivilegeCeiling ceiling, RequestInfo requestInfo) {
        this.store = store;
        this.audit = audit;
        this.ceiling = ceiling;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        Optional<RequiredAction> action = Optional.ofNullable(in.action()).flatMap(RequiredAction::fromName);
        if (action.isEmpty()) {
            problems.add("action", "must be one of " + String.join(", ", RequiredAction.names()));
        }
        boolean all = Boolean.TRUE.equals(in.all());
        List<String> names = in.usernames() == null ? List.of() : in.usernames();
        List<String> ids = in.userIds() == null ? List.of() : in.userIds();
        Set<User> users = new LinkedHashSet<>();
        if (all == (!names.isEmpty() || !ids.isEmpty())) {
            problems.add("usernames", "name the users (usernames or userIds), or set all to true — one of the two");
        } else if (all && realm.name().equals(Realm.MASTER)) {
            problems.add("all", "in the master realm, name the users");
        } else if (names.size() + ids.size() > MAX_USERS) {
            problems.add("usernames", "at most " + MAX_USERS + " users in one call; use all for the whole realm");
        } else {
            List<String> unknown = new ArrayList<>();
            names.forEach(n -> store.users()
                    .findByUsername(realm.id(), Username.normalize(n))
                    .ifPresentOrElse(users::add, () -> unknown.add(n)));
            ids.forEach(
                    id -> store.users().findById(realm.id(), id).ifPresentOrElse(users::add, () -> unknown.add(id)));
            if (!unknown.isEmpty()) {
                problems.add(
                        names.isEmpty() ? "userIds" : "usernames",
                        "no such user(s) in realm '" + realm.name() + "': " + String.join(", ", unknown));
            }
        }
        problems.throwIfAny();
        users.forEach(u -> ceiling.requireOver(admin, realm, u, "require an action of"));
        Set<String> userIds = new LinkedHashSet<>();
        users.forEach(u -> userIds.add(u.id()));
        AuditLog.Actor actor = Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), requestInfo);
        int added = store.inTransaction(tx -> {
            int n = tx.users().addRequiredAction(realm.id(), userIds, action.orElseThrow());
            audit.record(
                    tx,
                    realm.id(),
                    actor,
                    AUDIT_ACTION,
                    in.reason().strip(),
                    new Detail(action.orElseThrow().name(), all ? "all" : userIds.size() + " named", n),
                    n);
            return n;
        });
        ctx.json(Map.of("action", action.orElseThrow().name(), "added", added));
    }
}
