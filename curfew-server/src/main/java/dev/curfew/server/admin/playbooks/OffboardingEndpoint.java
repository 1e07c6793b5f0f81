package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.core.user.Username;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.PrivilegeCeiling;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.admin.users.SelfLockout;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /admin/realms/{realm}/playbooks/offboarding} with {@code {"reason": ..., "usernames": [...],
 * "userIds": [...], "dryRun": false}}: each user disabled and signed out everywhere. As with {@code PUT
 * .../users/{id}}, an administrator cannot offboard themselves, and offboarding another administrator needs every
 * privilege they hold.
 */
public final class OffboardingEndpoint implements RealmHandler {
    static final int MAX_USERS = 100;

    record Input(String reason, List<String> usernames, List<String> userIds, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final Store store;
    private final PrivilegeCeiling ceiling;
    private final RequestInfo requestInfo;

    public OffboardingEndpoint(Playbooks playbooks, Store store, PrivilegeCeiling ceiling, RequestInfo requestInfo) {
        this.playbooks = playbooks;
        this.store = store;
        this.ceiling = ceiling;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        Set<User> users = new LinkedHashSet<>();
        List<String> names = in.usernames() == null ? List.of() : in.usernames();
        List<String> ids = in.userIds() == null ? List.of() : in.userIds();
        if (names.isEmpty() && ids.isEmpty()) {
            problems.add("usernames", "name at least one user, by username (usernames) or by id (userIds)");
        } else if (names.size() + ids.size() > MAX_USERS) {
            problems.add("usernames", "at most " + MAX_USERS + " users in one call");
        } else {
            users.addAll(find(
                    names,
                    n -> store.users().findByUsername(realm.id(), Username.normalize(n)),
                    "usernames",
                    realm,
                    problems));
            users.addAll(find(ids, id -> store.users().findById(realm.id(), id), "userIds", realm, problems));
            if (users.stream().anyMatch(u -> SelfLockout.isSelf(admin, realm, u))) {
                problems.add("usernames", "you cannot offboard your own administrator account");
            }
        }
        problems.throwIfAny();
        users.forEach(u -> ceiling.requireOver(admin, realm, u, "offboard"));
        ctx.json(playbooks.offboarding(
                realm,
                List.copyOf(users),
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.USER_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }

    private static List<User> find(
            List<String> keys,
            java.util.function.Function<String, Optional<User>> lookup,
            String field,
            Realm realm,
            FieldProblems problems) {
        List<User> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            lookup.apply(key).ifPresentOrElse(found::add, () -> unknown.add(key));
        }
        if (!unknown.isEmpty()) {
            problems.add(field, "no such user(s) in realm '" + realm.name() + "': " + String.join(", ", unknown));
        }
        return found;
    }
}
