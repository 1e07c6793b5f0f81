package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
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

/**
 * {@code POST /admin/realms/{realm}/playbooks/migration} with {@code {"reason": ..., "maintenance": {"message": ...,
 * "end": ...}, "dryRun": false}}: a maintenance window (required: users are told why they cannot sign in), the realm
 * signed out, and where to read its export. Take the export right after the run, while the window holds.
 */
public final class MigrationEndpoint implements RealmHandler {
    record Input(String reason, IncidentResponseEndpoint.PauseInput maintenance, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public MigrationEndpoint(Playbooks playbooks, RequestInfo requestInfo, Clock clock) {
        this.playbooks = playbooks;
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        if (in.maintenance() == null) {
            problems.add("maintenance", "is required: {\"message\": what users are told, \"end\": optional RFC 3339}");
        }
        var pause = IncidentResponseEndpoint.pause(in.maintenance(), clock.instant(), problems);
        problems.throwIfAny();
        ctx.json(playbooks.migration(
                realm,
                pause.orElseThrow(),
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }
}
