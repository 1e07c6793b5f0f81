package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.signout.Recurrence;
import dev.curfew.core.signout.SignOutScope;
import dev.curfew.core.store.Store;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.ScheduleInput;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code POST /admin/realms/{realm}/playbooks/compliance} with {@code {"reason": ..., "recurrence": {"frequency":
 * "weekly", "dayOfWeek": "SUNDAY", "time": "02:00"}, "scope": {optional, as for a sign-out; the whole realm when
 * absent}, "dryRun": false}}: a recurring sign-out (an ordinary schedule, listed and cancellable) and the sessions
 * report of this moment, as CSV and JSON.
 */
public final class ComplianceEndpoint implements RealmHandler {
    record Input(
            String reason, ScheduleInput.RecurrenceInput recurrence, SignOutInput.ScopeInput scope, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final Store store;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public ComplianceEndpoint(Playbooks playbooks, Store store, RequestInfo requestInfo, Clock clock) {
        this.playbooks = playbooks;
        this.store = store;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutScope scope = new SignOutScope.Realm();
        if (in.scope() != null) {
            scope = new SignOutInput(in.scope(), in.reason(), null, null, null)
                    .check(realm, store, clock.instant(), problems)
                    .scope();
        } else {
            SignOutInput.checkReason(in.reason(), problems);
        }
        Recurrence recurrence = ScheduleInput.recurrence(in.recurrence(), problems);
        problems.throwIfAny();
        ctx.json(playbooks.compliance(
                realm,
                scope,
                recurrence,
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.AUTH_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }
}
