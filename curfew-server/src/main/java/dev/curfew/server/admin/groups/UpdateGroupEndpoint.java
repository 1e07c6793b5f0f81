package dev.curfew.server.admin.groups;

import dev.curfew.core.group.Group;
import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.DuplicateException;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.Problem;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.Map;

/** {@code PUT /admin/realms/{realm}/groups/{id}} with {@code {"name": ...}}: renames the group. */
public final class UpdateGroupEndpoint implements RealmHandler {
    private final GroupAudit audit;
    private final Lookups lookups;

    public UpdateGroupEndpoint(Store store, Lookups lookups, AuditLog audit, RequestInfo requestInfo) {
        this.audit = new GroupAudit(store, audit, requestInfo);
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        Group group = lookups.group(realm, ctx.pathParam("id"));
        String name = GroupName.from(ctx);
        try {
            Map<String, Object> detail = Map.of("group", name, "from", group.name());
            boolean renamed = audit.change(
                    ctx,
                    realm,
                    admin,
                    "group.renamed",
                    "Group renamed",
                    detail,
                    tx -> tx.groups().rename(realm.id(), group.id(), name));
            if (!renamed) {
                throw Problem.notFound("No group with id '" + group.id() + "' in realm '" + realm.name() + "'");
            }
        } catch (DuplicateException e) {
            throw Problem.conflict("The realm already has a group named '" + name + "'");
        }
        Responses.noContent(ctx);
    }
}
