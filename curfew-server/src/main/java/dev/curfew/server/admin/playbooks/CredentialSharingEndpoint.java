package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.session.IpRange;
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
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /admin/realms/{realm}/playbooks/credential-sharing} with {@code {"reason": ..., "username": "bob",
 * "ip": "198.51.100.0/24", "dryRun": false}}: the user's sessions kept as evidence in the audit log, those from
 * {@code ip} (all of them without it) signed out, and a new password required at the user's next sign-in.
 */
public final class CredentialSharingEndpoint implements RealmHandler {
    record Input(String reason, String username, String ip, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final Store store;
    private final PrivilegeCeiling ceiling;
    private final RequestInfo requestInfo;

    public CredentialSharingEndpoint(
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
        List<User> user = List.of();
        if (in.username() == null || in.username().isBlank()) {
            problems.add("username", "is required: whose account is shared");
        } else {
            user = PlaybookUsers.byName(store, realm, List.of(in.username()), "username", problems);
        }
        Optional<IpRange> from = Optional.empty();
        if (in.ip() != null && !in.ip().isBlank()) {
            try {
                from = Optional.of(IpRange.parse(in.ip()));
            } catch (IllegalArgumentException e) {
                problems.add("ip", e.getMessage());
            }
        }
        problems.throwIfAny();
        ceiling.requireOver(admin, realm, user.get(0), "require a new password of");
        ctx.json(playbooks.credentialSharing(
                realm,
                user.get(0),
                from,
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }
}
