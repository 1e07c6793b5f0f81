package dev.curfew.server.admin.groups;

import dev.curfew.core.realm.Realm;
import dev.curfew.core.store.Store;
import dev.curfew.engine.audit.AuditLog;
import dev.curfew.server.admin.AdminPrincipal;
import dev.curfew.server.admin.Lookups;
import dev.curfew.server.admin.RealmHandler;
import dev.curfew.server.admin.Responses;
import dev.curfew.server.http.RequestInfo;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code DELETE /admin/realms/{realm}/groups/{id}}: deletes the group and its memberships; its members, and their
 * sessions, stay. A sign-out already made by this group keeps the sessions it found.
 */
public final class DeleteGroupEndpoint implements RealmHandler {
    private final GroupAudit audit;
    private final Lookups lookups;

    public DeleteGroupEndpoint(Store store, Lookups lookups, AuditLog audit, RequestInfo requestInfo) {
        this.audit = new GroupAudit(store, audit, requestInfo);
        this.lookups = lookups;
    }

    @Override
    public void handle(Context ctx, Realm realm, AdminPrincipal admin) {
        var group = lookups.group(realm, ctx.pathParam("id"));
        audit.change(
                ctx,
                realm,
                admin,
                "group.deleted",
                "Group deleted",
                Map.of("group", group.name()),
                tx -> tx.groups().delete(realm.id(), group.id()));
        Responses.noContent(ctx);
    }
}
