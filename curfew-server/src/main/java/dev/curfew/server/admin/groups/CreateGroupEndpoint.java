package dev.curfew.server.admin.groups;

import dev.curfew.core.group.Group;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.store.Store;
import dev.curfew.core.util.Secrets;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;

/** {@code POST /admin/realms/{realm}/groups} with {@code {"name": ...}}: creates a group; 409 when the name is taken. */
public final class CreateGroupEndpoint implements RealmHandler {
    private final GroupAudit audit;
    private final RequestInfo requestInfo;
    private final Clock clock;

    public CreateGroupEndpoint(Store store, AuditLog audit, RequestInfo requestInfo, Clock clock) {
        this.audit = new GroupAudit(store, audit, requestInfo);
        this.requestInfo = requestInfo;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Group group = new Group(Secrets.newId(), realm.id(), GroupName.from(ctx), clock.instant());
        try {
            audit.change(ctx, realm, admin, "group.created", "Group created", Map.of("group", group.name()), tx -> {
                tx.groups().create(group);
                return true;
            });
        } catch (DuplicateException e) {
            throw Problem.conflict("The realm already has a group named '" + group.name() + "'");
        }
        Responses.created(
                ctx,
                requestInfo,
                "/admin/realms/" + realm.name() + "/groups/" + group.id(),
                GroupRepresentation.of(group));
    }
}
