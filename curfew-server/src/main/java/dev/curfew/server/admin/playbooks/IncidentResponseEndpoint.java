package dev.curfew.server.admin.playbooks;

import dev.curfew.core.privilege.Privilege;
import dev.curfew.core.realm.Realm;
import dev.curfew.engine.playbook.Playbooks;
import dev.curfew.engine.playbook.Playbooks.KeyChoice;
import dev.curfew.server.admin.Actors;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.FieldProblems;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.RequestBody;
import dev.curfew.server.admin.signout.SignOutInput;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /admin/realms/{realm}/playbooks/incident-response} with {@code {"reason": ..., "rotateKey": "no" |
 * "keep-old" | "retire-old", "dryRun": false}}: the whole realm signed out and, when asked, its signing key rotated.
 */
public final class IncidentResponseEndpoint implements RealmHandler {
    static final Map<String, KeyChoice> KEY_CHOICES =
            Map.of("no", KeyChoice.KEEP, "keep-old", KeyChoice.ROTATE, "retire-old", KeyChoice.ROTATE_AND_RETIRE);

    record Input(String reason, String rotateKey, Boolean dryRun) {}

    private final Playbooks playbooks;
    private final RequestInfo requestInfo;

    public IncidentResponseEndpoint(Playbooks playbooks, RequestInfo requestInfo) {
        this.playbooks = playbooks;
        this.requestInfo = requestInfo;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Input in = RequestBody.read(ctx, Input.class);
        FieldProblems problems = new FieldProblems();
        SignOutInput.checkReason(in.reason(), problems);
        KeyChoice keys = KEY_CHOICES.get(in.rotateKey() == null ? "no" : in.rotateKey());
        if (keys == null) {
            problems.add("rotateKey", "must be one of no, keep-old, retire-old");
        }
        problems.throwIfAny();
        ctx.json(playbooks.incidentResponse(
                realm,
                keys,
                in.reason().strip(),
                Actors.of(ctx, admin, Privilege.SYSTEM_ADMINISTRATOR, realm.name(), requestInfo),
                Boolean.TRUE.equals(in.dryRun())));
    }
}
