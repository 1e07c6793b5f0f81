package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.core.user.User;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.PrivilegeCeiling;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /admin/realms/{realm}/playbooks/password-compromise} with {@code {"reason": ..., "usernames": [...],
 * "all": false, "dryRun": false}}: the users (or, with {@code all}, everyone; not in {@code master}) must choose a new
 * password at their next sign-in, and their sessions end now.
 */
public final class PasswordCompromiseEndpoint implements RealmHandler {
    record Input(String reason, List<String> usernames, Boolean all, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final Store store;
    private final PrivilegeCeiling ceiling;
    private final RequestInfo requestInfo;

    public PasswordCompromiseEndpoint(
            Playbooks playbooks, Store store, PrivilegeCeiling ceiling, RequestInfo requestInfo) {
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
        boolean all = Boolean.TRUE.equals(in.all());
        List<String> names = in.usernames() == null ? List.of() : in.usernames();
        List<User> users = List.of();
        if (all == !names.isEmpty()) {
            problems.add("usernames", "name the users, or set all to true — one of the two");
        } else if (all && realm.name().equals(Realm.MASTER)) {
            problems.add("all", "in the master realm, name the users");
        } else {
            users = PlaybookUsers.byName(store, realm, names, "usernames", problems);
        }
        problems.throwIfAny();
        users.forEach(u -> ceiling.requireOver(admin, realm, u, "require a new password of"));
        Set<String> ids = new LinkedHashSet<>();
        users.forEach(u -> ids.add(u.id()));
        ctx.json(playbooks.passwordCompromise(
                realm,
                ids,
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }
}
