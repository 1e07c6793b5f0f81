package dev.curfew.server.admin.playbooks;

import dev.curfew.core.client.Client;
import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /admin/realms/{realm}/playbooks/system-update} with {@code {"reason": ..., "at": "2026-12-24T02:00:00Z",
 * "clientId": "shop-web", "dryRun": false}}: a sign-out planned for the maintenance window, of the application named
 * by {@code clientId} or, without it, of the whole realm. It is an ordinary planned sign-out: listed in the history,
 * cancellable until it starts.
 */
public final class SystemUpdateEndpoint implements RealmHandler {
    record Input(String reason, String at, String clientId, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final Store store;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public SystemUpdateEndpoint(Playbooks playbooks, Store store, RequestInfo requestInfo, Clock clock) {
        this.playbooks = playbooks;
        this.store = store;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        Optional<Instant> at = Optional.empty();
        if (in.at() == null) {
            problems.add("at", "is required: when the maintenance window starts (RFC 3339, e.g. 2026-12-24T02:00:00Z)");
        } else {
            at = SignOutInput.runAt(in.at(), clock.instant(), problems);
        }
        SignOutScope scope = new SignOutScope.Realm();
        if (in.clientId() != null) {
            Optional<Client> client = store.clients().findByClientId(realm.id(), in.clientId());
            if (client.isEmpty()) {
                problems.add("clientId", "no client '" + in.clientId() + "' in realm '" + realm.name() + "'");
            } else {
                scope = new SignOutScope.Client(client.get().id());
            }
        }
        problems.throwIfAny();
        ctx.json(playbooks.systemUpdate(
                realm,
                scope,
                at.orElseThrow(),
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }
}
